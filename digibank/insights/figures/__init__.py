"""The dashboard: every figure of a digibank or of the region, protected, in a fixed number of
queries (`QUERIES`, asserted by the tests at two data sizes).

`dashboard(window, period)` reads the counts (`devices.py`, `people.py`), and turns them into
`tables.Table`s, through the suppression, before anything else sees them. The pages, the charts,
the CSV and JSON files and the API all show these tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digibank.devices.models import DeviceKind
from digibank.insights.figures import devices, people, skills
from digibank.insights.figures.activities import activity_tables, activity_trend
from digibank.insights.impact import FACTORS
from digibank.insights.period import Period
from digibank.insights.sources import Window
from digibank.insights.suppression import Cell, protect_one
from digibank.insights.tables import Row, Table, counts_table, cross_table
from digibank.people.models import AgeBand

# The funder's tiers of unique people reached in a year.
TIERS = (1000, 1500, 1750)

STAGES = (
    ("received", gettext_lazy("received")),
    ("wiped", gettext_lazy("wiped")),
    ("ready", gettext_lazy("ready to hand out")),
    ("loaned", gettext_lazy("lent")),
    ("gifted", gettext_lazy("given")),
    ("returned", gettext_lazy("returned")),
    ("repaired", gettext_lazy("repaired")),
    ("recycled", gettext_lazy("recycled")),
)


@dataclass(frozen=True)
class Headlines:
    reached: Cell
    handed_over: Cell
    checks: Cell
    waiting: Cell
    median_wait_days: int | None  # None when the list is empty or shorter than 10


@dataclass(frozen=True)
class Tier:
    people: int
    reached: bool


@dataclass(frozen=True)
class Dashboard:
    period: Period
    headlines: Headlines
    tables: list[Table]

    @property
    def tiers(self) -> list[Tier]:
        count = self.headlines.reached.shown or 0
        return [Tier(people, count >= people) for people in TIERS]

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)


def _month_key(value: object) -> tuple[int, int]:
    return (value.year, value.month)  # type: ignore[attr-defined]


def _trend(window: Window, period: Period) -> Table:
    received, handed_over = devices.device_trend(window)
    checks = (
        people.skills_checks(window)
        .annotate(month=TruncMonth("completed_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    )
    series = [
        {_month_key(row["month"]): row["n"] for row in rows}
        for rows in (received, handed_over, checks, *activity_trend(window))
    ]
    months = period.months()
    return cross_table(
        "trend",
        _("Month by month"),
        _("Month"),
        [
            ("received", _("devices received")),
            ("handed_over", _("devices handed over")),
            ("skills_checks", _("skills checks")),
            ("sessions_held", _("sessions held")),
            ("help_visits", _("help visits")),
        ],
        [
            (
                month.strftime("%Y-%m"),
                date_format(month, "YEAR_MONTH_FORMAT"),
                [s.get(_month_key(month), 0) for s in series],
            )
            for month in months
        ],
    )


def _impact(counts: devices.DeviceCounts) -> Table:
    rows = []
    for kind in DeviceKind:
        stages = counts.by_kind.get(kind, {})
        rows.append(
            (kind.value, kind.label, [stages.get("handed_over", 0), stages.get("recycled", 0)])
        )
    return cross_table(
        "impact_devices",
        _("Devices reused and recycled, per kind"),
        _("Kind of device"),
        [("reused", _("reused (lent or given)")), ("recycled", _("recycled"))],
        [row for row in rows if any(row[2])],
        chart="",
    )


def impact_estimate(table: Table) -> list[tuple[str, str, str, str]]:
    """(kind, kg reused and recycled, CO2e avoided) for the rows whose counts are shown; the
    estimate of a hidden count would reveal it, so such a row says "x"."""
    result = []
    for row in table.rows:
        reused, recycled = row.cells
        if reused.hidden or recycled.hidden:
            result.append((row.key, str(row.label), "x", "x"))
            continue
        factor = FACTORS[row.key]
        kg = (reused.value + recycled.value) * factor.kg
        result.append(
            (row.key, str(row.label), f"{kg:.0f}", f"{reused.value * factor.co2e_kg:.0f}")
        )
    return result


def _headlines(window: Window, counts: devices.DeviceCounts, reached: int) -> Headlines:
    """The headline figures (two or three queries besides the counts given)."""
    waiting = devices.waiting_list(window)  # 1 or 2
    checks = people.check_counts(window)  # 1
    waiting_cell = protect_one(waiting.length)
    return Headlines(
        reached=protect_one(reached),
        handed_over=protect_one(counts.by_stage.get("handed_over", 0)),
        checks=protect_one(checks.completed),
        waiting=waiting_cell,
        median_wait_days=None if waiting_cell.hidden else waiting.median_days,
    )


def headlines(window: Window) -> Headlines:
    """Only the headline figures (the staff home and the region's overview): 5 or 6 queries."""
    return _headlines(window, devices.device_counts(window), people.reached_total(window))


def _progress(window: Window) -> Table:
    """Percentages, not counts: shown only when 10 people or more have two checks."""
    progress = skills.skills_progress(window)  # 3 queries
    people_cell = protect_one(progress.people)
    return Table(
        key="skills_progress",
        title=_("Skills checks: answered “I can do this alone”, first and latest check"),
        row_heading=_("Area"),
        columns=[
            ("first", _("first check (%)")),
            ("latest", _("latest check (%)")),
            ("change", _("change (percentage points)")),
        ],
        rows=[
            Row(a.area, a.name, [Cell(a.first), Cell(a.latest), Cell(a.change)])
            for a in progress.areas
        ],
        chart="",
        notes=[
            _("People with two completed checks or more, linked to them: %(people)s.")
            % {"people": people_cell.text},
            _("Shown from 10 such people: fewer could be recognised."),
        ],
    )


def dashboard(window: Window, period: Period) -> Dashboard:
    """Every figure for the window, protected (a fixed number of queries, see `QUERIES`)."""
    counts = devices.device_counts(window)  # 2 queries
    reached = people.reached_total(window)  # 1
    by_group = people.reached_by_target_group(window)  # 1
    by_band = people.reached_by_age_band(window)  # 1
    by_municipality = people.reached_by_municipality(window)  # 1
    trend = _trend(window, period)  # 5
    headlines = _headlines(window, counts, reached)  # 2 or 3
    nobody = _("people reached")
    tables = [
        counts_table(
            "devices",
            _("Devices, by what happened to them"),
            _("Stage"),
            [(key, label, counts.by_stage.get(key, 0)) for key, label in STAGES],
            column=_("devices"),
            total=False,
            notes=[_("A device counts once for every stage it reached in the period.")],
        ),
        counts_table(
            "reached_target_group",
            _("People reached, by target group"),
            _("Target group"),
            by_group,
            column=nobody,
            total=False,
            notes=[_("A person in two target groups counts in both; people in none are left out.")],
        ),
        counts_table(
            "reached_age_band",
            _("People reached, by age band"),
            _("Age band"),
            [(band.value, band.label, by_band.get(band.value, 0)) for band in AgeBand],
            column=nobody,
        ),
        counts_table(
            "reached_municipality",
            _("People reached, by municipality where they lived at the time"),
            _("Municipality"),
            [(code, name or _("not known"), n) for code, name, n in by_municipality],
            column=nobody,
        ),
        _progress(window),
        trend,
        _impact(counts),
        *activity_tables(window),  # 7 queries
    ]
    return Dashboard(period, headlines, tables)


# The dashboard's queries whatever the data: 23, plus one for the median of a waiting list.
QUERIES = 24
