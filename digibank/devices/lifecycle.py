"""The one state machine of a device. Every state change is checked here and nowhere else.

`TRANSITIONS` lists, for each state, the states a device may move to. `check_transition` adds the
guards that depend on the device itself and raises `DomainError` with the reason when a move is
refused. `digibank.devices.services.transition` is the only code that changes `Device.state`; it
locks the row, calls `check_transition` and keeps the move in the device's history.

The path of a device:

    received → wiping → wiped → refurbishing → ready → reserved → loaned / gifted
    loaned → returned → wiping (a new cycle starts: the earlier wipe no longer counts)
    most states → in repair → back into the flow;  end of life → recycled;  lost / stolen
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.devices.models import (
    STORAGE_KINDS,
    Device,
    DeviceState,
    RefurbishChecklist,
    StorageMedium,
    WipeResult,
)
from digibank.organisations.permissions import Perm

S = DeviceState

# States from which a device can go missing: every state in which we, or a borrower, hold it.
_CAN_GO_MISSING = frozenset({S.LOST, S.STOLEN})

TRANSITIONS: dict[DeviceState, frozenset[DeviceState]] = {
    S.RECEIVED: frozenset({S.WIPING, S.REFURBISHING, S.IN_REPAIR, S.END_OF_LIFE}) | _CAN_GO_MISSING,
    S.WIPING: frozenset({S.WIPED, S.IN_REPAIR, S.END_OF_LIFE}) | _CAN_GO_MISSING,
    S.WIPED: frozenset({S.REFURBISHING, S.IN_REPAIR, S.END_OF_LIFE}) | _CAN_GO_MISSING,
    S.REFURBISHING: frozenset({S.READY, S.WIPING, S.IN_REPAIR, S.END_OF_LIFE}) | _CAN_GO_MISSING,
    S.READY: frozenset({S.RESERVED, S.REFURBISHING, S.IN_REPAIR, S.END_OF_LIFE}) | _CAN_GO_MISSING,
    S.RESERVED: frozenset({S.READY, S.LOANED, S.GIFTED}) | _CAN_GO_MISSING,
    S.LOANED: frozenset({S.RETURNED, S.GIFTED}) | _CAN_GO_MISSING,
    S.GIFTED: frozenset(),
    S.RETURNED: frozenset({S.WIPING, S.IN_REPAIR, S.END_OF_LIFE}) | _CAN_GO_MISSING,
    S.IN_REPAIR: frozenset({S.WIPING, S.REFURBISHING, S.READY, S.END_OF_LIFE}) | _CAN_GO_MISSING,
    S.END_OF_LIFE: frozenset({S.RECYCLED}) | _CAN_GO_MISSING,
    S.RECYCLED: frozenset(),
    # A device that turns up again comes back like a returned one: checked and wiped again.
    S.LOST: frozenset({S.RETURNED}),
    S.STOLEN: frozenset({S.RETURNED}),
}

# States in which the device is out of our hands, or gone for good.
FINAL_STATES = frozenset(state for state, targets in TRANSITIONS.items() if not targets)
WITH_A_PERSON = frozenset({S.LOANED, S.GIFTED})


def permissions_for(from_state: str, to_state: str) -> frozenset[Perm]:
    """Who may make a move: any one of these permissions is enough."""
    source, target = DeviceState(from_state), DeviceState(to_state)
    if {source, target} == {S.READY, S.RESERVED}:
        return frozenset({Perm.ALLOCATE_DEVICES})
    if target in WITH_A_PERSON:
        return frozenset({Perm.HAND_OVER_DEVICES})
    if target in {S.RETURNED, S.LOST, S.STOLEN}:
        return frozenset({Perm.HAND_OVER_DEVICES, Perm.MANAGE_DEVICES})
    return frozenset({Perm.MANAGE_DEVICES})


def targets_from(state: str) -> frozenset[DeviceState]:
    return TRANSITIONS[DeviceState(state)]


def is_allowed(from_state: str, to_state: str) -> bool:
    """True when the table allows the move; the guards of `check_transition` may still refuse."""
    return DeviceState(to_state) in TRANSITIONS[DeviceState(from_state)]


def unwiped_media(device: Device) -> list[StorageMedium]:
    """Drives still in the device without a verified wipe in its current cycle."""
    media = StorageMedium.objects.filter(device=device, removed_at__isnull=True).order_by("id")
    verified = set(
        device.wipes.filter(cycle=device.cycle, result=WipeResult.PASSED).values_list(
            "medium_id", flat=True
        )
    )
    return [medium for medium in media if medium.pk not in verified]


def storage_problem(device: Device) -> str | None:
    """Why the device's data is not yet proven erased in this cycle, or None when it is."""
    if device.kind not in STORAGE_KINDS:
        return None
    if not StorageMedium.objects.filter(device=device, removed_at__isnull=True).exists():
        return _(
            "Register the storage of this device first: a %(kind)s must have at least one "
            "storage medium with a verified wipe."
        ) % {"kind": device.get_kind_display()}
    return _unwiped_problem(device)


def _unwiped_problem(device: Device) -> str | None:
    missing = unwiped_media(device)
    if missing:
        names = ", ".join(str(medium) for medium in missing)
        return _("Not every storage medium has a verified wipe yet. Still to wipe: %(media)s.") % {
            "media": names
        }
    return None


def checklist_problem(device: Device) -> str | None:
    """Why the device is not refurbished in this cycle, or None when it is."""
    checklist = RefurbishChecklist.objects.filter(device=device, cycle=device.cycle).first()
    if checklist is None or not checklist.complete or not checklist.grade:
        return _("Finish the refurbishing checklist and give the device a grade first.")
    return None


def _refusal(device: Device, to: DeviceState) -> str:
    current = DeviceState(device.state)
    if current == to:
        return _("The device is already %(state)s.") % {"state": current.label}
    if current in FINAL_STATES:
        return _("The device is %(state)s: its state can no longer change.") % {
            "state": current.label
        }
    if current == S.RESERVED and to in {S.IN_REPAIR, S.END_OF_LIFE, S.REFURBISHING}:
        return _("The device is reserved for a request. Release the reservation first.")
    if current in WITH_A_PERSON and to != S.RETURNED:
        return _("The device is with a person. Check it in as returned first.")
    if to == S.READY and current in {S.RECEIVED, S.WIPING, S.WIPED, S.RETURNED}:
        return _("A device must be wiped and refurbished before it is ready.")
    return _("A device that is %(from)s cannot become %(to)s.") % {
        "from": current.label,
        "to": to.label,
    }


def check_transition(device: Device, to: str) -> None:
    """Raise DomainError with the reason when `device` may not move to `to` now."""
    try:
        target = DeviceState(to)
    except ValueError:
        raise DomainError(_("This state does not exist."), field="state") from None
    if not is_allowed(device.state, target):
        raise DomainError(_refusal(device, target), field="state")
    if device.state == S.RECEIVED and target == S.REFURBISHING and device.kind in STORAGE_KINDS:
        raise DomainError(
            _("A %(kind)s holds data: wipe it before refurbishing.")
            % {"kind": device.get_kind_display()},
            field="state",
        )
    if target in {S.WIPED, S.READY}:
        problem = storage_problem(device)
        if problem:
            raise DomainError(problem, field="state")
    if target == S.RECYCLED:
        # Drives leave the building erased (or are taken out first), as promised to the donor.
        problem = _unwiped_problem(device)
        if problem:
            raise DomainError(problem, field="state")
    if target == S.READY:
        problem = checklist_problem(device)
        if problem:
            raise DomainError(problem, field="state")
