"""Read helpers shared by the views and the API, always scoped by the permission layer."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from digibank.devices.models import Device, DeviceState
from digibank.lending.codes import normalise_code
from digibank.lending.models import (
    Allocation,
    AllocationStatus,
    DeviceRequest,
    EligibilityDecision,
    EligibilityRule,
    EvidenceSeen,
    LendingRegulation,
    Loan,
    LoanKind,
    LoanStatus,
    RequestStatus,
    WaitingListSkip,
)
from digibank.messaging.reminders import ReminderDue
from digibank.organisations.permissions import Access, Perm
from digibank.people.models import normalise_name_part


def requests_for(access: Access) -> QuerySet[DeviceRequest]:
    """The requests this user may see: their digibank's, or only those of their partner's people."""
    return access.scope_people(
        DeviceRequest.objects.all(), Perm.VIEW_REQUESTS, path="person__referrer_partner"
    )


def get_request_for(access: Access, request_id: int) -> DeviceRequest:
    queryset = requests_for(access).select_related(
        "person", "eligibility_rule", "submitted_by", "referrer_partner"
    )
    return get_object_or_404(queryset, pk=request_id)


def with_list_details(queryset: QuerySet[DeviceRequest]) -> QuerySet[DeviceRequest]:
    return queryset.select_related("person", "eligibility_rule", "referrer_partner")


def search_requests(
    queryset: QuerySet[DeviceRequest],
    *,
    text: str = "",
    status: str = "",
    need: str = "",
    kind: str = "",
) -> QuerySet[DeviceRequest]:
    """Filter by reference code or name (however typed), status, need and device kind."""
    text = text.strip()
    code = normalise_code(text)
    if text and len(code) == 8 and code.isalnum() and code.isupper():
        queryset = queryset.filter(Q(reference=code) | Q(person__match_key__contains=code.lower()))
    else:
        for word in text.split():
            key = normalise_name_part(word)
            if key:
                queryset = queryset.filter(person__match_key__contains=key)
    if status in RequestStatus.values:
        queryset = queryset.filter(status=status)
    if need:
        # JSON lists: a contains lookup is not portable to SQLite, so match the quoted code.
        queryset = queryset.filter(needs__icontains=f'"{need}"')
    if kind:
        queryset = queryset.filter(device_kind=kind)
    return queryset


def evidence_of(request: DeviceRequest) -> QuerySet[EvidenceSeen]:
    return request.evidence.select_related("seen_by")


def decisions_of(request: DeviceRequest) -> QuerySet[EligibilityDecision]:
    return request.decisions.select_related("rule", "decided_by")


def allocations_of(request: DeviceRequest) -> QuerySet[Allocation]:
    return request.allocations.select_related("device", "hub", "reserved_by", "ended_by")


def rules_for(access: Access, *, active_only: bool = False) -> QuerySet[EligibilityRule]:
    queryset = access.scope(EligibilityRule.objects.all())
    return queryset.filter(active=True) if active_only else queryset


def regulations_for(access: Access) -> QuerySet[LendingRegulation]:
    return access.scope(LendingRegulation.objects.all()).select_related("published_by")


# The waiting list ----------------------------------------------------------------------------


def waiting_order(queryset: QuerySet[DeviceRequest]) -> QuerySet[DeviceRequest]:
    """Fair and explainable: the rule's priority first (1 before 2), then the longest wait."""
    return queryset.filter(status=RequestStatus.WAITING).order_by(
        "eligibility_rule__priority", "submitted_at", "id"
    )


def waiting_position(device_request: DeviceRequest) -> int:
    """The place of a waiting request on its digibank's list (1 is first), in one COUNT query.

    For the public status page, which needs only this number: the requests ahead are those that
    `waiting_order` puts first (a higher priority, or the same priority and an earlier request,
    the id breaking a tie), counted by the database instead of reading the whole list.
    """
    rule = device_request.eligibility_rule
    if rule is None:
        raise ValueError("Only a waiting request has a place, and it has its eligibility rule.")
    priority = rule.priority
    submitted_at = device_request.submitted_at
    same = Q(eligibility_rule__priority=priority)
    ahead = waiting_order(
        DeviceRequest.objects.filter(digibank_id=device_request.digibank_id)
    ).filter(
        Q(eligibility_rule__priority__lt=priority)
        | same & Q(submitted_at__lt=submitted_at)
        | same & Q(submitted_at=submitted_at, id__lt=device_request.pk)
    )
    return ahead.order_by().count() + 1


SKIP_DETAILS = ("allocation__request", "allocation__device", "allocation__reserved_by")


def skips_of(request: DeviceRequest) -> list[WaitingListSkip]:
    """The times this request was passed over, newest first."""
    return list(request.skips.select_related(*SKIP_DETAILS).order_by("-id"))


def with_skips(queryset: QuerySet[DeviceRequest]) -> QuerySet[DeviceRequest]:
    """Each request's times of being passed over (`request.skips.all()`), in one more query."""
    return queryset.prefetch_related(
        Prefetch(
            "skips",
            queryset=WaitingListSkip.objects.select_related(*SKIP_DETAILS).order_by("-id"),
        )
    )


@dataclass(frozen=True)
class WaitingPlace:
    """Why a request stands where it does on the waiting list."""

    request: DeviceRequest
    position: int
    total: int
    priority: int
    higher_priority_ahead: int
    same_priority_ahead: int
    days_waiting: int
    ready_devices: int  # ready devices of the kind asked for, right now


