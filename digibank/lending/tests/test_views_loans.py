"""Staff pages from the waiting list to the return: reserve, hand over, the loan, the desk."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.devices.models import DeviceState
from digibank.lending.models import Loan, LoanStatus, RequestStatus
from digibank.lending.tests.helpers import (
    every_check,
    handed_over,
    ready_device,
    reserved_request,
    waiting_request,
)

pytestmark = pytest.mark.django_db


def freeze_today(day: datetime.date):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


def url(name, **kwargs):
    return reverse(f"lending:{name}", kwargs={"digibank": "mechelen", **kwargs})


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.users["coordinator"])
    return client


@pytest.fixture
def volunteer(client, world):
    client.force_login(world.users["hub_volunteer"])
    return client


def test_the_waiting_list_page_says_why_each_request_stands_where_it_does(coordinator, world):
    first = waiting_request(world.a, code="pupil")
    second = waiting_request(world.a, code="job_seeker", person=world.a.person)
    body = coordinator.get(url("waiting_list")).content.decode()
    assert body.index(first.reference_display) < body.index(second.reference_display)
    assert "Rule “Pupil referred by a school”: priority 1." in body
    assert "Before it: 1 request with a higher priority." in body
    assert "No request comes before it." in body


def test_the_waiting_list_uses_the_same_number_of_queries_for_more_rows(
    coordinator, world, django_assert_max_num_queries
):
    for _ in range(3):
        waiting_request(world.a)
    with django_assert_max_num_queries(12) as few:
        coordinator.get(url("waiting_list"))
    for _ in range(30):
        waiting_request(world.a, person=world.a.person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = coordinator.get(url("waiting_list"))
    assert "33 requests are waiting." in response.content.decode()


def test_the_reservation_page_lists_the_devices_that_fit_and_reserves_one(coordinator, world):
    request = waiting_request(world.a)
    fits = ready_device(world.a)
    too_weak = ready_device(world.a, memory_gb=2)
    page = coordinator.get(url("allocate", request_id=request.pk)).content.decode()
    assert fits.asset_tag in page
    assert too_weak.asset_tag not in page
    assert "8 GB memory: enough for school or homework." in page
    response = coordinator.post(
        url("allocate", request_id=request.pk), {"device": fits.pk, "hub": ""}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.RESERVED
    fits.refresh_from_db()
    assert fits.state == DeviceState.RESERVED


def test_a_device_taken_meanwhile_gives_a_clear_message(coordinator, world):
    request = waiting_request(world.a)
    device = ready_device(world.a)
    reserved_request(world.a, device=device, person=world.a.person)
    response = coordinator.post(
        url("allocate", request_id=request.pk), {"device": device.pk, "hub": ""}
    )
    assert response.status_code == 200
    assert "This device is no longer available. Choose another device." in response.content.decode()


def test_the_hand_over_page_prints_the_agreement_with_the_typed_terms(volunteer, world):
    request = reserved_request(world.a)
    page = volunteer.get(url("hand_over", request_id=request.pk)).content.decode()
    agreement = url("hand_over_agreement", request_id=request.pk)
    assert f'formaction="{agreement}"' in page
    due = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    terms = {"kind": "loan", "due_date": due, "language": "en", "other_conditions": ""}
    response = volunteer.post(agreement, terms)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    wrong = volunteer.post(agreement, {**terms, "due_date": "2001-01-01"})
    assert wrong.status_code == 200
    assert "The date to bring it back must be after today." in wrong.content.decode()
    assert not Loan.objects.exists()


def test_the_hand_over_needs_the_checklist_and_then_opens_the_loan(volunteer, world):
    request = reserved_request(world.a)
    due = (timezone.localdate() + datetime.timedelta(days=90)).isoformat()
    data = {"kind": "loan", "due_date": due, "language": "nl", "other_conditions": ""}
    response = volunteer.post(url("hand_over", request_id=request.pk), data)
    assert response.status_code == 200
    assert "Do every point of the checklist before handing over." in response.content.decode()
    response = volunteer.post(
        url("hand_over", request_id=request.pk), {**data, "checklist": every_check()}
    )
    loan = Loan.objects.get(request=request)
    assert response.status_code == 302
    assert response["Location"] == url("loan_detail", loan_id=loan.pk)
    page = volunteer.get(response["Location"]).content.decode()
    assert "on loan to Youssef El Amrani" in page
    assert url("loan_agreement", loan_id=loan.pk) in page
    assert "Agreement (PDF), in Dutch, regulation version 1" in page


def test_a_device_is_taken_back_at_the_desk_by_its_tag(volunteer, world):
    loan = handed_over(world.a)
    response = volunteer.post(url("find_loan"), {"tag": loan.device.asset_tag.lower()})
    assert response.status_code == 302
    assert response["Location"] == url("loan_return", loan_id=loan.pk)
    page = volunteer.get(response["Location"]).content.decode()
    assert "Charger" in page  # the device came with a charger: it can be ticked as missing
    response = volunteer.post(
        url("loan_return", loan_id=loan.pk),
        {"condition": "good", "missing_accessories": ["charger"], "note": ""},
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.RETURNED
    assert loan.missing_accessories == ["charger"]
    unknown = volunteer.post(url("find_loan"), {"tag": "NOPE-1"})
    assert "No device on loan has the tag NOPE-1." in unknown.content.decode()


def test_loss_extension_and_ownership_pages(coordinator, world):
    loan = handed_over(world.a, conditions=("starter_course",))
    later = (timezone.localdate() + datetime.timedelta(days=400)).isoformat()
    assert (
        coordinator.post(url("loan_extend", loan_id=loan.pk), {"due_date": later}).status_code
        == 302
    )
    refused = coordinator.post(url("loan_ownership", loan_id=loan.pk), {"note": ""})
    assert "Confirm that the resident met the conditions" in refused.content.decode()
    owned = coordinator.post(
        url("loan_ownership", loan_id=loan.pk), {"conditions_met": "on", "note": "Course done"}
    )
    assert owned.status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.OWNED
    other = handed_over(world.a)
    lost = coordinator.post(url("loan_lost", loan_id=other.pk), {"what": "stolen", "note": ""})
    assert lost.status_code == 302
    other.refresh_from_db()
    assert (other.status, other.stolen) == (LoanStatus.LOST, True)


@pytest.mark.parametrize("name", ["loan_list", "overdue_list"])
def test_the_loan_lists_use_the_same_number_of_queries_for_more_rows(
    volunteer, world, django_assert_max_num_queries, name
):
    # Every loan ends tomorrow; the lists are asked as if it were a month later.
    for _ in range(3):
        handed_over(world.a, due_in_days=1)
    later = timezone.localdate() + datetime.timedelta(days=30)
    with freeze_today(later), django_assert_max_num_queries(12) as few:
        volunteer.get(url(name))
    for _ in range(10):
        handed_over(world.a, due_in_days=1, person=world.a.person)
    with freeze_today(later), django_assert_max_num_queries(len(few.captured_queries)):
        response = volunteer.get(url(name))
    body = response.content.decode()
    assert "13 devices handed over." in body or "13 loans are overdue." in body
