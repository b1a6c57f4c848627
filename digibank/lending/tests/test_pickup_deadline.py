"""A reservation keeps its pick-up deadline; the day after it, the periodic task releases it: the
device goes back to the line, the request back on the waiting list, the resident is told."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.devices.models import DeviceState
from digibank.lending import services
from digibank.lending.models import Allocation, AllocationStatus, RequestStatus
from digibank.lending.notify import PICKUP_DAYS
from digibank.lending.services.pickup import release_overdue_reservations
from digibank.lending.tests.helpers import (
    PASSING_OVER,
    every_check,
    ready_device,
    reserved_request,
    waiting_request,
)
from digibank.messaging import reminders
from digibank.messaging.models import Message, MessageKind
from digibank.testing import act

pytestmark = pytest.mark.django_db


def days(count: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=count)


def test_a_reservation_keeps_the_deadline_its_pickup_message_names(world):
    request = reserved_request(world.a)
    allocation = Allocation.objects.get(request=request)
    assert allocation.pickup_until == days(PICKUP_DAYS)
    assert (allocation.pickup_on, allocation.pickup_time) == (None, None)


def test_the_day_after_the_deadline_the_reservation_is_released_and_the_resident_told(world):
    request = reserved_request(world.a)
    allocation = Allocation.objects.get(request=request)

    assert release_overdue_reservations(days(PICKUP_DAYS)) == 0, "the last day still counts"
    assert release_overdue_reservations(days(PICKUP_DAYS + 1)) == 1

    allocation.refresh_from_db()
    request.refresh_from_db()
    allocation.device.refresh_from_db()
    assert allocation.status == AllocationStatus.RELEASED
    assert allocation.ended_by is None
    assert "Not picked up" in allocation.end_reason
    assert request.status == RequestStatus.WAITING
    assert allocation.device.state == DeviceState.READY
    message = Message.objects.get(kind=MessageKind.RESERVATION_RELEASED)
    assert message.person == request.person
    assert request.reference_display in message.body
    entry = AuditEntry.objects.filter(object_id=str(allocation.pk), system=True).latest("id")
    assert "end_reason" in entry.fields
    assert release_overdue_reservations(days(PICKUP_DAYS + 1)) == 0, "nothing left to do"
    assert Message.objects.filter(kind=MessageKind.RESERVATION_RELEASED).count() == 1


def test_a_device_handed_over_is_not_released(world):
    request = reserved_request(world.a)
    services.hand_over(
        request=request,
        by=act(world.a.users["coordinator"]),
        kind="gift",
        checklist=every_check(),
    )
    assert release_overdue_reservations(days(PICKUP_DAYS + 5)) == 0


def test_the_periodic_task_runs_the_release(world):
    reserved_request(world.a)
    done = reminders.run_upkeep(days(PICKUP_DAYS + 1))
    assert done == {"digibank.lending.services.pickup.release_overdue_reservations": 1}


def test_a_pickup_is_planned_within_the_reservations_time(world):
    coordinator = act(world.a.users["coordinator"])
    request = waiting_request(world.a)
    with pytest.raises(DomainError) as refused:
        services.allocate(
            request=request,
            device=ready_device(world.a),
            by=coordinator,
            pickup_on=days(PICKUP_DAYS + 1),
            **PASSING_OVER,
        )
    assert refused.value.field == "pickup_on"
    with pytest.raises(DomainError) as refused:
        services.allocate(
            request=request,
            device=ready_device(world.a),
            by=coordinator,
            pickup_time=datetime.time(14, 30),
            **PASSING_OVER,
        )
    assert refused.value.field == "pickup_on"
    allocation = services.allocate(
        request=request,
        device=ready_device(world.a),
        by=coordinator,
        pickup_on=days(3),
        pickup_time=datetime.time(14, 30),
        **PASSING_OVER,
    )
    assert (allocation.pickup_on, allocation.pickup_time) == (days(3), datetime.time(14, 30))


def test_the_offer_page_plans_the_pickup(client, world):
    first = waiting_request(world.a)
    laptop = ready_device(world.a)
    client.force_login(world.a.users["coordinator"])
    url = reverse("lending:offer", kwargs={"digibank": "mechelen", "device_id": laptop.pk})
    response = client.post(
        url,
        {"request": first.pk, "hub": "", "pickup_on": days(2).isoformat(), "pickup_time": "10:00"},
    )
    assert response.status_code == 302
    allocation = Allocation.objects.get(request=first)
    assert (allocation.pickup_on, allocation.pickup_time) == (days(2), datetime.time(10))
    client.get(response.url)  # the page that shows "reserved"
    page = client.get(
        reverse("lending:request_list", kwargs={"digibank": "mechelen"}),
        {"status": "reserved", "pickup": "today"},
    ).content.decode()
    assert first.reference_display not in page, "planned in two days, not today"
