"""What the yearly report says, read in a fixed number of queries: the digibank's protected
dashboard for one calendar year, grouped into the report's sections, and its partners.

The figures are the dashboard's own tables (`figures.dashboard`), so the report shows exactly
what the figures page shows for the same year, suppression included ("<10", "x"). The sections
only give the known tables an order and an introduction; a table the dashboard gains later is
placed by `section_of` and appears in the report with no change here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.insights.figures import Dashboard, dashboard
from digibank.insights.period import calendar_year
from digibank.insights.sources import Window, registered
from digibank.insights.tables import Table
from digibank.organisations.models import Digibank, Partner

# The report goes back this many full years (the figures page offers three).
YEARS_BACK = 5
REPORT_LANGUAGES = ("nl", "fr", "en")

# (section key, the table keys it holds, in this order). A table not named here goes to the
# section of its key's prefix (`PREFIXES`), else to the activities.
KNOWN = (
    (
        "activities",
        (
            "devices",
            "sessions",
            "help_visits_topic",
            "appointments",
            "referrals",
            "volunteer_hours",
            "trend",
        ),
    ),
    ("reach", ("reached_target_group", "reached_age_band", "reached_municipality")),
    ("outcomes", ("skills_progress", "enrolments", "help_visits_outcome")),
    ("impact", ("impact_devices",)),
)
PREFIXES = (("reached_", "reach"), ("skills_", "outcomes"), ("impact_", "impact"))


def report_years(today: datetime.date | None = None) -> list[int]:
    """The years a report can be made for, the last full year first; the current year (so far)
    comes last."""
    today = today or timezone.localdate()
    return [*range(today.year - 1, today.year - 1 - YEARS_BACK, -1), today.year]


def report_language(active: str | None) -> str:
    """The user's language when the report is written in it, else Dutch."""
    language = (active or "").split("-")[0]
    return language if language in REPORT_LANGUAGES else REPORT_LANGUAGES[0]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    tables: list[Table]


@dataclass(frozen=True)
class PartnerLine:
    name: str
    kind: str
    role: str


@dataclass(frozen=True)
class ReportData:
    digibank: str
    region: str
    year: int
    complete: bool  # False for the current year, still running
    made_on: datetime.date
    language: str
    board: Dashboard
    sections: list[Section]
    partners: list[PartnerLine]
    sources: list[str]  # what counts as reaching a person (loans, skills checks, ...)


def _titles() -> dict[str, tuple[str, str]]:
    return {
        "activities": (
            _("Activities"),
            _(
                "What the digibank did in the year: devices taken in, wiped, made ready and "
                "handed out, and the work month by month."
            ),
        ),
        "reach": (
            _("Reach"),
            _(
                "The people reached, each counted once whatever help they got, by target group, "
                "age band and the municipality where they live."
            ),
        ),
        "outcomes": (
            _("Outcomes"),
            _(
                "What people gained: their skills at their first and their latest skills check "
                "in the year."
            ),
        ),
        "impact": (
            _("Impact"),
            _("Devices given a second life or recycled, and the estimated weight and CO2e."),
        ),
    }


def section_of(key: str) -> str:
    for section, keys in KNOWN:
        if key in keys:
            return section
    return next((section for prefix, section in PREFIXES if key.startswith(prefix)), "activities")


def sections(board: Dashboard) -> list[Section]:
    """Every table of the dashboard in a section: the known ones in their order, then the
    others in the dashboard's order."""
    order = {key: n for _section, keys in KNOWN for n, key in enumerate(keys)}
    titles = _titles()
    grouped: dict[str, list[Table]] = {key: [] for key, _keys in KNOWN}
    for table in sorted(board.tables, key=lambda t: order.get(t.key, len(order))):
        grouped[section_of(table.key)].append(table)
    return [Section(key, *titles[key], tables) for key, tables in grouped.items() if tables]


def partner_lines(digibank: Digibank) -> list[PartnerLine]:
    """The digibank's active partner organisations and the role each plays (one query). Their
    contact people are personal data and stay out."""
    partners = Partner.objects.filter(digibank=digibank, active=True).order_by("name")
    return [
        PartnerLine(partner.name, str(partner.get_kind_display()), partner.description)
        for partner in partners.only("name", "kind", "description")
    ]


def report_data(
    digibank: Digibank, year: int, *, language: str, today: datetime.date | None = None
) -> ReportData:
    """The report of `digibank` for `year`; build it inside `translation.override(language)`
    so the dashboard's titles are in the report's language. A fixed number of queries:
    `figures.QUERIES` plus the region and the partners."""
    today = today or timezone.localdate()
    period = calendar_year(year)
    window = Window(digibank_ids=(digibank.pk,), start=period.start, end=period.end)
    board = dashboard(window, period)
    return ReportData(
        digibank=digibank.name,
        region=digibank.region.name,
        year=year,
        complete=year < today.year,
        made_on=today,
        language=language,
        board=board,
        sections=sections(board),
        partners=partner_lines(digibank),
        sources=[str(source.label) for source in registered()],
    )
