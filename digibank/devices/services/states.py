"""State changes: `transition` is the only way to change a device's state (through the machine
`digibank.devices.lifecycle.DEVICE_STATES`).

The wrappers below (`reserve_device`, `hand_over_device`, ...) are what the lending app calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.core.states import Can, system_can
from digibank.devices.lifecycle import DEVICE_STATES
from digibank.devices.models import Accessory, Condition, Device, DeviceState
from digibank.devices.services import counts
from digibank.devices.services.common import (
    can_for,
    check_length,
    clean_text,
    lock_device,
    sync,
)
from digibank.organisations.permissions import Actor

if TYPE_CHECKING:
    pass

_SYNCED = ("state", "cycle", "state_changed_at", "condition", "accessories", "grade", "recycler")


def _move(locked: Device, to: str, *, by: Actor, can: Can, note: str) -> Device:
    """Make one move on a device the caller has locked, and keep the per-state counts right."""
    from_state = locked.state
    moved = DEVICE_STATES.transition(locked, to, by=by, can=can, note=note)
    counts.adjust(locked.digibank_id, {from_state: -1, moved.state: +1})
    return moved


def move(locked: Device, to: str, by: Actor, note: str = "") -> Device:
    """One move on a device the caller has locked (the workshop's verbs), as `by`."""
    note = check_length(clean_text(note), 500, "note")
    return _move(locked, to, by=by, can=can_for(by, locked.digibank), note=note)


@transaction.atomic
def transition(*, device: Device, to: str, by: Actor, note: str = "") -> Device:
    """Move `device` to state `to`, or raise DomainError with the reason it may not.

    The machine (`lifecycle.DEVICE_STATES`) locks the row, checks the move and the acting user's
    permission, and records it in the device's history. The caller's instance is updated as well.
    """
    note = check_length(clean_text(note), 500, "note")
    locked = lock_device(device)
    _move(locked, to, by=by, can=can_for(by, locked.digibank), note=note)
    sync(device, locked, _SYNCED)
    return locked


def reserve_device(*, device: Device, by: Actor, note: str = "") -> Device:
    return transition(device=device, to=DeviceState.RESERVED, by=by, note=note)


def release_reservation(*, device: Device, by: Actor, note: str = "") -> Device:
    return transition(device=device, to=DeviceState.READY, by=by, note=note)


def hand_over_device(*, device: Device, by: Actor, gift: bool, note: str = "") -> Device:
    """Reserved → on loan or given away; a device on loan can also become a gift (ownership)."""
    to = DeviceState.GIFTED if gift else DeviceState.LOANED
    return transition(device=device, to=to, by=by, note=note)


@transaction.atomic
def check_in_device(
    *,
    device: Device,
    by: Actor,
    condition: str,
    missing_accessories: Iterable[str] = (),
    note: str = "",
) -> Device:
    """A device comes back: record its condition and what is missing, then send it to wiping."""
    locked = lock_device(device)
    if condition not in Condition.values:
        raise DomainError(_("Choose the condition of the device."), field="condition")
    missing = list(dict.fromkeys(missing_accessories))
    unknown = [code for code in missing if code not in Accessory.values]
    if unknown:
        raise DomainError(_("Choose accessories from the list."), field="missing_accessories")
    can = can_for(by, locked.digibank)
    DEVICE_STATES.check(locked, DeviceState.RETURNED, can=can)
    labels = dict(Accessory.choices)
    details = [str(Condition(condition).label)]
    if missing:
        details.append(
            _("missing: %(items)s") % {"items": ", ".join(str(labels[code]) for code in missing)}
        )
    history_note = "; ".join([*details, clean_text(note)]).strip("; ")[:500]
    _move(locked, DeviceState.RETURNED, by=by, can=can, note=history_note)
    locked.condition = condition
    locked.accessories = [code for code in locked.accessories if code not in missing]
    locked.save(update_fields=["condition", "accessories", "updated_at"])
    # Every returned device goes to wiping: the person who checked it in needs no workshop
    # permission for that step, so the system makes it (in their name in the history).
    _move(
        locked,
        DeviceState.WIPING,
        by=by,
        can=system_can,
        note=_("Back from a person: wipe before reuse."),
    )
    sync(device, locked, _SYNCED)
    return locked


def mark_lost(*, device: Device, by: Actor, stolen: bool, note: str = "") -> Device:
    to = DeviceState.STOLEN if stolen else DeviceState.LOST
    return transition(device=device, to=to, by=by, note=note)
