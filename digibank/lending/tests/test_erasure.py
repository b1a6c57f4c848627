"""Erasing a resident (GDPR art. 17) once their lending is over: refused while a request is open or
a device is on loan; otherwise their requests and loans stay, anonymous, for the statistics."""

import datetime
import json

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Count, ProtectedError
from django.urls import reverse
from django.utils import timezone

from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, AuditEntry
from digibank.core.services import create_api_token
from digibank.devices import impact
from digibank.devices.models import Condition, Device, DeviceEvent
from digibank.devices.tests.helpers import make_donation
from digibank.lending import services
from digibank.lending.models import (
    Allocation,
    DeviceRequest,
    EligibilityDecision,
    EvidenceKind,
    EvidenceSeen,
    Loan,
    LoanKind,
    LoanStatus,
    Outcome,
    RequestStatus,
)
from digibank.lending.tests.helpers import (
    every_check,
    handed_over,
    make_eligible,
    new_request,
    ready_device,
    reserved_request,
    rule,
    waiting_request,
)
from digibank.messaging.models import Message, MessageStatus
from digibank.organisations import services as organisation_services
from digibank.organisations.models import PartnerKind
from digibank.organisations.permissions import SYSTEM
from digibank.people import erasure
from digibank.people.models import Person
from digibank.people.services import delete_person
from digibank.testing import act

pytestmark = pytest.mark.django_db

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


# -- when erasure is refused ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "make_open",
    [new_request, waiting_request, reserved_request],
    ids=["submitted", "waiting", "reserved"],
)
def test_it_refuses_to_erase_a_person_with_an_open_request(world, make_open):
    request = make_open(world.a)
    with pytest.raises(DomainError) as error:
        erase(world.a, world.a.referred_person)
    assert "This person still has an open device request" in error.value.message
    assert request.reference_display in error.value.message
    request.refresh_from_db()
    assert request.person == world.a.referred_person
    assert Person.objects.filter(pk=world.a.referred_person.pk).exists()


def test_it_refuses_to_erase_a_person_with_a_device_on_loan(world):
    loan = handed_over(world.a)
    with pytest.raises(DomainError) as error:
        erase(world.a, world.a.referred_person)
    assert "This person still has a device on loan" in error.value.message
    assert loan.device.asset_tag in error.value.message
    assert "open device request" not in error.value.message  # the handed-over one is closed
    loan.refresh_from_db()
    assert loan.person == world.a.referred_person


def test_a_refusal_leaves_the_closed_rows_as_they_were(world):
    person = world.a.referred_person
    loan, cancelled, _ = a_full_history(world.a, person)
    handed_over(world.a, person=person)  # a second device, still on loan
    with pytest.raises(DomainError):
        erase(world.a, person)
    loan.refresh_from_db()
    cancelled.refresh_from_db()
    assert (loan.person, loan.return_note) == (person, PRIVATE[6])
    assert (cancelled.person, cancelled.close_reason) == (person, PRIVATE[7])
    assert not AuditEntry.objects.filter(
        action=AuditAction.DELETE, object_type="people.person"
    ).exists()


def test_a_refusal_from_messaging_undoes_the_anonymising_of_lending(world, monkeypatch):
    handlers = erasure._handlers
    # Lending's handler first, so that there is something to undo.
    monkeypatch.setattr(
        erasure, "_handlers", {"lending": handlers["lending"], "messaging": handlers["messaging"]}
    )
    person = world.a.person  # contacted by phone: the pick-up message is in the outbox
    loan, cancelled, _ = a_full_history(world.a, person)
    leaving = Message.objects.filter(person=person).first()
    # What the worker does when it takes a message: it is on its way out right now.
    Message.objects.filter(pk=leaving.pk).update(status=MessageStatus.SENDING)
    with pytest.raises(DomainError, match="being sent right now"):
        erase(world.a, person)
    loan.refresh_from_db()
    cancelled.refresh_from_db()
    assert (loan.person, loan.return_note) == (person, PRIVATE[6])
    assert (cancelled.person, cancelled.close_reason) == (person, PRIVATE[7])
    assert loan.erased_person_key is None


def test_deleting_a_person_any_other_way_never_orphans_their_loan(world):
    handed_over(world.a)
    with pytest.raises(ProtectedError):
        Person.objects.get(pk=world.a.referred_person.pk).delete()


def test_the_database_refuses_an_open_request_or_a_loan_without_a_person(world):
    request = waiting_request(world.a)
    with pytest.raises(IntegrityError), transaction.atomic():
        DeviceRequest.objects.filter(pk=request.pk).update(person=None)
    loan = handed_over(world.a, person=world.a.person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Loan.objects.filter(pk=loan.pk).update(person=None)


# -- when the lending is over --------------------------------------------------------------------


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


# -- pages that show an anonymous request or loan ------------------------------------------------


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.users["coordinator"])
    return client


