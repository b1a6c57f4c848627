"""What every device service shares: who may act, row locks and small text checks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.core.states import Can, nobody_can
from digibank.devices.models import Device
from digibank.organisations.models import Digibank
from digibank.organisations.permissions import Access, Actor, Perm, require

if TYPE_CHECKING:
    pass


def require_access(by: Actor, digibank: Digibank, *perms: Perm) -> Actor:
    """`by` when one of `perms` allows the action in the digibank (see `permissions.require`)."""
    allowed = [perm for perm in perms if by.can(perm)] if isinstance(by, Access) else perms
    return require(by, digibank, allowed[0] if allowed else perms[0])


def can_for(by: Actor, digibank: Digibank) -> Can:
    """The permission check the state machines call: `by`'s roles in this digibank (none in
    another digibank), or the system's."""
    if isinstance(by, Access):
        return by.can if by.digibank.pk == digibank.pk else nobody_can
    return require(by, digibank, Perm.VIEW_DEVICES).can  # a system actor, or a TypeError


def lock_device(device: Device) -> Device:
    """The device's row, locked until the transaction ends (two staff members may act at once)."""
    locked = Device.objects.select_for_update().filter(pk=device.pk).first()
    if locked is None:
        raise DomainError(_("This device no longer exists."))
    return locked


def sync(target: Device, source: Device, fields: Iterable[str]) -> None:
    """Copy fresh values onto the caller's instance so it does not hold a stale state."""
    for name in fields:
        setattr(target, name, getattr(source, name))


def clean_text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))


def check_length(value: str, limit: int, field: str) -> str:
    if len(value) > limit:
        raise DomainError(
            _("Use at most %(limit)d characters (you used %(count)d).")
            % {"limit": limit, "count": len(value)},
            field=field,
        )
    return value


def serial_key_for(serial: str) -> str:
    """The serial in capitals without spaces or punctuation: " 5cg-1234 x" → "5CG1234X"."""
    return "".join(char for char in serial.upper() if char.isascii() and char.isalnum())[:60]


_TAG_LETTERS = re.compile(r"[^A-Z]")


def tag_prefix_for(digibank: Digibank) -> str:
    """Three capitals from the digibank's short name: "mechelen" → "MEC"."""
    letters = _TAG_LETTERS.sub("", digibank.slug.upper())
    return (letters or "DB")[:3]
