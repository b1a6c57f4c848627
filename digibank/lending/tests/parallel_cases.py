"""Many staff members press "Reserve" at the same moment: exactly one of them wins.

Each thread has its own database connection, as two web server workers would, and all start
together at a barrier. `test_concurrency.py` runs this module in a pytest process of its own, on a
SQLite file or on PostgreSQL (see DIGIBANK_TEST_DATABASE_FILE in test_settings.py): the suite's
in-memory SQLite is one connection's private database. The tests are transactional, so every
thread sees the others' commits; the serialized rollback restores the rows migrations load.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from digibank.core.tests.parallel import refuse_a_private_database, run_together
from digibank.devices.models import DeviceState
from digibank.lending import services
from digibank.lending.models import Allocation, AllocationStatus, RequestStatus, WaitingListSkip
from digibank.lending.tests.helpers import PASSING_OVER, ready_device, waiting_request
from digibank.organisations import services as organisation_services
from digibank.organisations.models import Role
from digibank.organisations.permissions import SYSTEM
from digibank.testing import act, make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

THREADS = 8


@pytest.fixture(autouse=True)
def shared_database() -> None:
    refuse_a_private_database()


@pytest.fixture
def coordinators(world) -> list:
    """Two staff members who may reserve devices."""
    second = make_user("second-coordinator-mechelen")
    organisation_services.add_member(
        by=SYSTEM, digibank=world.a.digibank, user=second, role=Role.COORDINATOR
    )
    return [world.a.users["coordinator"], second]


def test_many_staff_reserving_the_last_device_for_different_requests(world, coordinators):
    device = ready_device(world.a)
    requests = [waiting_request(world.a) for _ in range(THREADS)]
    outcomes = run_together(
        [
            lambda request=request, index=index: services.allocate(
                request=request, device=device, by=act(coordinators[index % 2]), **PASSING_OVER
            )
            for index, request in enumerate(requests)
        ]
    )
    kinds = [kind for kind, _ in outcomes]
    assert kinds.count("ok") == 1, outcomes
    assert kinds.count("refused") == THREADS - 1, outcomes
    for kind, error in outcomes:
        if kind == "refused":
            assert "was just reserved or handed out by someone else" in error.message
    assert Allocation.objects.filter(device=device, status=AllocationStatus.ACTIVE).count() == 1
    device.refresh_from_db()
    assert device.state == DeviceState.RESERVED
    statuses = sorted(
        r.status for r in type(requests[0]).objects.filter(pk__in=[r.pk for r in requests])
    )
    assert statuses.count(RequestStatus.RESERVED) == 1
    assert statuses.count(RequestStatus.WAITING) == THREADS - 1
    # Whoever won passed over only those ahead of their request, once, for the one reservation.
    winner = Allocation.objects.get(device=device)
    skipped = list(WaitingListSkip.objects.values_list("allocation_id", "skipped_id"))
    ahead = [r.pk for r in requests[: [r.pk for r in requests].index(winner.request_id)]]
    assert skipped == [(winner.pk, pk) for pk in ahead]


def test_many_staff_reserving_different_devices_for_the_same_request(world, coordinators):
    request = waiting_request(world.a)
    devices = [ready_device(world.a) for _ in range(THREADS)]
    outcomes = run_together(
        [
            lambda device=device, index=index: services.allocate(
                request=request, device=device, by=act(coordinators[index % 2])
            )
            for index, device in enumerate(devices)
        ]
    )
    kinds = [kind for kind, _ in outcomes]
    assert kinds.count("ok") == 1, outcomes
    assert kinds.count("refused") == THREADS - 1, outcomes
    for kind, error in outcomes:
        if kind == "refused":
            assert "already has a device reserved or handed over" in error.message
    assert Allocation.objects.filter(request=request, status=AllocationStatus.ACTIVE).count() == 1
    states = sorted(
        type(devices[0])
        .objects.filter(pk__in=[d.pk for d in devices])
        .values_list("state", flat=True)
    )
    assert states.count(DeviceState.RESERVED) == 1
    assert states.count(DeviceState.READY) == THREADS - 1


def test_two_staff_pressing_reserve_on_the_page_at_once_get_one_success_and_one_message(
    world, coordinators
):
    device = ready_device(world.a)
    requests = [waiting_request(world.a) for _ in range(2)]

    def press(user, request) -> Any:
        client = Client()
        client.force_login(user)
        url = reverse(
            "lending:allocate", kwargs={"digibank": world.a.digibank.slug, "request_id": request.pk}
        )
        return client.post(url, {"device": device.pk, "hub": "", **PASSING_OVER})

    outcomes = run_together(
        [
            lambda user=user, request=request: press(user, request)
            for user, request in zip(coordinators, requests, strict=True)
        ]
    )
    assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
    responses = [response for _, response in outcomes]
    assert sorted(response.status_code for response in responses) == [200, 302]
    refused = next(response for response in responses if response.status_code == 200)
    body = refused.content.decode()
    assert "error-summary" in body
    assert (
        "was just reserved or handed out by someone else" in body
        or "This device is no longer available" in body
    )
    assert Allocation.objects.filter(device=device, status=AllocationStatus.ACTIVE).count() == 1
