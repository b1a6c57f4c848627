"""The devices section of a person's staff page (registered with `people.person_page`): their
device requests with where each stands (its place on the waiting list while it waits), and the
loan each led to: the hand-over, the conditions met or not yet met, the return.

A partner's referrer sees it for the people their partner referred, as the request pages
(`VIEW_REQUESTS`); the loan's own page is linked for those who hand devices over. Reads in a fixed
number of queries, however many requests and loans the person has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from digibank.lending.models import DeviceRequest, Loan, LoanConditionMet, RequestStatus
from digibank.lending.queries import requests_for, waiting_places
from digibank.organisations.permissions import Access, Perm
from digibank.people.models import Person


@dataclass(frozen=True)
class RequestRow:
    request: DeviceRequest
    loan: Loan | None
    position: int | None  # on the digibank's waiting list, while it waits
    waiting_total: int | None
    conditions: list[tuple[str, object | None]]


def devices_section(access: Access, person: Person) -> dict[str, Any]:
    requests = list(
        requests_for(access)
        .filter(person=person)
        .select_related("eligibility_rule", "loan__device", "loan__hub")
        .prefetch_related(
            Prefetch("loan__conditions_met", queryset=LoanConditionMet.objects.order_by("id"))
        )
        .order_by("-submitted_at", "-pk")
    )
    waiting = [item for item in requests if item.status == RequestStatus.WAITING]
    # Two queries for the whole waiting list, only when a request waits.
    places = (
        {place.request.pk: place for place in waiting_places(access, waiting)} if waiting else {}
    )
    rows = []
    for item in requests:
        loan: Loan | None = getattr(item, "loan", None)
        place = places.get(item.pk)
        rows.append(
            RequestRow(
                request=item,
                loan=loan,
                position=place.position if place else None,
                waiting_total=place.total if place else None,
                conditions=loan.condition_states() if loan is not None else [],
            )
        )
    return {
        "rows": rows,
        "may_open_loans": access.can(Perm.HAND_OVER_DEVICES)
        and access.may_reach_person(person, Perm.HAND_OVER_DEVICES),
    }
