"""Reserving a ready device for a waiting request, the database guard behind it, and release."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from digibank.core.errors import DomainError
from digibank.devices.models import DeviceKind, DeviceState
from digibank.lending import services
from digibank.lending.models import Allocation, AllocationStatus, RequestStatus
from digibank.lending.tests.helpers import PASSING_OVER, new_request, ready_device, waiting_request
from digibank.messaging.models import Message, MessageKind
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_reserving_a_device_tells_the_resident_where_to_pick_it_up(world):
    request = waiting_request(world.a)
    device = ready_device(world.a)
    allocation = services.allocate(
        request=request, device=device, by=act(world.a.users["coordinator"])
    )
    assert allocation.status == AllocationStatus.ACTIVE
    assert allocation.hub == world.a.hub
    assert request.status == RequestStatus.RESERVED
    device.refresh_from_db()
    assert device.state == DeviceState.RESERVED
    assert device.events.filter(to_state=DeviceState.RESERVED).exists()
    message = Message.objects.get(kind=MessageKind.PICKUP_READY)
    assert message.person == request.person
    assert message.dedupe_key == f"pickup:allocation-{allocation.pk}"


def test_only_the_coordinator_reserves(world):
    request = waiting_request(world.a)
    device = ready_device(world.a)
    for role in ["hub_volunteer", "referrer", "technician"]:
        with pytest.raises(PermissionDenied):
            services.allocate(request=request, device=device, by=act(world.a.users[role]))


def test_it_refuses_a_device_that_is_not_ready(world):
    from digibank.devices.tests.helpers import device_in

    request = waiting_request(world.a)
    wiping = device_in(DeviceState.WIPING, world.a.digibank, world.a.users["technician"])
    with pytest.raises(DomainError, match="Choose another device"):
        services.allocate(request=request, device=wiping, by=act(world.a.users["coordinator"]))
    assert request.status == RequestStatus.WAITING


def test_it_refuses_a_device_of_another_digibank(world):
    request = waiting_request(world.a)
    foreign = ready_device(world.b)
    with pytest.raises(DomainError, match="of this digibank"):
        services.allocate(request=request, device=foreign, by=act(world.a.users["coordinator"]))


def test_it_refuses_a_device_that_does_not_fit_the_request(world):
    request = waiting_request(world.a, device_kind=DeviceKind.TABLET)
    laptop = ready_device(world.a)
    with pytest.raises(DomainError, match="asks for a tablet"):
        services.allocate(request=request, device=laptop, by=act(world.a.users["coordinator"]))


def test_it_refuses_a_request_that_is_not_on_the_waiting_list(world):
    request = new_request(world.a)
    with pytest.raises(DomainError, match="Only a request on the waiting list"):
        services.allocate(
            request=request, device=ready_device(world.a), by=act(world.a.users["coordinator"])
        )


def test_a_device_and_a_request_are_reserved_once(world):
    coordinator = world.a.users["coordinator"]
    first, second = waiting_request(world.a), waiting_request(world.a)
    device = ready_device(world.a)
    services.allocate(request=first, device=device, by=act(coordinator))
    with pytest.raises(DomainError, match="reserved or handed out by someone else"):
        services.allocate(request=second, device=device, by=act(coordinator))
    with pytest.raises(DomainError, match="already has a device reserved"):
        services.allocate(request=first, device=ready_device(world.a), by=act(coordinator))


def test_the_database_refuses_a_second_active_reservation(world):
    """The constraints hold even for code that skips the service (or a database without locks)."""
    request, other = waiting_request(world.a), waiting_request(world.a)
    device, spare = ready_device(world.a), ready_device(world.a)
    services.allocate(request=request, device=device, by=act(world.a.users["coordinator"]))
    for duplicate in (
        {"request": other, "device": device},
        {"request": request, "device": spare},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Allocation.objects.create(
                digibank=world.a.digibank,
                hub=world.a.hub,
                reserved_at=timezone.now(),
                **duplicate,
            )


def test_releasing_makes_the_device_ready_and_the_request_wait_again(world):
    coordinator = world.a.users["coordinator"]
    request = waiting_request(world.a)
    device = ready_device(world.a)
    services.allocate(request=request, device=device, by=act(coordinator))
    allocation = services.release(request=request, by=act(coordinator), reason="Did not come")
    assert allocation.status == AllocationStatus.RELEASED
    assert allocation.end_reason == "Did not come"
    assert request.status == RequestStatus.WAITING
    device.refresh_from_db()
    assert device.state == DeviceState.READY
    # The released device can go to the next request; the released one keeps its place ahead.
    services.allocate(
        request=waiting_request(world.a), device=device, by=act(coordinator), **PASSING_OVER
    )
    with pytest.raises(DomainError, match="No device is reserved"):
        services.release(request=request, by=act(coordinator))
