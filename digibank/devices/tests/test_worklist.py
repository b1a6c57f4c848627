"""The workshop's figures for the staff home: blocked devices and why, in few queries."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from digibank.devices import journeys, services, worklist
from digibank.devices.models import DeviceState, RepairOutcome, WipeMethod, WipeResult
from digibank.devices.tests.helpers import device_in, make_device
from digibank.testing import act

pytestmark = pytest.mark.django_db
S = DeviceState


def wipe(device, technician, result, minutes_ago):
    end = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    for medium in device.media.all():
        services.record_wipe(
            medium=medium,
            by=act(technician),
            method=WipeMethod.PURGE,
            tool="nwipe 0.35",
            started_at=end - datetime.timedelta(minutes=30),
            ended_at=end,
            result=result,
        )


def test_a_failed_wipe_blocks_the_device_until_a_later_wipe_passes(world):
    technician = world.a.users["technician"]
    access = act(technician)
    device = journeys.bring_to(
        make_device(world.a.digibank), S.WIPING, by=access, technician=technician, finish_work=False
    )
    assert worklist.blocked_devices(access) == ([], 0)

    wipe(device, technician, WipeResult.FAILED, minutes_ago=60)
    blocked, total = worklist.blocked_devices(access)
    assert total == 1
    assert (blocked[0].device_id, blocked[0].reasons) == (
        device.pk,
        ("a wipe failed its verification",),
    )

    wipe(device, technician, WipeResult.PASSED, minutes_ago=5)
    assert worklist.blocked_devices(access) == ([], 0)


def test_a_repair_waiting_for_parts_blocks_the_device_with_its_barriers(world):
    technician = world.a.users["technician"]
    access = act(technician)
    device = device_in(S.RECEIVED, world.a.digibank, technician)
    repair = services.start_repair(device=device, by=access, fault="Scharnier gebroken")
    assert worklist.blocked_devices(access) == ([], 0)  # an open repair is work in progress

    services.finish_repair(
        repair=repair,
        by=access,
        outcome=RepairOutcome.REPAIRABLE,
        barriers=["no_parts", "special_tools"],
    )
    blocked, total = worklist.blocked_devices(access)
    assert total == 1
    assert blocked[0].reasons == ("spare parts not available", "special tools needed")
    assert worklist.blocked_devices(act(world.b.users["technician"])) == ([], 0)


def test_blocked_devices_are_read_in_three_queries_however_many(world, django_assert_num_queries):
    technician = world.a.users["technician"]
    access = act(technician)
    for _ in range(12):
        device = device_in(S.RECEIVED, world.a.digibank, technician)
        repair = services.start_repair(device=device, by=access, fault="Kapot")
        services.finish_repair(
            repair=repair, by=access, outcome=RepairOutcome.REPAIRABLE, barriers=["no_parts"]
        )
    with django_assert_num_queries(3):
        blocked, total = worklist.blocked_devices(access, limit=10)
    assert (len(blocked), total) == (10, 12)
