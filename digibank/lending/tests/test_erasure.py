"""Erasing a resident (GDPR art. 17) once their lending is over: their requests and loans stay,
anonymous, for the statistics; one audit entry names what went, never its values."""

import json

import pytest
from django.urls import reverse

from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, AuditEntry
from digibank.devices.models import DeviceEvent
from digibank.lending import services
from digibank.lending.models import (
    Allocation,
    EligibilityDecision,
    EvidenceSeen,
    LoanKind,
    LoanStatus,
    Outcome,
    RequestStatus,
)
from digibank.lending.tests.erasure_history import (
    PRIVATE,
    a_full_history,
    assert_nothing_personal,
    erase,
    statistics,
)
from digibank.lending.tests.helpers import (
    handed_over,
    make_eligible,
    new_request,
    rule,
)
from digibank.messaging.models import Message
from digibank.people.models import Person
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_closed_requests_and_a_returned_loan_stay_without_anything_personal(world):
    person = world.a.referred_person
    loan, cancelled, rejected = a_full_history(world.a, person)
    request = loan.request
    device_id, hub_id = loan.device_id, loan.hub_id
    history = list(
        DeviceEvent.objects.filter(device=loan.device).values_list("pk", "kind", "note", "at")
    )

    person_id = person.pk
    erase(world.a, person)

    assert not Person.objects.filter(pk=person_id).exists()
    request.refresh_from_db()
    assert request.person is None
    assert (request.accessibility_needs, request.household_note) == ("", "")
    assert request.status == RequestStatus.HANDED_OVER
    assert (request.needs, request.device_kind, request.eligibility_rule) == (
        ["school"],
        "laptop",
        rule(world.a),
    )
    assert request.referrer_partner == world.a.partner
    assert request.submitted_at is not None
    for closed, status in [(cancelled, "cancelled"), (rejected, "rejected")]:
        closed.refresh_from_db()
        assert (closed.person, closed.status, closed.close_reason) == (None, status, "")
        assert closed.erased_person_key == request.erased_person_key
    evidence = EvidenceSeen.objects.get(request=request)
    assert (evidence.kind, evidence.note, evidence.seen_by) == (
        "living_wage",
        "",
        world.a.users["coordinator"],
    )
    decisions = EligibilityDecision.objects.filter(request__in=[request, rejected])
    assert sorted(decisions.values_list("outcome", "reason")) == [
        ("eligible", ""),
        ("not_eligible", ""),
    ]
    assert decisions.get(outcome="eligible").rule == rule(world.a)
    assert set(Allocation.objects.filter(request=request).values_list("end_reason", flat=True)) == {
        ""
    }
    loan.refresh_from_db()
    assert loan.person is None
    assert (loan.other_conditions, loan.return_note) == ("", "")
    assert (loan.status, loan.kind, loan.return_condition) == ("returned", "loan", "good")
    assert loan.handed_over_at and loan.returned_at and loan.due_date
    assert (loan.device_id, loan.hub_id) == (device_id, hub_id)
    keys = {request.erased_person_key, cancelled.erased_person_key, loan.erased_person_key}
    assert len(keys) == 1 and None not in keys
    after = list(
        DeviceEvent.objects.filter(device=loan.device).values_list("pk", "kind", "note", "at")
    )
    assert [(pk, kind, at) for pk, kind, _note, at in after] == [
        (pk, kind, at) for pk, kind, _note, at in history
    ]
    assert any(PRIVATE[6] in note for _pk, _kind, note, _at in history)
    assert not [note for _pk, _kind, note, _at in after if any(p in note for p in PRIVATE)]


def test_the_statistics_count_the_same_after_an_erasure(world):
    person = world.a.referred_person
    a_full_history(world.a, person)
    handed_over(world.a, kind=LoanKind.GIFT, person=person)
    handed_over(world.a, person=world.a.person)  # someone else, not erased
    before = statistics(world.a)
    assert before["people_reached"] == 2

    erase(world.a, person)

    assert statistics(world.a) == before


def test_two_erased_people_are_still_counted_as_two(world):
    first = world.a.referred_person
    second = world.a.person
    handed_over(world.a, kind=LoanKind.GIFT, person=first)
    handed_over(world.a, kind=LoanKind.GIFT, person=first)
    handed_over(world.a, kind=LoanKind.GIFT, person=second)
    assert statistics(world.a)["people_reached"] == 2

    erase(world.a, first)
    erase(world.a, second)

    assert statistics(world.a)["people_reached"] == 2