def waiting_places(
    access: Access, requests: Iterable[DeviceRequest], today: datetime.date | None = None
) -> list[WaitingPlace]:
    """The place of each request on the digibank's whole waiting list, with its reasons.

    Positions count every waiting request of the digibank, also those a referrer cannot see, so a
    referrer sees the same position the coordinator sees. Two queries, whatever the list's length.
    """
    today = today or timezone.localdate()
    order = list(
        waiting_order(access.scope(DeviceRequest.objects.all())).values_list(
            "id", "eligibility_rule__priority"
        )
    )
    position_of = {request_id: index for index, (request_id, _) in enumerate(order, start=1)}
    # The list is sorted by priority, so the requests of a higher priority (a lower number) are
    # exactly those before the first request of this priority: its index counts them.
    higher_than: dict[int, int] = {}
    for index, (_, priority) in enumerate(order):
        higher_than.setdefault(priority, index)
    ready = dict(
        access.scope(Device.objects.filter(state=DeviceState.READY))
        .values("kind")
        .annotate(count=Count("id"))
        .values_list("kind", "count")
    )
    places = []
    for request in requests:
        position = position_of.get(request.pk)
        rule = request.eligibility_rule
        if position is None or rule is None:  # not waiting (a waiting request has its rule)
            continue
        priority = rule.priority
        higher = higher_than[priority]
        places.append(
            WaitingPlace(
                request=request,
                position=position,
                total=len(order),
                priority=priority,
                higher_priority_ahead=higher,
                same_priority_ahead=position - 1 - higher,
                days_waiting=(today - timezone.localtime(request.submitted_at).date()).days,
                ready_devices=ready.get(request.device_kind, 0),
            )
        )
    return places


# Loans ---------------------------------------------------------------------------------------


def loans_for(access: Access) -> QuerySet[Loan]:
    """The loans this user may see: those of the people their hand-over permission reaches."""
    return access.scope_people(
        Loan.objects.all(), Perm.HAND_OVER_DEVICES, path="person__referrer_partner"
    )


def loans_with_details(queryset: QuerySet[Loan]) -> QuerySet[Loan]:
    return queryset.select_related("person", "device", "hub", "request")


def get_loan_for(access: Access, loan_id: int) -> Loan:
    queryset = loans_for(access).select_related(
        "person",
        "device",
        "hub__municipality",
        "request",
        "regulation",
        "handed_over_by",
        "received_by",
        "digibank",
    )
    return get_object_or_404(queryset, pk=loan_id)


def overdue_loans(access: Access, today: datetime.date | None = None) -> QuerySet[Loan]:
    """Loans past their date, the longest overdue first."""
    today = today or timezone.localdate()
    return (
        loans_for(access)
        .filter(status=LoanStatus.ACTIVE, kind=LoanKind.LOAN, due_date__lt=today)
        .order_by("due_date", "id")
    )


def find_loan_by_tag(access: Access, tag: str) -> Loan | None:
    """The active loan of the device with this asset tag (any case, spaces ignored)."""
    wanted = "".join(tag.split()).upper()
    if not wanted:
        return None
    return (
        loans_for(access)
        .filter(status=LoanStatus.ACTIVE, device__asset_tag__iexact=wanted)
        .select_related("device")
        .first()
    )


def loans_needing_reminders(today: datetime.date) -> Iterator[ReminderDue]:
    """Lending's reminder source for messaging's planner (registered in apps.py).

    Every digibank: pick-up ready for active reservations, due soon and overdue for loans, and
    condition reminders two weeks after the hand-over. Each carries a dedupe key, so asking again
    the same day, or the next, never sends one twice.
    """
    from digibank.lending.notify import (
        CONDITION_REMINDER_AFTER_DAYS,
        DUE_SOON_DAYS,
        reminders_for_loans,
    )

    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    conditions_from = timezone.make_aware(
        datetime.datetime.combine(
            today - datetime.timedelta(days=CONDITION_REMINDER_AFTER_DAYS - 1), datetime.time()
        )
    )
    loans = list(
        Loan.objects.filter(status=LoanStatus.ACTIVE)
        .filter(Q(due_date__lte=soon) | Q(handed_over_at__lt=conditions_from))
        .select_related("digibank", "person", "device", "hub")
        .order_by("id")
    )
    allocations = list(
        Allocation.objects.filter(status=AllocationStatus.ACTIVE)
        .select_related("digibank", "request__person", "device", "hub__municipality")
        .prefetch_related("hub__opening_hours", "hub__opening_exceptions")  # hours in the message
        .order_by("id")
    )
    return reminders_for_loans(loans, allocations, today)


def request_with_history(queryset: QuerySet[DeviceRequest]) -> QuerySet[DeviceRequest]:
    """A request page: its proofs, decisions and reservations in a fixed number of queries."""
    return queryset.prefetch_related(
        Prefetch("evidence", queryset=EvidenceSeen.objects.select_related("seen_by")),
        Prefetch(
            "decisions",
            queryset=EligibilityDecision.objects.select_related("rule", "decided_by"),
        ),
        Prefetch(
            "allocations",
            queryset=Allocation.objects.select_related("device", "hub", "reserved_by"),
        ),
    )
