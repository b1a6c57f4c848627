"""What waits for the lending desk: the figures and lines of the staff home page.

Each function reads in one query, whatever the number of requests, reservations and loans: a
tally is a conditional count, never a count per row.
The callers pass querysets already scoped by the permission layer (`queries.requests_for`, ...),
so a referrer's figures count only their partner's people. Who is first in line for a ready
device is not here: `queue.ready_for_the_line` is the one rule, for the home page too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from digibank.lending.models import (
    Allocation,
    AllocationStatus,
    DeviceRequest,
    EvidenceSeen,
    Loan,
    RequestStatus,
)
from digibank.lending.queries import overdue_loans
from digibank.messaging.models import Message, MessageKind, MessageStatus
from digibank.organisations.permissions import Access, Perm

R = RequestStatus


class Proof:
    """The values of the request list's "proof" filter."""

    SEEN = "seen"
    MISSING = "missing"


def with_proof(queryset: QuerySet[DeviceRequest], proof: str) -> QuerySet[DeviceRequest]:
    """Requests for which staff saw a proof (`Proof.SEEN`) or none yet (`Proof.MISSING`)."""
    seen = Exists(EvidenceSeen.objects.filter(request=OuterRef("pk")))
    if proof == Proof.SEEN:
        return queryset.filter(seen)
    if proof == Proof.MISSING:
        return queryset.filter(~seen)
    return queryset


class Pickup:
    """The values of the request list's "pick-up" filter (reserved requests only)."""

    TODAY = "today"  # the hand-over is planned for today
    ENDING = "ending"  # not picked up, and the reservation ends within `PICKUP_WARNING_DAYS`


# The coordinator is warned this many days before a reservation ends without a pick-up.
PICKUP_WARNING_DAYS = 2


def with_pickup(
    queryset: QuerySet[DeviceRequest], pickup: str, today: datetime.date
) -> QuerySet[DeviceRequest]:
    """Requests whose reservation is to be picked up today, or whose pick-up time runs out."""
    active = Q(allocations__status=AllocationStatus.ACTIVE)
    if pickup == Pickup.TODAY:
        return queryset.filter(active, allocations__pickup_on=today)
    if pickup == Pickup.ENDING:
        last = today + datetime.timedelta(days=PICKUP_WARNING_DAYS)
        return queryset.filter(active, allocations__pickup_until__lte=last)
    return queryset


def at_hub(queryset: QuerySet[DeviceRequest], hub_id: int) -> QuerySet[DeviceRequest]:
    """Requests whose reserved device waits at this hub (a request has one active reservation)."""
    return queryset.filter(allocations__status=AllocationStatus.ACTIVE, allocations__hub_id=hub_id)


@dataclass(frozen=True)
class RequestTallies:
    """Open requests by the next step they wait for."""

    to_assess: int  # submitted, a proof seen: decide eligibility
    waiting_for_proof: int  # submitted, no proof seen yet
    waiting_for_device_type: int  # eligible, no device type chosen: not on the list yet
    on_waiting_list: int
    reserved: int  # a device is reserved: hand it over


def request_tallies(requests: QuerySet[DeviceRequest]) -> RequestTallies:
    """The open requests of `requests` by their next step, in one query."""
    seen = Exists(EvidenceSeen.objects.filter(request=OuterRef("pk")))
    row = (
        requests.filter(status__in=[R.SUBMITTED, R.ELIGIBLE, R.WAITING, R.RESERVED])
        .annotate(proof_seen=seen)
        .order_by()
        .aggregate(
            to_assess=Count("pk", filter=Q(status=R.SUBMITTED, proof_seen=True)),
            waiting_for_proof=Count("pk", filter=Q(status=R.SUBMITTED, proof_seen=False)),
            waiting_for_device_type=Count("pk", filter=Q(status=R.ELIGIBLE)),
            on_waiting_list=Count("pk", filter=Q(status=R.WAITING)),
            reserved=Count("pk", filter=Q(status=R.RESERVED)),
        )
    )
    return RequestTallies(**row)


@dataclass(frozen=True)
class HubHandOvers:
    hub_id: int
    hub_name: str
    count: int


def _reservations(access: Access) -> QuerySet[Allocation]:
    return access.scope_people(
        Allocation.objects.filter(status=AllocationStatus.ACTIVE),
        Perm.HAND_OVER_DEVICES,
        path="request__person__referrer_partner",
    )


def hand_overs_by_hub(access: Access, today: datetime.date) -> list[HubHandOvers]:
    """The hand-overs planned for today at each hub, in one grouped query.

    A reservation without a planned day is not counted: it waits for the resident to come (the
    coordinator hears when its time runs out, `pickup_tallies`).
    """
    reservations = _reservations(access).filter(pickup_on=today)
    return [
        HubHandOvers(hub_id, hub_name, count)
        for hub_id, hub_name, count in reservations.order_by()
        .values_list("hub_id", "hub__name")
        .annotate(count=Count("id"))
        .order_by("hub__name", "hub_id")
        .values_list("hub_id", "hub__name", "count")
    ]


@dataclass(frozen=True)
class PickupTallies:
    planned_today: int  # the hand-over was agreed for today
    ending: int  # not picked up, and the reservation ends within `PICKUP_WARNING_DAYS` days


def pickup_tallies(access: Access, today: datetime.date) -> PickupTallies:
    """Today's planned hand-overs and the reservations about to end, in one query."""
    last = today + datetime.timedelta(days=PICKUP_WARNING_DAYS)
    row = (
        _reservations(access)
        .order_by()
        .aggregate(
            planned_today=Count("pk", filter=Q(pickup_on=today)),
            ending=Count("pk", filter=Q(pickup_until__lte=last)),
        )
    )
    return PickupTallies(**row)


def with_overdue_reminder_sent(loans: QuerySet[Loan]) -> QuerySet[Loan]:
    """Overdue loans whose "loan ended" message reached the resident, for their current due date.

    The message is found by its dedupe key, which `notify.reminders_for_loans` writes as
    `overdue:loan-<id>:<due date>`: a reminder about an earlier due date (before the loan was
    extended) does not count.
    """
    key = Concat(
        Value("overdue:loan-"),
        Cast(OuterRef("pk"), CharField()),
        Value(":"),
        Cast(OuterRef("due_date"), CharField()),
        output_field=CharField(),
    )
    return loans.filter(
        Exists(
            Message.objects.filter(
                digibank=OuterRef("digibank"),
                kind=MessageKind.OVERDUE,
                status=MessageStatus.SENT,
                dedupe_key=key,
            )
        )
    )


@dataclass(frozen=True)
class LoanTallies:
    overdue: int
    reminded: int  # of the overdue loans: the reminder was sent and the device is still not back


def loan_tallies(access: Access, today: datetime.date | None = None) -> LoanTallies:
    """Overdue loans and, of those, the ones already reminded, in one query."""
    overdue = overdue_loans(access, today or timezone.localdate())
    reminded = with_overdue_reminder_sent(overdue).values("pk")
    row = overdue.order_by().aggregate(
        overdue=Count("pk"), reminded=Count("pk", filter=Q(pk__in=reminded))
    )
    return LoanTallies(**row)
