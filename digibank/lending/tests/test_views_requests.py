"""Staff pages for requests: list and filters, a new request, the request page, eligibility."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from digibank.core.models import AuditAction, AuditEntry
from digibank.lending.models import DeviceRequest, EvidenceSeen, RequestStatus
from digibank.lending.tests.helpers import (
    allow_referrers_to_decide,
    new_request,
    rule,
    waiting_request,
)
from digibank.organisations.permissions import SYSTEM

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"lending:{name}", kwargs={"digibank": "mechelen", **kwargs})


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.users["coordinator"])
    return client


@pytest.fixture
def referrer(client, world):
    client.force_login(world.users["referrer"])
    return client


def test_the_list_shows_the_digibanks_requests_with_filters(coordinator, world):
    laptop = new_request(world.a)
    tablet = new_request(world.a, person=world.a.person, device_kind="tablet", needs=["training"])
    foreign = new_request(world.b)
    body = coordinator.get(url("request_list")).content.decode()
    assert laptop.reference_display in body and tablet.reference_display in body
    assert foreign.reference_display not in body
    body = coordinator.get(url("request_list"), {"kind": "tablet"}).content.decode()
    assert tablet.reference_display in body and laptop.reference_display not in body
    body = coordinator.get(url("request_list"), {"need": "training"}).content.decode()
    assert tablet.reference_display in body and laptop.reference_display not in body
    body = coordinator.get(url("request_list"), {"q": laptop.reference_display.lower()}).content
    assert laptop.reference_display in body.decode()
    assert tablet.reference_display not in body.decode()
    body = coordinator.get(url("request_list"), {"q": "peeters"}).content.decode()
    assert tablet.reference_display in body and laptop.reference_display not in body
    body = coordinator.get(url("request_list"), {"status": "bogus", "q": "x" * 500}).content
    assert b"error-message" in body  # a bad filter is named, the page still works


def test_a_referrer_lists_only_the_requests_of_their_partners_people(referrer, world):
    theirs = new_request(world.a)
    other = new_request(world.a, person=world.a.person)
    body = referrer.get(url("request_list")).content.decode()
    assert theirs.reference_display in body
    assert other.reference_display not in body
    assert referrer.get(url("request_detail", request_id=other.pk)).status_code == 404


def test_the_list_uses_the_same_number_of_queries_for_more_rows(
    coordinator, world, django_assert_max_num_queries
):
    for _ in range(3):
        new_request(world.a)
    with django_assert_max_num_queries(12) as few:
        coordinator.get(url("request_list"))
    for _ in range(30):
        new_request(world.a, person=world.a.person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = coordinator.get(url("request_list"))
    assert response.content.decode().count("/requests/") >= 33


def test_staff_find_the_resident_then_save_the_request(client, world):
    client.force_login(world.users["hub_volunteer"])
    body = client.get(url("request_choose_person"), {"q": "peeters"}).content.decode()
    create = url("request_create", person_id=world.a.person.pk)
    assert create in body
    response = client.post(
        create,
        {
            "needs": ["school", "job_search"],
            "device_kind": "laptop",
            "keyboard_layout": "azerty_be",
            "accessories_wanted": ["mouse"],
            "accessibility_needs": "Large letters",
            "household_note": "",
        },
    )
    created = DeviceRequest.objects.get(person=world.a.person)
    assert response.status_code == 302
    assert response["Location"] == url("request_detail", request_id=created.pk)
    assert created.needs == ["school", "job_search"]
    assert created.accessories_wanted == ["mouse"]


def test_a_request_form_with_bad_input_keeps_what_was_typed(coordinator, world):
    create = url("request_create", person_id=world.a.person.pk)
    response = coordinator.post(
        create,
        {"needs": [], "device_kind": "", "accessibility_needs": "x" * 600, "household_note": "<b>"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose at least one thing the device is for." in body
    assert "Choose a device, or “Not sure yet”." in body
    assert 'id="id_accessibility_needs_error"' in body
    assert escape("<b>") in body
    assert not DeviceRequest.objects.exists()


def test_the_request_page_shows_the_request_and_is_audited(coordinator, world):
    request = waiting_request(world.a)
    body = coordinator.get(url("request_detail", request_id=request.pk)).content.decode()
    assert request.reference_display in body
    assert "Youssef El Amrani" in body
    assert "Number 1 of 1 on the waiting list." in body
    assert rule(world.a).label in body
    assert "Certificate of living wage or social assistance (OCMW)" in body
    assert url("allocate", request_id=request.pk) in body
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_type="lending.devicerequest", object_id=str(request.pk)
    ).exists()


def test_a_referrer_notes_the_proof_and_the_coordinator_decides(referrer, world):
    request = new_request(world.a, by_role="referrer")
    page = referrer.get(url("request_detail", request_id=request.pk)).content.decode()
    assert url("evidence_add", request_id=request.pk) in page
    assert url("decide", request_id=request.pk) not in page
    response = referrer.post(
        url("evidence_add", request_id=request.pk), {"kind": "social_referral", "note": ""}
    )
    assert response.status_code == 302
    assert EvidenceSeen.objects.get(request=request).seen_by == world.users["referrer"]
    decision = {"outcome": "eligible", "rule": rule(world.a, "social_referral").pk, "reason": ""}
    assert referrer.post(url("decide", request_id=request.pk), decision).status_code == 403
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED


def test_a_referrer_decides_their_referral_where_the_digibank_allows_it(referrer, world):
    allow_referrers_to_decide(world.a)
    request = new_request(world.a, by_role="referrer")
    referrer.post(
        url("evidence_add", request_id=request.pk), {"kind": "social_referral", "note": ""}
    )
    page = referrer.get(url("request_detail", request_id=request.pk)).content.decode()
    assert url("decide", request_id=request.pk) in page
    response = referrer.post(
        url("decide", request_id=request.pk),
        {"outcome": "eligible", "rule": rule(world.a, "social_referral").pk, "reason": ""},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING


def test_a_decision_without_the_right_proof_is_explained_next_to_the_rule(coordinator, world):
    request = new_request(world.a)
    response = coordinator.post(
        url("decide", request_id=request.pk),
        {"outcome": "eligible", "rule": rule(world.a, "pupil").pk, "reason": ""},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_rule_error"' in body
    assert "Record the proof you saw first" in body
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED


def test_a_request_is_changed_and_cancelled(coordinator, world):
    request = new_request(world.a)
    response = coordinator.post(
        url("request_edit", request_id=request.pk),
        {
            "needs": ["training"],
            "device_kind": "not_sure",
            "accessibility_needs": "",
            "household_note": "",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.needs, request.device_kind) == (["training"], "")
    response = coordinator.post(
        url("request_cancel", request_id=request.pk), {"reason": "Found one"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED


def test_finding_the_resident_uses_the_same_number_of_queries_for_more_rows(
    coordinator, world, django_assert_max_num_queries
):
    from digibank.people.services import register_person

    def register(count):
        for number in range(count):
            register_person(
                digibank=world.a.digibank,
                by=SYSTEM,
                first_name="Anna",
                last_name="Janssens",
                birth_year=1950 + number,
                contact_method="none",
                allow_duplicate=True,
            )

    register(3)
    page = url("request_choose_person")
    with django_assert_max_num_queries(12) as few:
        coordinator.get(page, {"q": "janssens"})
    register(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = coordinator.get(page, {"q": "janssens"}).content.decode()
    assert body.count("Request a device for Anna Janssens") == 33