@pytest.mark.parametrize(
    "end",
    ["gift", "ownership", "lost", "stolen"],
)
def test_a_gift_an_owned_or_a_lost_device_has_ended_its_loan(world, end):
    person = world.a.referred_person
    loan = handed_over(world.a, kind=LoanKind.GIFT if end == "gift" else LoanKind.LOAN)
    by = act(world.a.users["coordinator"])
    if end == "ownership":
        services.convert_to_ownership(loan=loan, by=by, conditions_met=True, note="Sara helped")
    elif end in {"lost", "stolen"}:
        services.register_loss(loan=loan, by=by, stolen=end == "stolen", note="On the bus")
    erase(world.a, person)
    loan.refresh_from_db()
    assert loan.person is None
    assert loan.status in {LoanStatus.OWNED, LoanStatus.LOST}
    assert (loan.owned_note, loan.loss_note) == ("", "")
    assert loan.device.events.exists()
    assert not loan.device.events.filter(note__contains="On the bus").exists()


def test_the_messages_to_the_person_go_with_them(world):
    person = world.a.person
    loan = handed_over(world.a, person=person)
    services.register_return(loan=loan, by=act(world.a.users["hub_volunteer"]), condition="good")
    person_id = person.pk
    assert Message.objects.filter(person_id=person_id).count() >= 2  # pick-up, returned

    erase(world.a, person)

    assert not Message.objects.filter(person_id=person_id).exists()
    assert not Message.objects.filter(person__isnull=True).exists()
    loan.refresh_from_db()
    assert loan.person is None


def test_an_erased_persons_request_can_no_longer_change(world):
    person = world.a.referred_person
    rejected = new_request(world.a, person=person)
    services.decide_eligibility(
        request=rejected,
        by=act(world.a.users["coordinator"]),
        outcome=Outcome.NOT_ELIGIBLE,
        reason="Too much income",
    )
    erase(world.a, person)
    with pytest.raises(DomainError, match="was erased"):
        make_eligible(world.a, rejected)
    with pytest.raises(DomainError, match="was erased"):
        services.update_request(
            request=rejected, by=act(world.a.users["coordinator"]), needs=["training"]
        )
    rejected.refresh_from_db()
    assert (rejected.status, rejected.needs) == ("rejected", ["school"])


def test_one_audit_entry_names_the_record_kinds_and_fields_never_their_values(world):
    person = world.a.referred_person
    a_full_history(world.a, person)
    person_id = person.pk
    first_new = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()

    erase(world.a, person)

    entries = AuditEntry.objects.filter(pk__gt=first_new)
    assert entries.count() == 1
    entry = entries.get()
    assert (entry.action, entry.object_type, entry.object_id) == (
        AuditAction.DELETE,
        "people.person",
        str(person_id),
    )
    assert entry.actor == world.a.users["coordinator"]
    for name in [
        "first_name",
        "lending.devicerequest",
        "lending.devicerequest.person",
        "lending.devicerequest.accessibility_needs",
        "lending.devicerequest.household_note",
        "lending.devicerequest.close_reason",
        "lending.evidenceseen.note",
        "lending.eligibilitydecision.reason",
        "lending.allocation.end_reason",
        "lending.loan.person",
        "lending.loan.other_conditions",
        "lending.loan.return_note",
    ]:
        assert name in entry.fields
    written = json.dumps(entry.fields) + entry.note
    for text in [*PRIVATE, "Anna", "Janssens", person.last_name, person.first_name]:
        assert text not in written


def test_the_audit_trail_page_says_in_words_what_was_erased(client, world):
    person = world.a.referred_person
    a_full_history(world.a, person)
    erase(world.a, person)
    client.force_login(world.users["coordinator"])
    page = client.get(
        reverse("people:audit", kwargs={"digibank": "mechelen"}), {"action": "delete"}
    )
    assert page.status_code == 200
    body = page.content.decode()
    for words in ["device requests: household", "loans: note on the return", "proofs seen: note"]:
        assert words in body
    assert_nothing_personal(body)
