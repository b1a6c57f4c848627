"""The waiting list's order is kept: a ready device goes to the first in line whom it fits, and
passing that person over needs a reason, kept on the request and in the audit trail."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, AuditEntry
from digibank.devices.models import DeviceKind, KeyboardLayout
from digibank.lending import queries, queue, services
from digibank.lending.models import (
    Allocation,
    DeviceRequest,
    RequestStatus,
    SkipReason,
    WaitingListSkip,
)
from digibank.lending.tests.erasure_history import erase
from digibank.lending.tests.helpers import ready_device, waiting_request
from digibank.testing import act

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"lending:{name}", kwargs={"digibank": "mechelen", **kwargs})


def days_ago(request: DeviceRequest, days: int) -> DeviceRequest:
    DeviceRequest.objects.filter(pk=request.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=days)
    )
    request.refresh_from_db()
    return request


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.users["coordinator"])
    return client


@pytest.fixture
def line(world):
    """Three laptop requests in line (priority first, then the longest wait) and a tablet one."""
    first = days_ago(waiting_request(world.a, code="living_wage"), 5)
    second = days_ago(waiting_request(world.a, person=world.a.person, code="pupil"), 2)
    third = days_ago(waiting_request(world.a, code="job_seeker"), 90)
    tablet = days_ago(waiting_request(world.a, device_kind=DeviceKind.TABLET), 50)
    return first, second, third, tablet


def test_the_line_for_a_device_is_the_waiting_list_order_for_its_kind(world, line):
    first, second, third, tablet = line
    laptop = ready_device(world.a)
    in_line = queue.line_of(laptop)
    assert [in_line.first, *in_line.others] == [first, second, third]
    assert queue.first_in_line([laptop, ready_device(world.a, kind=DeviceKind.TABLET)]) == {
        laptop.pk: first,
        laptop.pk + 1: tablet,
    }
    # The same order the resident's status page counts from: the smallest place of the kind.
    places = {request: queries.waiting_position(request) for request in line}
    laptops = [request for request in line if request.device_kind == DeviceKind.LAPTOP]
    assert min(laptops, key=places.__getitem__) == in_line.first


def test_someone_the_device_does_not_fit_is_not_first_and_not_passed_over(world, line):
    first, second, _, _ = line
    first.keyboard_layout = KeyboardLayout.QWERTY_US
    DeviceRequest.objects.filter(pk=first.pk).update(keyboard_layout=KeyboardLayout.QWERTY_US)
    laptop = ready_device(world.a)  # AZERTY
    in_line = queue.line_of(laptop)
    assert in_line.first == second
    assert [request for request, _ in in_line.not_fitting] == [first]
    services.allocate(request=second, device=laptop, by=act(world.users["coordinator"]))
    assert not WaitingListSkip.objects.exists()


def test_the_first_in_line_gets_the_device_without_a_reason(world, line):
    first = line[0]
    allocation = services.allocate(
        request=first, device=ready_device(world.a), by=act(world.users["coordinator"])
    )
    assert allocation.request == first
    assert not WaitingListSkip.objects.exists()


@pytest.mark.parametrize(
    ("reason", "note", "field", "message"),
    [
        ("", "", "skip_reason", "is first in line for this device. To choose someone else"),
        ("because", "He asked nicely.", "skip_reason", "To choose someone else, choose why."),
        (SkipReason.URGENT, "  ", "skip_note", "Explain in a few words why"),
    ],
)
def test_it_refuses_to_pass_over_the_first_in_line_without_a_reason(
    world, line, reason, note, field, message
):
    first, second, _, _ = line
    laptop = ready_device(world.a)
    with pytest.raises(DomainError, match=message) as refused:
        services.allocate(
            request=second,
            device=laptop,
            by=act(world.users["coordinator"]),
            skip_reason=reason,
            skip_note=note,
        )
    assert refused.value.field == field
    assert first.reference_display in refused.value.message
    assert not Allocation.objects.exists()
    assert not WaitingListSkip.objects.exists()
    second.refresh_from_db()
    assert second.status == RequestStatus.WAITING


def test_a_skip_with_a_reason_is_kept_for_each_person_passed_over_and_audited(world, line):
    first, second, third, _ = line
    allocation = services.allocate(
        request=third,
        device=ready_device(world.a),
        by=act(world.users["coordinator"]),
        skip_reason=SkipReason.UNREACHABLE,
        skip_note="Called three times this week, no answer.",
    )
    skips = list(WaitingListSkip.objects.order_by("id"))
    assert [(skip.skipped, skip.allocation, skip.reason) for skip in skips] == [
        (first, allocation, SkipReason.UNREACHABLE),
        (second, allocation, SkipReason.UNREACHABLE),
    ]
    entries = AuditEntry.objects.filter(object_type="lending.waitinglistskip")
    assert sorted(int(entry.object_id) for entry in entries) == [skip.pk for skip in skips]
    assert {entry.action for entry in entries} == {AuditAction.CREATE}
    assert all(entry.actor == world.users["coordinator"] for entry in entries)
    assert "Called three times" not in str(list(entries.values()))  # names, never values


def test_the_staff_waiting_list_shows_who_was_skipped_and_why(coordinator, world, line):
    first, second, _, _ = line
    services.allocate(
        request=second,
        device=ready_device(world.a),
        by=act(world.users["coordinator"]),
        skip_reason=SkipReason.NEED_MATCHES_BETTER,
        skip_note="Needs a large screen for her eyesight.",
    )
    body = coordinator.get(url("waiting_list")).content.decode()
    item = body.split(first.reference_display)[1]
    assert "because the device matches another person&#x27;s need better" in item
    assert "Needs a large screen for her eyesight." in item
    detail = coordinator.get(url("request_detail", request_id=first.pk)).content.decode()
    assert "Needs a large screen for her eyesight." in detail


def test_the_public_status_page_shows_no_skip(client, world, line):
    first, second, _, _ = line
    services.allocate(
        request=second,
        device=ready_device(world.a),
        by=act(world.users["coordinator"]),
        skip_reason=SkipReason.URGENT,
        skip_note="Her son's exam is on Monday.",
    )
    body = client.post(reverse("lending:public_status"), {"reference": first.reference})
    text = body.content.decode()
    assert "You are number 2." in text  # the tablet request, waiting longer, comes first
    assert "exam" not in text and "Skipped" not in text and second.reference not in text


def test_the_offer_page_proposes_the_first_in_line(coordinator, world, line):
    first, second, third, _ = line
    laptop = ready_device(world.a)
    body = coordinator.get(url("offer", device_id=laptop.pk)).content.decode()
    assert f"First in line: {first.reference_display}" in body
    proposed = re.search(r'<input[^>]*name="request"[^>]*checked[^>]*>', body)
    assert proposed is not None and f'value="{first.pk}"' in proposed.group(0)
    # The others the device fits may be chosen too (with a reason); the tablet request may not.
    choices = re.findall(r'name="request" value="(\d+)"', body)
    assert choices == [str(first.pk), str(second.pk), str(third.pk)]
    response = coordinator.post(url("offer", device_id=laptop.pk), {"request": first.pk})
    assert response.status_code == 302
    assert Allocation.objects.get().request == first


def test_the_offer_page_asks_why_when_someone_else_is_chosen(coordinator, world, line):
    first, second, _, _ = line
    laptop = ready_device(world.a)
    refused = coordinator.post(url("offer", device_id=laptop.pk), {"request": second.pk})
    assert refused.status_code == 200
    assert "To choose someone else, choose why." in refused.content.decode()
    assert not Allocation.objects.exists()
    response = coordinator.post(
        url("offer", device_id=laptop.pk),
        {"request": second.pk, "skip_reason": "urgent", "skip_note": "Eviction next week."},
    )
    assert response.status_code == 302
    assert WaitingListSkip.objects.get().skipped == first


def test_the_reserve_page_of_a_later_request_says_who_is_first(coordinator, world, line):
    first, second, _, _ = line
    laptop = ready_device(world.a)
    body = coordinator.get(url("allocate", request_id=second.pk)).content.decode()
    assert f"{first.reference_display} is first in line" in body
    assert 'name="skip_reason"' in body
    body = coordinator.get(url("allocate", request_id=first.pk)).content.decode()
    assert 'name="skip_reason"' not in body
    response = coordinator.post(
        url("allocate", request_id=second.pk), {"device": laptop.pk, "hub": ""}
    )
    assert "To choose someone else, choose why." in response.content.decode()


def test_the_waiting_list_lists_ready_devices_with_the_first_in_line(coordinator, world, line):
    first = line[0]
    laptop = ready_device(world.a)
    body = coordinator.get(url("waiting_list")).content.decode()
    assert url("offer", device_id=laptop.pk) in body
    assert f"first in line is {first.reference_display}" in body


def test_the_waiting_list_uses_the_same_queries_with_more_skips_and_devices(
    coordinator, world, line, django_assert_max_num_queries
):
    ready_device(world.a)
    with django_assert_max_num_queries(30) as few:
        coordinator.get(url("waiting_list"))
    for _ in range(3):
        waiting_request(world.a)
        ready_device(world.a)
    services.allocate(
        request=line[2],
        device=ready_device(world.a),
        by=act(world.users["coordinator"]),
        skip_reason=SkipReason.URGENT,
        skip_note="Urgent.",
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = coordinator.get(url("waiting_list")).content.decode()
    assert body.count("Skipped on") == 5  # the two of the line and the three added ahead


def test_erasing_a_person_blanks_the_words_about_passing_them_over(world, line):
    first, second, third, _ = line
    services.allocate(
        request=second,
        device=ready_device(world.a),
        by=act(world.users["coordinator"]),
        skip_reason=SkipReason.UNREACHABLE,
        skip_note="Phone switched off since May.",
    )
    for request in (first, third, line[3]):  # the same person's: their lending must be over
        services.cancel_request(request=request, by=act(world.users["coordinator"]))
    erase(world.a, first.person)
    assert WaitingListSkip.objects.get().note == ""


def test_a_referrer_sees_that_their_resident_was_skipped_but_not_the_words(client, world, line):
    first, second, _, _ = line
    services.allocate(
        request=second,
        device=ready_device(world.a),
        by=act(world.users["coordinator"]),
        skip_reason=SkipReason.UNREACHABLE,
        skip_note="Her neighbour's phone number is wrong.",
    )
    client.force_login(world.users["referrer"])
    for page in (url("waiting_list"), url("request_detail", request_id=first.pk)):
        body = client.get(page).content.decode()
        assert "because the person first in line cannot be reached" in body
        assert "neighbour" not in body and second.reference_display not in body
