"""Learning figures: the sessions held, their seats and fill rate, and how the enrolments ended.

Two grouped queries (sessions per module level, enrolments per level and status); no row reaches
Python. A session counts when it started in the period and before now and was not cancelled
(`held`); with a hub or municipality chosen, only sessions at the hubs there (an online session
has no hub). The fill rate is a share of seats: shown only when the seats offered are 10 or more
and the seats taken are shown, since a rate over a known number of seats would reveal a hidden
count (`rate_cell`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digibank.insights.sources import Window
from digibank.insights.suppression import THRESHOLD, Cell, Hidden, protect_list
from digibank.insights.tables import Row, Table, cross_table
from digibank.skills.models import Enrolment, EnrolmentStatus, Session, SessionStatus

E = EnrolmentStatus
# How the enrolments holding a seat stand, in the order the table shows them.
OUTCOMES = (
    (E.ENROLLED, gettext_lazy("not yet recorded")),
    (E.ATTENDED, gettext_lazy("came, not completed")),
    (E.COMPLETED, gettext_lazy("completed (certificate)")),
    (E.NO_SHOW, gettext_lazy("did not come")),
)


def activity_filters(window: Window, prefix: str = "") -> dict[str, object]:
    """Filters on rows at a hub (through `prefix`, e.g. "session__"): these digibanks, and the
    chosen hub or the hubs of the chosen municipality."""
    where: dict[str, object] = {f"{prefix}digibank_id__in": window.digibank_ids}
    if window.hub_id is not None:
        where[f"{prefix}hub_id"] = window.hub_id
    if window.municipality_id is not None:
        where[f"{prefix}hub__municipality_id"] = window.municipality_id
    return where


def held_sessions(window: Window) -> QuerySet[Session]:
    """Sessions not cancelled that started in the window, and before now."""
    return (
        Session.objects.filter(starts_at__gte=window.start, starts_at__lt=window.end)
        .filter(starts_at__lt=timezone.now(), **activity_filters(window))
        .exclude(status=SessionStatus.CANCELLED)
    )


@dataclass(frozen=True)
class LevelSessions:
    level: int
    sessions: int
    seats_offered: int


def sessions_by_level(window: Window) -> list[LevelSessions]:
    rows = (
        held_sessions(window)
        .values("module__level")
        .annotate(n=Count("id"), seats=Sum("capacity"))
        .order_by("module__level")
    )
    return [LevelSessions(row["module__level"], row["n"], row["seats"] or 0) for row in rows]


def enrolments_by_level(window: Window) -> dict[int, dict[str, int]]:
    """level -> status -> enrolments of the held sessions (those holding a seat)."""
    rows = (
        Enrolment.objects.filter(session__in=held_sessions(window))
        .filter(status__in=[status for status, _label in OUTCOMES])
        .values("session__module__level", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    result: dict[int, dict[str, int]] = {}
    for row in rows:
        result.setdefault(row["session__module__level"], {})[row["status"]] = row["n"]
    return result


def sessions_by_month(window: Window) -> QuerySet:
    return (
        held_sessions(window)
        .annotate(month=TruncMonth("starts_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    )


def rate_cell(part: Cell, base: Cell) -> Cell:
    """`part` as a percent of `base`: shown only when both are shown and the base is 10 or more
    (a share of fewer could single someone out; of a hidden count it would reveal it)."""
    if part.hidden or base.hidden or base.value < THRESHOLD:
        return Cell(0, Hidden.SECONDARY)
    return Cell(round(100 * part.value / base.value))


def level_label(level: int) -> str:
    return _("level %(level)d") % {"level": level}


def learning_tables(window: Window) -> list[Table]:
    """The sessions table and the enrolments table (two queries)."""
    sessions = sessions_by_level(window)
    enrolments = enrolments_by_level(window)
    levels = sorted({s.level for s in sessions} | set(enrolments))
    held = {s.level: s for s in sessions}
    outcome_table = cross_table(
        "enrolments",
        _("Enrolments in the sessions held, by how they ended"),
        _("Module level"),
        [(status.value, label) for status, label in OUTCOMES],
        [
            (
                str(level),
                level_label(level),
                [enrolments.get(level, {}).get(status, 0) for status, _label in OUTCOMES],
            )
            for level in levels
        ],
        chart="",
        notes=[
            _(
                "The total is the seats taken: enrolments on the waiting list or cancelled are "
                "left out."
            ),
            _("Each completed enrolment has a certificate."),
        ],
    )
    sessions_cells, sessions_total = protect_list(
        [held[level].sessions if level in held else 0 for level in levels]
    )
    seats_cells, seats_total = protect_list(
        [held[level].seats_offered if level in held else 0 for level in levels]
    )
    taken = [row.total or Cell(0) for row in outcome_table.rows]
    session_table = Table(
        key="sessions",
        title=_("Sessions held, per module level"),
        row_heading=_("Module level"),
        columns=[
            ("sessions", _("sessions held")),
            ("seats_offered", _("seats offered")),
            ("fill_rate", _("fill rate (%)")),
        ],
        rows=[
            Row(str(level), level_label(level), [held_cell, seats, rate_cell(seats_taken, seats)])
            for level, held_cell, seats, seats_taken in zip(
                levels, sessions_cells, seats_cells, taken, strict=True
            )
        ],
        totals=[
            sessions_total,
            seats_total,
            rate_cell(outcome_table.grand_total or Cell(0), seats_total),
        ],
        chart="bar",
        notes=[
            _(
                "Sessions not cancelled that started in the period. The fill rate is the seats "
                "taken (the total of the enrolments below) out of the seats offered, shown only "
                "from 10 seats offered and when the seats taken are shown (x otherwise)."
            )
        ],
    )
    return [session_table, outcome_table]
