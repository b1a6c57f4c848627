"""The pages, lists, reports and API answers that show a request or loan of an erased resident:
they still answer, and show nothing personal."""

import pytest
from django.urls import reverse

from digibank.core.services import create_api_token
from digibank.devices.tests.helpers import make_donation
from digibank.lending.tests.erasure_history import a_full_history, assert_nothing_personal, erase
from digibank.lending.tests.helpers import (
    ready_device,
)
from digibank.organisations import services as organisation_services
from digibank.organisations.models import PartnerKind
from digibank.organisations.permissions import SYSTEM

pytestmark = pytest.mark.django_db


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
