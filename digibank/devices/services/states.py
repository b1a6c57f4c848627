"""State changes: `transition` is the only way to change a device's state.

The wrappers below (`reserve_device`, `hand_over_device`, ...) are what the lending app calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.devices import lifecycle
from digibank.devices.models import Accessory, Condition, Device, DeviceEvent, DeviceState
from digibank.devices.services import counts
from digibank.devices.services.common import (
    check_length,
    clean_text,
    lock_device,
    require_access,
    sync,
)

if TYPE_CHECKING:
    from digibank.core.models import User

_SYNCED = ("state", "cycle", "state_changed_at", "condition", "accessories", "grade", "recycler")


def move(locked: Device, to: str, by: User | None, note: str = "") -> Device:
    """Check and make one move on a device already locked by the caller; keep it in history."""
    note = check_length(clean_text(note), 500, "note")
    lifecycle.check_transition(locked, to)
    from_state = locked.state
    locked.state = DeviceState(to)
    locked.state_changed_at = timezone.now()
    fields = ["state", "state_changed_at", "updated_at"]
    if locked.state == DeviceState.RETURNED:
        # Back from a person (or found again): a new cycle, so earlier wipes no longer count.
        locked.cycle += 1
        fields.append("cycle")
    locked.save(update_fields=fields)
    counts.adjust(locked.digibank_id, {from_state: -1, locked.state: +1})
    DeviceEvent.objects.create(
        device=locked,
        kind=DeviceEvent.Kind.TRANSITION,
        from_state=from_state,
        to_state=locked.state,
        note=note,
        by=by if by is not None and by.is_authenticated else None,
    )
    return locked


@transaction.atomic
def transition(*, device: Device, to: str, by: User | None, note: str = "") -> Device:
    """Move `device` to state `to`, or raise DomainError with the reason it may not.

    Locks the row, checks the acting user's permission for this move, and records the move in
    the device's history. The caller's instance is updated as well.
    """
    locked = lock_device(device)
    try:
        target = DeviceState(to)
    except ValueError:
        raise DomainError(_("This state does not exist."), field="state") from None
    if lifecycle.is_allowed(locked.state, target):
        require_access(by, locked.digibank, *lifecycle.permissions_for(locked.state, target))
    move(locked, target, by, note)
    sync(device, locked, _SYNCED)
    return locked


def reserve_device(*, device: Device, by: User | None, note: str = "") -> Device:
    return transition(device=device, to=DeviceState.RESERVED, by=by, note=note)


def release_reservation(*, device: Device, by: User | None, note: str = "") -> Device:
    return transition(device=device, to=DeviceState.READY, by=by, note=note)


def hand_over_device(*, device: Device, by: User | None, gift: bool, note: str = "") -> Device:
    """Reserved → on loan or given away; a device on loan can also become a gift (ownership)."""
    to = DeviceState.GIFTED if gift else DeviceState.LOANED
    return transition(device=device, to=to, by=by, note=note)


@transaction.atomic
def check_in_device(
    *,
    device: Device,
    by: User | None,
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
    if lifecycle.is_allowed(locked.state, DeviceState.RETURNED):
        require_access(
            by, locked.digibank, *lifecycle.permissions_for(locked.state, DeviceState.RETURNED)
        )
    labels = dict(Accessory.choices)
    details = [str(Condition(condition).label)]
    if missing:
        details.append(
            _("missing: %(items)s") % {"items": ", ".join(str(labels[code]) for code in missing)}
        )
    history_note = "; ".join([*details, clean_text(note)]).strip("; ")[:500]
    move(locked, DeviceState.RETURNED, by, history_note)
    locked.condition = condition
    locked.accessories = [code for code in locked.accessories if code not in missing]
    locked.save(update_fields=["condition", "accessories", "updated_at"])
    move(locked, DeviceState.WIPING, by, _("Back from a person: wipe before reuse."))
    sync(device, locked, _SYNCED)
    return locked


def mark_lost(*, device: Device, by: User | None, stolen: bool, note: str = "") -> Device:
    to = DeviceState.STOLEN if stolen else DeviceState.LOST
    return transition(device=device, to=to, by=by, note=note)