def url(name, **kwargs):
    return reverse(f"lending:{name}", kwargs={"digibank": "mechelen", **kwargs})


@pytest.fixture
def erased(world):
    person = world.a.referred_person
    loan, cancelled, rejected = a_full_history(world.a, person)
    world.erased_person_id = person.pk
    erase(world.a, person)
    loan.refresh_from_db()
    return loan, cancelled, rejected


def assert_nothing_personal(body):
    for text in [*PRIVATE, "Youssef", "El Amrani"]:
        assert text not in body


def test_the_request_page_of_an_erased_person_says_so(coordinator, world, erased):
    loan, cancelled, rejected = erased
    for request in [loan.request, cancelled, rejected]:
        page = coordinator.get(url("request_detail", request_id=request.pk))
        assert page.status_code == 200
        body = page.content.decode()
        assert "Erased person" in body
        assert f"/people/{world.erased_person_id}/" not in body
        assert url("decide", request_id=request.pk) not in body
        assert url("request_edit", request_id=request.pk) not in body
        assert_nothing_personal(body)


def test_the_loan_page_of_an_erased_person_says_so_and_prints_no_agreement(coordinator, erased):
    loan, _, _ = erased
    page = coordinator.get(url("loan_detail", loan_id=loan.pk))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Erased person" in body
    assert "the resident was erased" in body
    assert url("loan_agreement", loan_id=loan.pk) not in body
    assert_nothing_personal(body)
    assert coordinator.get(url("loan_agreement", loan_id=loan.pk)).status_code == 404


@pytest.mark.parametrize("name", ["request_list", "waiting_list", "loan_list", "overdue_list"])
def test_the_lists_show_an_erased_person(coordinator, erased, name):
    page = coordinator.get(url(name))
    assert page.status_code == 200
    if name in {"request_list", "loan_list"}:
        assert "Erased person" in page.content.decode()


def test_the_pages_behind_a_closed_request_of_an_erased_person_still_answer(coordinator, erased):
    loan, _, rejected = erased
    for name in ["hand_over", "allocate", "request_edit", "decide", "evidence_add"]:
        assert coordinator.get(url(name, request_id=rejected.pk)).status_code == 200, name
    response = coordinator.post(
        url("decide", request_id=rejected.pk), {"outcome": "not_eligible", "reason": "Again"}
    )
    assert "It can no longer change." in response.content.decode()
    for name in ["loan_return", "loan_extend", "loan_lost", "loan_ownership"]:
        assert coordinator.get(url(name, loan_id=loan.pk)).status_code == 200, name


def test_the_impact_and_donor_report_pages_count_an_erased_person(coordinator, world):
    acme = organisation_services.create_partner(
        by=SYSTEM, digibank=world.a.digibank, name="Acme Logistics", kind=PartnerKind.COMPANY
    )
    donation = make_donation(world.a.digibank, donor_partner=acme)
    person = world.a.referred_person
    a_full_history(world.a, person, device=ready_device(world.a, donation=donation))
    kwargs = {"digibank": "mechelen", "partner_id": acme.pk}
    before = coordinator.get(reverse("devices:donor_report", kwargs=kwargs)).context["impact"]
    erase(world.a, person)
    page = coordinator.get(reverse("devices:donor_report", kwargs=kwargs))
    assert page.status_code == 200
    assert page.context["impact"].people_reached == before.people_reached == 1
    impact_page = coordinator.get(reverse("devices:impact", kwargs={"digibank": "mechelen"}))
    assert impact_page.status_code == 200
    assert impact_page.context["impact"].people_reached == 1


def test_the_api_lists_an_erased_persons_requests_without_anything_personal(client, world, erased):
    loan, cancelled, _ = erased
    token = create_api_token(user=world.users["coordinator"], name="test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    listed = client.get("/api/digibanks/mechelen/requests", **headers)
    assert listed.status_code == 200
    items = {item["id"]: item for item in listed.json()["items"]}
    assert items[cancelled.pk]["person_id"] is None
    detail = client.get(f"/api/digibanks/mechelen/requests/{loan.request.pk}", **headers)
    assert detail.status_code == 200
    data = detail.json()
    assert data["person_id"] is None
    assert (data["accessibility_needs"], data["household_note"]) == ("", "")
    assert data["status"] == "handed_over"


def test_the_public_status_check_still_gives_the_status_of_an_erased_persons_request(
    client, erased
):
    loan, _, rejected = erased
    for request, text in [
        (loan.request, "You have received your device."),
        (rejected, "We cannot give you a device."),
    ]:
        page = client.post(reverse("lending:public_status"), {"reference": request.reference})
        assert page.status_code == 200
        body = page.content.decode()
        assert text in body
        assert_nothing_personal(body)
