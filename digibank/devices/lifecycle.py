"""The state machines of the device bank: a device's lifecycle and a donation's status.

Every state change goes through `DEVICE_STATES.transition` or `DONATION_STATES.transition` (see
`digibank.core.states`): the row is locked, the move checked against the table below and the
actor's permission, the guards run, and the move is kept in the history (`DeviceEvent`,
`DonationEvent`) in the same transaction. `digibank.devices.services.transition` is the verb the
pages and the lending app call.

The path of a device:

    received → wiping → wiped → refurbishing → ready → reserved → loaned / gifted
    loaned → returned → wiping (a new cycle starts: the earlier wipe no longer counts)
    most states → in repair → back into the flow;  end of life → recycled;  lost / stolen

| from | to | permission |
|---|---|---|
| received | wiping, refurbishing (no storage only), in repair, end of life | manage devices |
| wiping | wiped (every drive wiped), in repair, end of life | manage devices |
| wiped | refurbishing, in repair, end of life | manage devices |
| refurbishing | ready (wiped and checklist done), wiping, in repair, end of life | manage devices |
| ready | reserved | allocate devices |
| ready | refurbishing, in repair, end of life | manage devices |
| reserved | ready | allocate devices |
| reserved | loaned, gifted | hand over devices |
| loaned | returned | hand over or manage devices |
| loaned | gifted | hand over devices |
| returned | wiping, in repair, end of life | manage devices |
| in repair | wiping, refurbishing, ready (as above), end of life | manage devices |
| end of life | recycled (no unwiped drive left) | manage devices |
| lost, stolen | returned | hand over or manage devices |
| every state but gifted, recycled, lost, stolen | lost, stolen | hand over or manage devices |

A donation:

    offered → accepted → received;  offered → received (its devices are registered)
    offered / accepted → declined

| from | to | permission |
|---|---|---|
| offered | accepted, declined | manage donations |
| offered, accepted | received | manage donations or manage devices |
| accepted | declined | manage donations |
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.core.states import Change, Permissions, StateMachine, user_of
from digibank.devices.models import (
    STORAGE_KINDS,
    Device,
    DeviceEvent,
    DeviceState,
    Donation,
    DonationEvent,
    DonationStatus,
    RefurbishChecklist,
    StorageMedium,
    WipeResult,
)
from digibank.organisations.permissions import Perm

S = DeviceState
MANAGE = Perm.MANAGE_DEVICES
ALLOCATE = Perm.ALLOCATE_DEVICES
HAND_OVER = Perm.HAND_OVER_DEVICES
# Bringing a device back, or reporting it gone: at the counter or in the workshop.
BACK = frozenset({Perm.HAND_OVER_DEVICES, Perm.MANAGE_DEVICES})
# A device can go missing in every state in which we, or a borrower, hold it.
MISSING: dict[str, Permissions] = {S.LOST: BACK, S.STOLEN: BACK}
TO_THE_WORKSHOP: dict[str, Permissions] = {S.IN_REPAIR: MANAGE, S.END_OF_LIFE: MANAGE}

DEVICE_TRANSITIONS: dict[str, dict[str, Permissions]] = {
    S.RECEIVED: {S.WIPING: MANAGE, S.REFURBISHING: MANAGE, **TO_THE_WORKSHOP, **MISSING},
    S.WIPING: {S.WIPED: MANAGE, **TO_THE_WORKSHOP, **MISSING},
    S.WIPED: {S.REFURBISHING: MANAGE, **TO_THE_WORKSHOP, **MISSING},
    S.REFURBISHING: {S.READY: MANAGE, S.WIPING: MANAGE, **TO_THE_WORKSHOP, **MISSING},
    S.READY: {S.RESERVED: ALLOCATE, S.REFURBISHING: MANAGE, **TO_THE_WORKSHOP, **MISSING},
    S.RESERVED: {S.READY: ALLOCATE, S.LOANED: HAND_OVER, S.GIFTED: HAND_OVER, **MISSING},
    S.LOANED: {S.RETURNED: BACK, S.GIFTED: HAND_OVER, **MISSING},
    S.GIFTED: {},
    S.RETURNED: {S.WIPING: MANAGE, **TO_THE_WORKSHOP, **MISSING},
    S.IN_REPAIR: {
        S.WIPING: MANAGE,
        S.REFURBISHING: MANAGE,
        S.READY: MANAGE,
        S.END_OF_LIFE: MANAGE,
        **MISSING,
    },
    S.END_OF_LIFE: {S.RECYCLED: MANAGE, **MISSING},
    S.RECYCLED: {},
    # A device that turns up again comes back like a returned one: checked and wiped again.
    S.LOST: {S.RETURNED: BACK},
    S.STOLEN: {S.RETURNED: BACK},
}

WITH_A_PERSON = frozenset({S.LOANED, S.GIFTED})


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


def _refusal(device: Device, target: str) -> str:
    current, to = DeviceState(device.state), DeviceState(target)
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


def _guard(device: Device, to: str) -> None:
    """The checks that depend on the device itself, after the table allowed the move."""
    if device.state == S.RECEIVED and to == S.REFURBISHING and device.kind in STORAGE_KINDS:
        raise DomainError(
            _("A %(kind)s holds data: wipe it before refurbishing.")
            % {"kind": device.get_kind_display()}
        )
    if to in {S.WIPED, S.READY}:
        problem = storage_problem(device)
        if problem:
            raise DomainError(problem)
    if to == S.RECYCLED:
        # Drives leave the building erased (or are taken out first), as promised to the donor.
        problem = _unwiped_problem(device)
        if problem:
            raise DomainError(problem)
    if to == S.READY:
        problem = checklist_problem(device)
        if problem:
            raise DomainError(problem)


def _new_cycle(device: Device, from_state: str, to_state: str) -> list[str]:
    """Back from a person (or found again): a new cycle, so earlier wipes no longer count."""
    if to_state != S.RETURNED:
        return []
    device.cycle += 1
    return ["cycle"]


def _device_history(changes: Sequence[Change]) -> None:
    DeviceEvent.objects.bulk_create(
        DeviceEvent(
            device_id=change.pk,
            kind=DeviceEvent.Kind.TRANSITION,
            from_state=change.from_state,
            to_state=change.to_state,
            note=change.note,
            by=user_of(change.by),
        )
        for change in changes
    )


DEVICE_STATES = StateMachine(
    model=Device,
    field="state",
    states=DeviceState,
    transitions=DEVICE_TRANSITIONS,
    guards=[_guard],
    refusal=_refusal,
    on_move=_new_cycle,
    changed_at="state_changed_at",
    error_field="state",
    history=_device_history,
)

# States in which the device is out of our hands, or gone for good.
FINAL_STATES = DEVICE_STATES.final_states


def targets_from(state: str) -> frozenset[str]:
    """The states the table lets a device in `state` move to (the guards may still refuse)."""
    return DEVICE_STATES.targets(state)


def _donation_refusal(donation: Donation, to: str) -> str:
    return _("A donation that is %(from)s cannot become %(to)s.") % {
        "from": DonationStatus(donation.status).label,
        "to": DonationStatus(to).label,
    }


def _donation_history(changes: Sequence[Change]) -> None:
    DonationEvent.objects.bulk_create(
        DonationEvent(
            donation_id=change.pk,
            from_state=change.from_state,
            to_state=change.to_state,
            by=user_of(change.by),
        )
        for change in changes
    )


D = DonationStatus
DONATION_STATES = StateMachine(
    model=Donation,
    field="status",
    states=DonationStatus,
    transitions={
        D.OFFERED: {
            D.ACCEPTED: Perm.MANAGE_DONATIONS,
            D.DECLINED: Perm.MANAGE_DONATIONS,
            # Its devices arrived and are being registered.
            D.RECEIVED: {Perm.MANAGE_DONATIONS, Perm.MANAGE_DEVICES},
        },
        D.ACCEPTED: {
            D.RECEIVED: {Perm.MANAGE_DONATIONS, Perm.MANAGE_DEVICES},
            D.DECLINED: Perm.MANAGE_DONATIONS,
        },
        D.RECEIVED: {},
        D.DECLINED: {},
    },
    refusal=_donation_refusal,
    error_field="status",
    history=_donation_history,
)
