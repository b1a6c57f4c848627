"""Every move of the state machine: each legal one works and is kept, each illegal one refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from digibank.core.errors import DomainError
from digibank.core.machine_checks import (
    MachineCase,
    check_allowed_move,
    check_move_needs_its_permission,
    check_rollback_leaves_neither,
)
from digibank.devices import lifecycle, services
from digibank.devices.lifecycle import DEVICE_STATES
from digibank.devices.models import DeviceEvent, DeviceKind, DeviceState
from digibank.devices.tests.helpers import device_in, make_digibank
from digibank.organisations.permissions import SYSTEM
from digibank.testing import act

pytestmark = pytest.mark.django_db

S = DeviceState
LEGAL = DEVICE_STATES.moves()
ILLEGAL = DEVICE_STATES.refused_moves()


def _kind_for(source: DeviceState, target: DeviceState) -> str:
    # Only a device without storage may skip wiping; every other move is tried with a laptop.
    if (source, target) == (S.RECEIVED, S.REFURBISHING):
        return DeviceKind.SCREEN
    return DeviceKind.LAPTOP


def test_the_table_covers_every_state_and_both_lists_are_not_empty():
    assert set(DEVICE_STATES.table) == set(S)
    assert len(LEGAL) > 40
    assert len(ILLEGAL) > 100
    assert {S.GIFTED, S.RECYCLED} == lifecycle.FINAL_STATES


@pytest.mark.parametrize(("source", "target"), LEGAL, ids=[f"{s}->{t}" for s, t in LEGAL])
def test_it_allows_a_legal_move_and_keeps_it_in_the_history(source, target):
    digibank, technician = make_digibank()
    device = device_in(source, digibank, technician, kind=_kind_for(source, target))
    assert device.state == source

    services.transition(device=device, to=target, by=act(technician), note="checked by Ann")

    device.refresh_from_db()
    assert device.state == target
    event = device.events.filter(kind=DeviceEvent.Kind.TRANSITION).order_by("-id").first()
    assert (event.from_state, event.to_state, event.by, event.note) == (
        source,
        target,
        technician,
        "checked by Ann",
    )


@pytest.mark.parametrize(("source", "target"), ILLEGAL, ids=[f"{s}->{t}" for s, t in ILLEGAL])
def test_it_refuses_an_illegal_move_with_a_reason(source, target):
    digibank, technician = make_digibank()
    device = device_in(source, digibank, technician)
    events_before = device.events.count()

    with pytest.raises(DomainError) as refused:
        services.transition(device=device, to=target, by=SYSTEM)

    assert refused.value.message
    assert refused.value.field == "state"
    device.refresh_from_db()
    assert device.state == source
    assert device.events.count() == events_before


def _case(source: DeviceState, target: DeviceState) -> MachineCase:
    digibank, coordinator = make_digibank()
    return MachineCase(
        machine=DEVICE_STATES,
        make=lambda state: device_in(state, digibank, coordinator, kind=_kind_for(source, target)),
        history=lambda device: device.events.filter(kind=DeviceEvent.Kind.TRANSITION),
        actor=coordinator,
    )


@pytest.mark.parametrize(("source", "target"), LEGAL, ids=[f"{s}->{t}" for s, t in LEGAL])
def test_each_permission_of_a_legal_move_is_enough(source, target):
    check_allowed_move(_case(source, target), source, target)


@pytest.mark.parametrize(("source", "target"), LEGAL, ids=[f"{s}->{t}" for s, t in LEGAL])
def test_it_refuses_a_legal_move_without_its_permission(source, target):
    check_move_needs_its_permission(_case(source, target), source, target)


def test_a_rollback_leaves_neither_the_state_nor_its_history():
    check_rollback_leaves_neither(_case(S.READY, S.RESERVED), S.READY, S.RESERVED)


def test_it_names_the_reason_for_a_reserved_device_going_to_repair():
    digibank, technician = make_digibank()
    device = device_in(S.RESERVED, digibank, technician)
    with pytest.raises(DomainError, match="Release the reservation first"):
        services.transition(device=device, to=S.IN_REPAIR, by=SYSTEM)


def test_it_refuses_an_unknown_state():
    digibank, technician = make_digibank()
    device = device_in(S.RECEIVED, digibank, technician)
    with pytest.raises(DomainError, match="does not exist"):
        services.transition(device=device, to="teleported", by=SYSTEM)


def test_it_refuses_a_move_the_role_does_not_allow(world):
    digibank = world.a.digibank
    device = device_in(S.READY, digibank, world.a.users["technician"])
    with pytest.raises(PermissionDenied):
        services.reserve_device(device=device, by=act(world.a.users["technician"]))
    with pytest.raises(PermissionDenied):
        services.transition(device=device, to=S.RESERVED, by=act(world.b.users["coordinator"]))
    services.reserve_device(device=device, by=act(world.a.users["coordinator"]))
    assert device.state == S.RESERVED


def test_a_hub_volunteer_hands_over_and_checks_in(world):
    volunteer = world.a.users["hub_volunteer"]
    device = device_in(S.RESERVED, world.a.digibank, world.a.users["technician"])
    services.hand_over_device(device=device, by=act(volunteer), gift=False, note="loan 12 months")
    assert device.state == S.LOANED
    services.check_in_device(device=device, by=act(volunteer), condition="good")
    assert device.state == S.WIPING
    # The workshop's moves stay with technicians and coordinators.
    with pytest.raises(PermissionDenied):
        services.transition(device=device, to=S.IN_REPAIR, by=act(volunteer))


def test_the_lending_wrappers_follow_the_path():
    digibank, technician = make_digibank()
    device = device_in(S.READY, digibank, technician)
    services.reserve_device(device=device, by=SYSTEM)
    assert device.state == S.RESERVED
    services.release_reservation(device=device, by=SYSTEM)
    assert device.state == S.READY
    services.reserve_device(device=device, by=SYSTEM)
    services.hand_over_device(device=device, by=SYSTEM, gift=False)
    assert device.state == S.LOANED
    services.hand_over_device(device=device, by=SYSTEM, gift=True, note="conditions met")
    assert device.state == S.GIFTED


def test_check_in_records_condition_and_missing_accessories_then_starts_a_new_wipe_cycle():
    digibank, technician = make_digibank()
    device = device_in(S.LOANED, digibank, technician, accessories=["charger", "bag"])
    assert device.cycle == 1

    services.check_in_device(
        device=device, by=SYSTEM, condition="fair", missing_accessories=["charger"], note="scratch"
    )

    device.refresh_from_db()
    assert device.state == S.WIPING
    assert device.cycle == 2
    assert device.condition == "fair"
    assert device.accessories == ["bag"]
    returned = device.events.get(to_state=S.RETURNED)
    assert "charger" in returned.note and "scratch" in returned.note
    # The wipe of the first cycle no longer counts: the device cannot be called wiped yet.
    with pytest.raises(DomainError, match="verified wipe"):
        services.transition(device=device, to=S.WIPED, by=SYSTEM)


def test_check_in_refuses_an_unknown_condition_or_accessory():
    digibank, technician = make_digibank()
    device = device_in(S.LOANED, digibank, technician)
    with pytest.raises(DomainError) as refused:
        services.check_in_device(device=device, by=SYSTEM, condition="shiny")
    assert refused.value.field == "condition"
    with pytest.raises(DomainError) as refused:
        services.check_in_device(
            device=device, by=SYSTEM, condition="good", missing_accessories=["jetpack"]
        )
    assert refused.value.field == "missing_accessories"
    device.refresh_from_db()
    assert device.state == S.LOANED


@pytest.mark.parametrize("stolen", [False, True])
def test_a_lost_or_stolen_device_that_turns_up_goes_back_through_wiping(stolen):
    digibank, technician = make_digibank()
    device = device_in(S.LOANED, digibank, technician)
    services.mark_lost(device=device, by=SYSTEM, stolen=stolen, note="police report 123")
    assert device.state == (S.STOLEN if stolen else S.LOST)
    with pytest.raises(DomainError):
        services.transition(device=device, to=S.READY, by=SYSTEM)
    services.check_in_device(device=device, by=SYSTEM, condition="poor")
    assert device.state == S.WIPING


def test_a_long_note_is_refused():
    digibank, technician = make_digibank()
    device = device_in(S.RECEIVED, digibank, technician)
    with pytest.raises(DomainError) as refused:
        services.transition(device=device, to=S.WIPING, by=SYSTEM, note="x" * 501)
    assert refused.value.field == "note"
