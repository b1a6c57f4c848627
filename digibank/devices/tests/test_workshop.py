"""Wiping gates readiness; the checklist, repairs and recycling follow their rules."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from digibank.core.errors import DomainError
from digibank.devices import checklists, journeys, services
from digibank.devices.models import (
    DeviceKind,
    DeviceState,
    MediumKind,
    RepairOutcome,
    WipeMethod,
    WipeResult,
)
from digibank.devices.tests.helpers import device_in, make_device, make_digibank
from digibank.testing import act

pytestmark = pytest.mark.django_db
S = DeviceState


def wipe(medium, staff, *, result=WipeResult.PASSED, method=WipeMethod.PURGE, **extra):
    end = timezone.now() - datetime.timedelta(minutes=1)
    fields = {
        "medium": medium,
        "by": act(staff),
        "method": method,
        "tool": "nwipe 0.35",
        "started_at": end - datetime.timedelta(hours=1),
        "ended_at": end,
        "result": result,
        **extra,
    }
    return services.record_wipe(**fields)


def to_refurbishing_without_checks(device, staff):
    services.transition(device=device, to=S.WIPING, by=act(staff))
    for medium in device.media.all():
        wipe(medium, staff)
    services.transition(device=device, to=S.WIPED, by=act(staff))
    services.transition(device=device, to=S.REFURBISHING, by=act(staff))


def test_it_refuses_ready_for_a_laptop_without_registered_storage():
    digibank, staff = make_digibank()
    device = make_device(digibank, with_storage=False)
    services.transition(device=device, to=S.WIPING, by=act(staff))
    with pytest.raises(DomainError, match="at least one storage medium"):
        services.transition(device=device, to=S.WIPED, by=act(staff))


def test_it_refuses_wiped_until_every_medium_has_a_verified_wipe():
    digibank, staff = make_digibank()
    device = make_device(digibank)
    second = services.register_medium(
        device=device, by=act(staff), kind=MediumKind.HDD, serial="WD-9"
    )
    services.transition(device=device, to=S.WIPING, by=act(staff))
    wipe(device.media.first(), staff)
    wipe(second, staff, result=WipeResult.FAILED)

    with pytest.raises(DomainError, match="WD-9"):
        services.transition(device=device, to=S.WIPED, by=act(staff))

    wipe(second, staff)
    services.transition(device=device, to=S.WIPED, by=act(staff))
    assert device.state == S.WIPED


def test_it_refuses_ready_from_repair_when_a_new_drive_is_not_wiped():
    digibank, staff = make_digibank()
    device = device_in(S.IN_REPAIR, digibank, staff)
    services.register_medium(device=device, by=act(staff), kind=MediumKind.NVME, capacity_gb=512)
    with pytest.raises(DomainError, match="verified wipe"):
        services.transition(device=device, to=S.READY, by=act(staff))


def test_a_destroyed_drive_leaves_the_device_and_a_new_one_must_be_wiped():
    digibank, staff = make_digibank()
    device = make_device(digibank)
    services.transition(device=device, to=S.WIPING, by=act(staff))
    old = device.media.get()
    wipe(old, staff, method=WipeMethod.DESTROY)
    old.refresh_from_db()
    assert old.removed_at is not None
    with pytest.raises(DomainError, match="at least one storage medium"):
        services.transition(device=device, to=S.WIPED, by=act(staff))
    new = services.register_medium(
        device=device, by=act(staff), kind=MediumKind.SSD, capacity_gb=240
    )
    wipe(new, staff, method=WipeMethod.CLEAR)
    services.transition(device=device, to=S.WIPED, by=act(staff))
    assert device.state == S.WIPED


def test_a_device_without_storage_needs_no_wipe():
    digibank, staff = make_digibank()
    screen = make_device(digibank, kind=DeviceKind.SCREEN, with_storage=False)
    services.transition(device=screen, to=S.REFURBISHING, by=act(staff))
    journeys.tick_checklist(screen, by=act(staff))
    services.transition(device=screen, to=S.READY, by=act(staff))
    assert screen.state == S.READY


def test_a_laptop_may_not_skip_wiping():
    digibank, staff = make_digibank()
    device = make_device(digibank)
    with pytest.raises(DomainError, match="wipe it before refurbishing"):
        services.transition(device=device, to=S.REFURBISHING, by=act(staff))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"tool": ""}, "tool"),
        ({"tool": "x" * 121}, "tool"),
        ({"method": "magnet"}, "method"),
        ({"result": "maybe"}, "result"),
        ({"ended_at": timezone.now() + datetime.timedelta(days=1)}, "ended_at"),
        ({"started_at": timezone.now() + datetime.timedelta(days=1)}, "ended_at"),
    ],
)
def test_it_refuses_a_wipe_with_bad_details(change, field):
    digibank, staff = make_digibank()
    device = make_device(digibank)
    services.transition(device=device, to=S.WIPING, by=act(staff))
    with pytest.raises(DomainError) as refused:
        wipe(device.media.get(), staff, **change)
    assert refused.value.field == field
    assert not device.wipes.exists()


def test_it_refuses_a_wipe_while_the_device_is_not_being_wiped():
    digibank, staff = make_digibank()
    device = make_device(digibank)
    with pytest.raises(DomainError, match="being wiped"):
        wipe(device.media.get(), staff)


def test_the_operator_must_be_a_technician_of_the_digibank(world):
    device = make_device(world.a.digibank)
    technician = world.a.users["technician"]
    services.transition(device=device, to=S.WIPING, by=act(technician))
    with pytest.raises(DomainError) as refused:
        wipe(device.media.get(), technician, operator=world.a.users["trainer"])
    assert refused.value.field == "operator"
    with pytest.raises(PermissionDenied):
        wipe(device.media.get(), world.a.users["hub_volunteer"])
    wipe(device.media.get(), technician)
    assert device.wipes.get().operator == technician


def test_it_refuses_ready_until_the_checklist_is_complete_with_a_grade():
    digibank, staff = make_digibank()
    device = make_device(digibank)
    to_refurbishing_without_checks(device, staff)
    items = checklists.BY_KIND[DeviceKind.LAPTOP]

    services.save_checklist(device=device, by=act(staff), checked=items[:-1], grade="A")
    with pytest.raises(DomainError, match="checklist"):
        services.transition(device=device, to=S.READY, by=act(staff))
    services.save_checklist(device=device, by=act(staff), checked=items)
    with pytest.raises(DomainError, match="grade"):
        services.transition(device=device, to=S.READY, by=act(staff))

    checklist = services.save_checklist(
        device=device, by=act(staff), checked=items, grade="A", battery_health=87
    )
    assert checklist.complete
    services.transition(device=device, to=S.READY, by=act(staff))
    device.refresh_from_db()
    assert (device.state, device.grade, device.battery_health) == (S.READY, "A", 87)


def test_it_refuses_checklist_items_of_another_kind():
    digibank, staff = make_digibank()
    device = make_device(digibank, kind=DeviceKind.MOUSE, with_storage=False)
    services.transition(device=device, to=S.REFURBISHING, by=act(staff))
    with pytest.raises(DomainError) as refused:
        services.save_checklist(device=device, by=act(staff), checked=["office_suite"], grade="B")
    assert refused.value.field == "checked"


def test_a_fixed_repair_sends_the_device_back_where_it_left_off():
    digibank, staff = make_digibank()
    device = device_in(S.READY, digibank, staff)
    repair = services.start_repair(device=device, by=act(staff), fault="Hinge broken")
    assert device.state == S.IN_REPAIR
    with pytest.raises(DomainError, match="open repair"):
        services.start_repair(device=device, by=act(staff), fault="Also the fan")

    services.finish_repair(
        repair=repair, by=act(staff), outcome=RepairOutcome.FIXED, parts="hinge set", minutes=35
    )

    device.refresh_from_db()
    repair.refresh_from_db()
    assert device.state == S.READY
    assert (repair.outcome, repair.minutes, repair.parts) == ("fixed", 35, "hinge set")
    assert repair.finished_at is not None


def test_a_repair_at_the_end_of_life_needs_the_barriers_and_retires_the_device():
    digibank, staff = make_digibank()
    device = device_in(S.WIPED, digibank, staff)
    repair = services.start_repair(device=device, by=act(staff), fault="Mainboard dead")
    with pytest.raises(DomainError) as refused:
        services.finish_repair(repair=repair, by=act(staff), outcome=RepairOutcome.END_OF_LIFE)
    assert refused.value.field == "barriers"

    services.finish_repair(
        repair=repair,
        by=act(staff),
        outcome=RepairOutcome.END_OF_LIFE,
        barriers=["no_parts", "parts_cost"],
        minutes=20,
    )
    device.refresh_from_db()
    assert device.state == S.END_OF_LIFE


def test_a_repairable_device_stays_in_repair():
    digibank, staff = make_digibank()
    device = device_in(S.RECEIVED, digibank, staff)
    repair = services.start_repair(device=device, by=act(staff), fault="Waiting for a battery")
    services.finish_repair(
        repair=repair, by=act(staff), outcome=RepairOutcome.REPAIRABLE, barriers=["no_parts"]
    )
    device.refresh_from_db()
    assert device.state == S.IN_REPAIR
    services.finish_repair(repair=repair, by=act(staff), outcome=RepairOutcome.FIXED, minutes=10)
    device.refresh_from_db()
    assert device.state == S.WIPING  # never wiped yet: the flow goes on with wiping


def test_recycling_needs_a_recycler_and_erased_drives():
    digibank, staff = make_digibank()
    device = make_device(digibank)
    services.transition(
        device=device, to=S.END_OF_LIFE, by=act(staff), note="Screen and board broken"
    )
    with pytest.raises(DomainError) as refused:
        services.recycle_device(device=device, by=act(staff), recycler="")
    assert refused.value.field == "recycler"
    with pytest.raises(DomainError, match="verified wipe"):
        services.recycle_device(device=device, by=act(staff), recycler="Recupel")

    wipe(device.media.get(), staff, method=WipeMethod.DESTROY)
    services.recycle_device(device=device, by=act(staff), recycler="Recupel", note="batch 7")
    device.refresh_from_db()
    assert (device.state, device.recycler) == (S.RECYCLED, "Recupel")
