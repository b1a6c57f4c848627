"""Help at the hubs: visits by topic and by outcome, appointments, referrals and volunteer hours.

One grouped query per figure, five in all; no row reaches Python, only counts and sums. The
period applies to the visit's time, the appointment's slot, the day a referral was sent and the
shift's start (shifts that have ended only: hours worked, not planned). A hub or municipality
chosen keeps the rows at the hubs there (a referral sent without a hub then does not count).

Hours are not people, but an hour figure of few visits or sign-ups could tell what one
volunteer did: an hours cell is hidden whenever the count it belongs to is (`hours_cells`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, DurationField, ExpressionWrapper, F, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from digibank.help.models import (
    Appointment,
    AppointmentStatus,
    Outcome,
    Referral,
    ReferralStatus,
    ShiftSignUp,
    Visit,
    VisitTopic,
)
from digibank.insights.figures.learning import activity_filters
from digibank.insights.sources import Window
from digibank.insights.suppression import Cell, Hidden, protect_list
from digibank.insights.tables import Row, Table, counts_table, cross_table
from digibank.organisations.models import PartnerKind

TOPIC = ("topic__code", "topic__position", "topic__name_nl", "topic__name_fr", "topic__name_en")


def visits(window: Window) -> QuerySet[Visit]:
    return Visit.objects.filter(
        visited_at__gte=window.start, visited_at__lt=window.end, **activity_filters(window)
    )


def visits_by_topic(window: Window) -> list[tuple[str, str, int]]:
    """(topic code, name, visits) per topic; a visit about two topics counts for both."""
    # A join on the visit, not `visit IN (…)`, and a plain count: a visit has each topic once
    # (unique_help_visit_topic). On PostgreSQL with a region's visits this is ten times faster.
    rows = (
        VisitTopic.objects.filter(
            visit__visited_at__gte=window.start,
            visit__visited_at__lt=window.end,
            **activity_filters(window, "visit__"),
        )
        .values(*TOPIC)
        .annotate(n=Count("id"))
        .order_by("topic__position", "topic__code")
    )
    language = (get_language() or "nl")[:2]
    if language not in ("nl", "fr", "en"):
        language = "nl"
    return [
        (row["topic__code"], row[f"topic__name_{language}"] or row["topic__name_nl"], row["n"])
        for row in rows
    ]


def visits_by_hub_and_outcome(window: Window) -> list[dict[str, Any]]:
    """Per hub and outcome: the visits and their minutes (one query for two tables)."""
    rows = (
        visits(window)
        .values("hub_id", "hub__name", "outcome")
        .annotate(n=Count("id"), minutes=Sum("minutes"))
        .order_by("hub__name", "hub_id")
    )
    return [dict(row) for row in rows]


def visits_by_month(window: Window) -> QuerySet:
    return (
        visits(window)
        .annotate(month=TruncMonth("visited_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    )


def appointments_by_status(window: Window) -> dict[str, int]:
    rows = (
        Appointment.objects.filter(
            slot__starts_at__gte=window.start,
            slot__starts_at__lt=window.end,
            **activity_filters(window, "slot__"),
        )
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["status"]: row["n"] for row in rows}


def referrals_by_kind_and_status(window: Window) -> dict[str, dict[str, int]]:
    """partner kind -> status -> referrals sent in the window."""
    rows = (
        Referral.objects.filter(
            created_at__gte=window.start, created_at__lt=window.end, **activity_filters(window)
        )
        .values("partner__kind", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    result: dict[str, dict[str, int]] = {}
    for row in rows:
        result.setdefault(row["partner__kind"], {})[row["status"]] = row["n"]
    return result


def shift_hours_by_hub(window: Window) -> dict[int, tuple[str, int, datetime.timedelta]]:
    """hub -> (its name, sign-ups, their time) of the shifts that started in the window and have
    ended: the hours volunteers gave."""
    length = ExpressionWrapper(
        F("shift__ends_at") - F("shift__starts_at"), output_field=DurationField()
    )
    rows = (
        ShiftSignUp.objects.filter(
            shift__starts_at__gte=window.start,
            shift__starts_at__lt=window.end,
            shift__ends_at__lte=timezone.now(),
            **activity_filters(window, "shift__"),
        )
        .values("shift__hub_id", "shift__hub__name")
        .annotate(n=Count("id"), time=Sum(length))
        .order_by()
    )
    return {
        row["shift__hub_id"]: (
            row["shift__hub__name"],
            row["n"],
            row["time"] or datetime.timedelta(),
        )
        for row in rows
    }


def hours_cells(counts: list[Cell], hours: list[int]) -> list[Cell]:
    """Hours shown where their count is, hidden (x) where it is not."""
    return [
        Cell(value, Hidden.SECONDARY if count.hidden else None)
        for count, value in zip(counts, hours, strict=True)
    ]


def _hours(time: datetime.timedelta) -> int:
    return round(time.total_seconds() / 3600)


def _volunteer_table(
    by_hub: list[dict[str, Any]], shifts: dict[int, tuple[str, int, datetime.timedelta]]
) -> Table:
    names: dict[int, str] = {row["hub_id"]: row["hub__name"] for row in by_hub}
    names.update({hub: name for hub, (name, _n, _time) in shifts.items()})
    hubs = sorted(names, key=lambda hub: (names[hub], hub))
    visits_n = dict.fromkeys(hubs, 0)
    minutes = dict.fromkeys(hubs, 0)
    for row in by_hub:
        visits_n[row["hub_id"]] += row["n"]
        minutes[row["hub_id"]] += row["minutes"] or 0
    signups, signups_total = protect_list([shifts[hub][1] if hub in shifts else 0 for hub in hubs])
    shift_hours = [_hours(shifts[hub][2]) if hub in shifts else 0 for hub in hubs]
    visit_cells, visits_total = protect_list([visits_n[hub] for hub in hubs])
    visit_hours = [round(minutes[hub] / 60) for hub in hubs]
    columns = [
        hours_cells(signups, shift_hours),
        signups,
        hours_cells(visit_cells, visit_hours),
        visit_cells,
    ]
    return Table(
        key="volunteer_hours",
        title=_("Volunteer hours, per hub"),
        row_heading=_("Hub"),
        columns=[
            ("shift_hours", _("hours of shifts taken")),
            ("shift_signups", _("shifts taken")),
            ("visit_hours", _("hours spent on visits")),
            ("visits", _("help visits")),
        ],
        rows=[
            Row(str(hub), names[hub], [column[n] for column in columns])
            for n, hub in enumerate(hubs)
        ],
        totals=[
            *hours_cells([signups_total], [sum(shift_hours)]),
            signups_total,
            *hours_cells([visits_total], [sum(visit_hours)]),
            visits_total,
        ],
        chart="bar",
        notes=[
            _(
                "Shifts taken: a volunteer signed up for a shift that started in the period and "
                "has ended; its hours are the shift's length. Hours spent on visits: the time "
                "logged with each visit. Hours are hidden (x) where their count is."
            )
        ],
    )


def help_tables(window: Window) -> list[Table]:
    """Visits by topic and by outcome, appointments, referrals, volunteer hours: five queries."""
    by_topic = visits_by_topic(window)
    by_hub = visits_by_hub_and_outcome(window)
    appointments = appointments_by_status(window)
    referrals = referrals_by_kind_and_status(window)
    shifts = shift_hours_by_hub(window)
    outcomes = dict.fromkeys(Outcome.values, 0)
    for row in by_hub:
        outcomes[row["outcome"]] = outcomes.get(row["outcome"], 0) + row["n"]
    visits_label = _("help visits")
    return [
        counts_table(
            "help_visits_topic",
            _("Help visits, by topic"),
            _("Topic"),
            by_topic,
            column=visits_label,
            total=False,
            notes=[_("A visit about two topics counts for both.")],
        ),
        counts_table(
            "help_visits_outcome",
            _("Help visits, by outcome"),
            _("Outcome"),
            [(o.value, o.label, outcomes.get(o.value, 0)) for o in Outcome],
            column=visits_label,
        ),
        counts_table(
            "appointments",
            _("Help appointments, by what became of them"),
            _("Appointment"),
            [(s.value, s.label, appointments.get(s.value, 0)) for s in AppointmentStatus],
            column=_("appointments"),
            notes=[
                _(
                    "Appointments at a time in the period; booked: not yet marked as came or did "
                    "not come."
                )
            ],
        ),
        cross_table(
            "referrals",
            _("Referrals to partners, by kind of partner and where they stand"),
            _("Kind of partner"),
            [(s.value, s.label) for s in ReferralStatus],
            [
                (kind.value, kind.label, [referrals[kind.value].get(s, 0) for s in ReferralStatus])
                for kind in PartnerKind
                if kind.value in referrals
            ],
            chart="",
            notes=[_("Referrals sent in the period, by where they stand today.")],
        ),
        _volunteer_table(by_hub, shifts),
    ]
