"""Scoped reads of visits, the queue, referrals and shifts, shared by the pages, the API and the
staff home. Each starts from `access.scope(...)` and costs a fixed number of queries, whatever the
number of rows (the tests assert it at two sizes)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from digibank.help.models import Arrival, Referral, Shift, ShiftSignUp, Visit, VisitTopic
from digibank.organisations.models import Hub
from digibank.organisations.permissions import Access, Perm

# How far ahead the shift pages look.
SHIFT_WEEKS = 6


def start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def hubs_for(access: Access) -> QuerySet[Hub]:
    return access.scope(Hub.objects.filter(active=True)).select_related("digibank")


def get_hub_for(access: Access, hub_id: int) -> Hub:
    return get_object_or_404(hubs_for(access), pk=hub_id)


# The queue


def queue_at(access: Access, hub: Hub) -> list[Arrival]:
    """Today's queue at the hub: who is waiting and who is being helped, by arrival."""
    return list(
        access.scope(Arrival.objects.filter(hub=hub, finished_at=None))
        .filter(arrived_at__gte=start_of(timezone.localdate()))
        .select_related("helped_by")
    )


def get_arrival_for(access: Access, hub: Hub, arrival_id: int) -> Arrival:
    return get_object_or_404(access.scope(Arrival.objects.filter(hub=hub)), pk=arrival_id)


@dataclass(frozen=True)
class HubQueue:
    hub_id: int
    hub_name: str
    waiting: int
    helping: int


def queue_tallies(access: Access, hub_ids: set[int] | None = None) -> list[HubQueue]:
    """Waiting and being helped now, per active hub (of `hub_ids` when given): one query."""
    today = start_of(timezone.localdate())
    open_today = Q(help_arrivals__finished_at=None, help_arrivals__arrived_at__gte=today)
    hubs = hubs_for(access)
    if hub_ids is not None:
        hubs = hubs.filter(pk__in=hub_ids)
    rows = hubs.annotate(
        waiting=Count("help_arrivals", filter=open_today & Q(help_arrivals__helping_since=None)),
        helping=Count(
            "help_arrivals", filter=open_today & Q(help_arrivals__helping_since__isnull=False)
        ),
    ).order_by("name")
    return [HubQueue(hub.pk, hub.name, hub.waiting, hub.helping) for hub in rows]


# Visits: figures only


@dataclass(frozen=True)
class VisitCounts:
    visits: int
    minutes: int
    by_outcome: dict[str, int]
    by_how: dict[str, int]
    by_topic: dict[int, int]


def visit_counts(
    access: Access,
    *,
    since: datetime.date,
    until: datetime.date,
    hub_id: int | None = None,
) -> VisitCounts:
    """Counts of the visits from `since` to `until` (both included), in three queries."""
    visits = access.scope(Visit.objects.all()).filter(
        visited_at__gte=start_of(since), visited_at__lt=start_of(until + datetime.timedelta(1))
    )
    if hub_id is not None:
        visits = visits.filter(hub_id=hub_id)
    totals = visits.aggregate(visits=Count("id"), minutes=Sum("minutes"))
    by_outcome: dict[str, int] = {}
    by_how: dict[str, int] = {}
    for row in visits.order_by().values("outcome", "how").annotate(n=Count("id")):
        by_outcome[row["outcome"]] = by_outcome.get(row["outcome"], 0) + row["n"]
        by_how[row["how"]] = by_how.get(row["how"], 0) + row["n"]
    by_topic = dict(
        VisitTopic.objects.filter(visit__in=visits.values("pk"))
        .order_by()
        .values_list("topic_id")
        .annotate(n=Count("id"))
        .values_list("topic_id", "n")
    )
    return VisitCounts(
        visits=totals["visits"] or 0,
        minutes=totals["minutes"] or 0,
        by_outcome=by_outcome,
        by_how=by_how,
        by_topic=by_topic,
    )


def get_visit_for(access: Access, visit_id: int) -> Visit:
    return get_object_or_404(access.scope(Visit.objects.select_related("hub")), pk=visit_id)


# Referrals


def _referrals(access: Access) -> QuerySet[Referral]:
    return access.scope(Referral.objects.all()).select_related("partner", "hub", "person")


def sent_referrals(access: Access) -> QuerySet[Referral]:
    """The digibank's referrals, for the hubs that sent them (`REFER_PEOPLE`)."""
    return _referrals(access) if access.can(Perm.REFER_PEOPLE) else Referral.objects.none()


def incoming_referrals(access: Access) -> QuerySet[Referral]:
    """The referrals sent to the partners `HANDLE_REFERRALS` reaches: a referrer's own partner."""
    return access.scope_people(_referrals(access), Perm.HANDLE_REFERRALS, path="partner")


def referral_tallies(referrals: QuerySet[Referral]) -> dict[str, int]:
    """How many referrals are in each state: one query."""
    return dict(
        referrals.order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )


def get_incoming_referral_for(access: Access, referral_id: int) -> Referral:
    return get_object_or_404(incoming_referrals(access), pk=referral_id)


# Shifts


def upcoming_shifts(access: Access, *, hub_id: int | None = None) -> QuerySet[Shift]:
    """The shifts of the next weeks, each with its number of volunteers and whether the user
    took one of its places: one query."""
    now = timezone.now()
    shifts = access.scope(Shift.objects.all()).filter(
        ends_at__gt=now, starts_at__lt=now + datetime.timedelta(weeks=SHIFT_WEEKS)
    )
    if hub_id is not None:
        shifts = shifts.filter(hub_id=hub_id)
    mine = ShiftSignUp.objects.filter(shift=OuterRef("pk"), volunteer=access.user)
    return (
        shifts.select_related("hub")
        .annotate(taken=Count("signups"), mine=Exists(mine))
        .order_by("starts_at", "hub__name", "pk")
    )


def coverage_gaps(access: Access, *, hub_id: int | None = None) -> QuerySet[Shift]:
    """The coming shifts that still miss volunteers, soonest first."""
    return upcoming_shifts(access, hub_id=hub_id).filter(Q(taken__lt=F("volunteers_needed")))


def next_shifts_of(access: Access, limit: int = 5) -> list[Shift]:
    """The user's own coming shifts here."""
    return list(
        access.scope(Shift.objects.all())
        .filter(signups__volunteer=access.user, ends_at__gt=timezone.now())
        .select_related("hub")
        .order_by("starts_at", "pk")[:limit]
    )


def hubs_of_todays_shifts(access: Access) -> set[int]:
    """The hubs where the user has a shift today: their hubs for the staff home."""
    today = timezone.localdate()
    return set(
        access.scope(Shift.objects.all())
        .filter(
            signups__volunteer=access.user,
            starts_at__lt=start_of(today + datetime.timedelta(1)),
            ends_at__gt=start_of(today),
        )
        .values_list("hub_id", flat=True)
    )
