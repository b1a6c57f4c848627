"""A resident's lending history to erase: every free-text note typed along the way (none may survive
the erasure), and the figures a report counts (which must not change)."""

import datetime
import json

from django.db.models import Count
from django.utils import timezone

from digibank.devices import impact
from digibank.devices.models import Condition, Device
from digibank.lending import services
from digibank.lending.models import (
    DeviceRequest,
    EligibilityDecision,
    EvidenceKind,
    EvidenceSeen,
    Loan,
    LoanKind,
    Outcome,
)
from digibank.lending.tests.helpers import (
    every_check,
    new_request,
    ready_device,
    rule,
)
from digibank.people.services import delete_person
from digibank.testing import act

# Free text typed about the resident along the way: none of it may survive the erasure.
PRIVATE = [
    "Low vision, large letters",
    "Lives with her two sons",
    "OCMW letter of Anna",
    "Anna lives alone",
    "Anna was ill that day",
    "Come with her daughter Sara",
    "Her son brought it back",
    "Anna moved to Gent",
    "Anna earns too much",
]


def erase(bank, person):
    delete_person(person=person, by=act(bank.users["coordinator"]))


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def a_full_history(bank, person, device=None):
    """A loan that went all the way to its return, with every note typed, and two closed
    requests: one cancelled, one not eligible."""
    coordinator = bank.users["coordinator"]
    request = new_request(
        bank,
        person=person,
        accessibility_needs=PRIVATE[0],
        household_note=PRIVATE[1],
    )
    services.record_evidence(
        request=request, by=act(coordinator), kind=EvidenceKind.LIVING_WAGE, note=PRIVATE[2]
    )
    services.decide_eligibility(
        request=request,
        by=act(coordinator),
        outcome=Outcome.ELIGIBLE,
        rule=rule(bank),
        reason=PRIVATE[3],
    )
    services.allocate(request=request, device=ready_device(bank), by=act(coordinator))
    services.release(request=request, by=act(coordinator), reason=PRIVATE[4])
    services.allocate(request=request, device=device or ready_device(bank), by=act(coordinator))
    loan = services.hand_over(
        request=request,
        by=act(bank.users["hub_volunteer"]),
        kind=LoanKind.LOAN,
        due_date=in_days(90),
        other_conditions=PRIVATE[5],
        checklist=every_check(),
    )
    services.register_return(
        loan=loan, by=act(bank.users["hub_volunteer"]), condition=Condition.GOOD, note=PRIVATE[6]
    )
    cancelled = new_request(bank, person=person)
    services.cancel_request(request=cancelled, by=act(coordinator), reason=PRIVATE[7])
    rejected = new_request(bank, person=person)
    services.decide_eligibility(
        request=rejected, by=act(coordinator), outcome=Outcome.NOT_ELIGIBLE, reason=PRIVATE[8]
    )
    loan.refresh_from_db()
    return loan, cancelled, rejected


def statistics(bank):
    """The figures a report counts: requests per status, need and kind; loans per status."""
    requests = DeviceRequest.objects.filter(digibank=bank.digibank)
    loans = Loan.objects.filter(digibank=bank.digibank)
    figures = impact.impact_of(Device.objects.filter(digibank=bank.digibank))
    return {
        "requests": sorted(
            requests.values_list("status", "device_kind", "eligibility_rule__code", "source")
            .annotate(count=Count("pk"))
            .order_by()
        ),
        "needs": sorted(json.dumps(needs) for needs in requests.values_list("needs", flat=True)),
        "loans": sorted(
            loans.values_list("status", "kind", "hub_id").annotate(count=Count("pk")).order_by()
        ),
        "evidence": sorted(
            EvidenceSeen.objects.filter(request__digibank=bank.digibank).values_list(
                "kind", flat=True
            )
        ),
        "decisions": sorted(
            EligibilityDecision.objects.filter(request__digibank=bank.digibank).values_list(
                "outcome", "rule__code"
            ),
            key=str,
        ),
        "people_reached": figures.people_reached,
        "reused": figures.reused,
    }


def assert_nothing_personal(body):
    for text in [*PRIVATE, "Youssef", "El Amrani"]:
        assert text not in body
