"""Drive a device along the usual path to any state, through the real services.

Used by the demo data (devices in every state) and by the tests, so neither can hold a device in a
state the product could never reach.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from digibank.devices import checklists, services
from digibank.devices.models import (
    Device,
    DeviceKind,
    DeviceState,
    Grade,
    MediumKind,
    WipeMethod,
    WipeResult,
)
from digibank.organisations.permissions import Actor

if TYPE_CHECKING:
    from digibank.core.models import User

S = DeviceState
_TO_READY = [S.WIPING, S.WIPED, S.REFURBISHING, S.READY]
_TO_LOANED = [*_TO_READY, S.RESERVED, S.LOANED]

PATHS: dict[DeviceState, list[DeviceState]] = {
    S.RECEIVED: [],
    S.WIPING: [S.WIPING],
    S.WIPED: [S.WIPING, S.WIPED],
    S.REFURBISHING: [S.WIPING, S.WIPED, S.REFURBISHING],
    S.READY: _TO_READY,
    S.RESERVED: [*_TO_READY, S.RESERVED],
    S.LOANED: _TO_LOANED,
    S.GIFTED: [*_TO_READY, S.RESERVED, S.GIFTED],
    S.RETURNED: [*_TO_LOANED, S.RETURNED],
    S.IN_REPAIR: [*_TO_READY, S.IN_REPAIR],
    S.END_OF_LIFE: [S.WIPING, S.WIPED, S.END_OF_LIFE],
    S.RECYCLED: [S.WIPING, S.WIPED, S.END_OF_LIFE, S.RECYCLED],
    S.LOST: [*_TO_LOANED, S.LOST],
    S.STOLEN: [*_TO_LOANED, S.STOLEN],
}


def wipe_all(device: Device, *, by: Actor, operator: User, when: datetime.datetime) -> None:
    """Record a verified NIST Purge of every drive still in the device."""
    for medium in device.media.filter(removed_at__isnull=True):
        services.record_wipe(
            medium=medium,
            by=by,
            operator=operator,
            method=WipeMethod.PURGE,
            tool="Blancco Drive Eraser 7.9",
            started_at=when - datetime.timedelta(minutes=42),
            ended_at=when,
            result=WipeResult.PASSED,
            verification_note="Full read-back verification",
        )


def tick_checklist(device: Device, *, by: Actor, grade: str = Grade.B) -> None:
    services.save_checklist(
        device=device, by=by, checked=checklists.BY_KIND[device.kind], grade=grade
    )


def bring_to(
    device: Device,
    state: str,
    *,
    by: Actor,
    technician: User,
    finish_work: bool = True,
    grade: str = Grade.B,
) -> Device:
    """Move a newly received device to `state` the way staff would.

    With `finish_work` the work of each stage is done too (wipes after "being wiped", the checklist
    after "being refurbished"), so a device in those states can move on at once.
    """
    path = PATHS[DeviceState(state)]
    for step in path:
        services.transition(device=device, to=step, by=by)
        is_last = step == path[-1]
        if step == S.WIPING and (finish_work or not is_last):
            wipe_all(device, by=by, operator=technician, when=timezone.now())
        if step == S.REFURBISHING and (finish_work or not is_last):
            tick_checklist(device, by=by, grade=grade)
    device.refresh_from_db()
    return device


def storage_for(kind: str, capacity_gb: int | None = None) -> list[dict]:
    """A plausible drive for a kind of device that holds data, none for the others; its
    capacity is the device's storage when given (the storage is entered once)."""
    if kind in {DeviceKind.LAPTOP, DeviceKind.DESKTOP}:
        return [{"kind": MediumKind.SSD, "capacity_gb": capacity_gb or 256}]
    if kind in {DeviceKind.TABLET, DeviceKind.SMARTPHONE}:
        return [{"kind": MediumKind.EMMC, "capacity_gb": capacity_gb or 64}]
    return []
