"""The technician's work: storage media and their wipes, refurbishing, repairs and recycling."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.devices import checklists
from digibank.devices.models import (
    Device,
    DeviceEvent,
    DeviceState,
    Grade,
    RefurbishChecklist,
    Repair,
    RepairBarrier,
    RepairOutcome,
    StorageMedium,
    Wipe,
    WipeMethod,
    WipeResult,
)
from digibank.devices.services.common import (
    check_length,
    clean_text,
    lock_device,
    require_access,
    sync,
)
from digibank.devices.services.intake import validated_media
from digibank.devices.services.states import move
from digibank.organisations.permissions import Actor, Perm, access_for

if TYPE_CHECKING:
    from digibank.core.models import User

# States in which a technician may still add or take out a drive.
_WORKSHOP_STATES = frozenset(
    {
        DeviceState.RECEIVED,
        DeviceState.WIPING,
        DeviceState.WIPED,
        DeviceState.REFURBISHING,
        DeviceState.RETURNED,
        DeviceState.IN_REPAIR,
        DeviceState.END_OF_LIFE,
    }
)
# A drive is wiped while the device is being wiped, or before an end-of-life device is recycled.
_WIPE_STATES = frozenset({DeviceState.WIPING, DeviceState.END_OF_LIFE})
_CLOCK_SKEW = datetime.timedelta(minutes=5)


def _actor(by: Actor) -> User | None:
    return by.user


def _event(device: Device, kind: str, by: Actor, note: str) -> None:
    DeviceEvent.objects.create(device=device, kind=kind, note=note[:500], by=_actor(by))


@transaction.atomic
def register_medium(
    *, device: Device, by: Actor, kind: str, capacity_gb: int | None = None, serial: str = ""
) -> StorageMedium:
    locked = lock_device(device)
    require_access(by, locked.digibank, Perm.MANAGE_DEVICES)
    if locked.state not in _WORKSHOP_STATES:
        raise DomainError(
            _("Drives can only be added while the device is in the workshop."), field="kind"
        )
    data = validated_media([{"kind": kind, "capacity_gb": capacity_gb, "serial": serial}])[0]
    medium = StorageMedium.objects.create(device=locked, **data)
    _event(locked, DeviceEvent.Kind.WIPE, by, _("Storage added: %(medium)s") % {"medium": medium})
    return medium


@transaction.atomic
def remove_medium(*, medium: StorageMedium, by: Actor, note: str = "") -> StorageMedium:
    """A drive leaves the device (taken out or destroyed); its wipes stay on record."""
    locked = lock_device(medium.device)
    require_access(by, locked.digibank, Perm.MANAGE_DEVICES)
    if locked.state not in _WORKSHOP_STATES:
        raise DomainError(_("Drives can only be taken out while the device is in the workshop."))
    if medium.removed_at is not None:
        raise DomainError(_("This drive was already taken out."))
    medium.removed_at = timezone.now()
    medium.save(update_fields=["removed_at"])
    text = _("Storage taken out: %(medium)s") % {"medium": medium}
    _event(locked, DeviceEvent.Kind.WIPE, by, f"{text} {clean_text(note)}".strip())
    return medium


@transaction.atomic
def record_wipe(
    *,
    medium: StorageMedium,
    by: Actor,
    method: str,
    tool: str,
    started_at: datetime.datetime,
    ended_at: datetime.datetime,
    result: str,
    verification_note: str = "",
    operator: User | None = None,
) -> Wipe:
    """Record the wipe of one drive, done by `operator` (the acting user unless given)."""
    locked = lock_device(medium.device)
    require_access(by, locked.digibank, Perm.MANAGE_DEVICES)
    operator = operator or _actor(by)
    if operator is None:
        raise DomainError(_("Choose who did the wipe."), field="operator")
    operator_access = access_for(operator, locked.digibank)
    if operator_access is None or not operator_access.can(Perm.MANAGE_DEVICES):
        raise DomainError(
            _("The operator must be a technician of this digibank."), field="operator"
        )
    if locked.state not in _WIPE_STATES:
        raise DomainError(
            _("Move the device to “being wiped” before you record a wipe."), field="method"
        )
    if medium.device_id != locked.pk or medium.removed_at is not None:
        raise DomainError(_("This drive is no longer in the device."), field="method")
    if method not in WipeMethod.values:
        raise DomainError(_("Choose the method (NIST SP 800-88)."), field="method")
    tool = check_length(clean_text(tool), 120, "tool")
    if not tool:
        raise DomainError(_("Enter the tool you used, with its version."), field="tool")
    if result not in WipeResult.values:
        raise DomainError(_("Choose the verification result."), field="result")
    note = check_length(clean_text(verification_note), 300, "verification_note")
    if ended_at < started_at:
        raise DomainError(_("The end must be after the start."), field="ended_at")
    if ended_at > timezone.now() + _CLOCK_SKEW:
        raise DomainError(_("The end cannot be in the future."), field="ended_at")
    wipe = Wipe.objects.create(
        medium=medium,
        device=locked,
        cycle=locked.cycle,
        method=method,
        tool=tool,
        operator=operator,
        started_at=started_at,
        ended_at=ended_at,
        result=result,
        verification_note=note,
    )
    if method == WipeMethod.DESTROY and result == WipeResult.PASSED:
        medium.removed_at = ended_at
        medium.save(update_fields=["removed_at"])
    _event(
        locked,
        DeviceEvent.Kind.WIPE,
        by,
        f"{medium}: {WipeMethod(method).label}, {WipeResult(result).label}",
    )
    return wipe


@transaction.atomic
def save_checklist(
    *,
    device: Device,
    by: Actor,
    checked: Iterable[str],
    grade: str = "",
    notes: str = "",
    battery_health: int | None = None,
) -> RefurbishChecklist:
    """Save the technician's checklist for this cycle; complete when every item is ticked."""
    locked = lock_device(device)
    require_access(by, locked.digibank, Perm.MANAGE_DEVICES)
    if locked.state not in {DeviceState.REFURBISHING, DeviceState.IN_REPAIR}:
        raise DomainError(
            _("Move the device to “being refurbished” before you fill in the checklist."),
            field="checked",
        )
    allowed = checklists.BY_KIND[locked.kind]
    ticked = [code for code in allowed if code in set(checked)]
    if set(checked) - set(allowed):
        raise DomainError(_("Choose items from the list."), field="checked")
    if grade and grade not in Grade.values:
        raise DomainError(_("Choose grade A, B or C."), field="grade")
    notes = check_length(clean_text(notes), 500, "notes")
    if battery_health is not None and not 0 <= battery_health <= 100:
        raise DomainError(_("Enter a number between 0 and 100."), field="battery_health")
    complete = len(ticked) == len(allowed) and bool(grade)
    checklist, _created = RefurbishChecklist.objects.update_or_create(
        device=locked,
        cycle=locked.cycle,
        defaults={
            "checked": ticked,
            "grade": grade,
            "notes": notes,
            "complete": complete,
            "technician": _actor(by),
        },
    )
    fields = []
    if grade and locked.grade != grade:
        locked.grade = grade
        fields.append("grade")
    if battery_health is not None and battery_health != locked.battery_health:
        locked.battery_health = battery_health
        fields.append("battery_health")
    if fields:
        locked.save(update_fields=[*fields, "updated_at"])
        sync(device, locked, fields)
    summary = _("%(done)d of %(total)d done") % {"done": len(ticked), "total": len(allowed)}
    if grade:
        summary += ", " + _("grade %(grade)s") % {"grade": grade}
    _event(locked, DeviceEvent.Kind.CHECKLIST, by, summary)
    return checklist


@transaction.atomic
def start_repair(*, device: Device, by: Actor, fault: str) -> Repair:
    """Open a repair: the device goes (or stays) in repair."""
    locked = lock_device(device)
    require_access(by, locked.digibank, Perm.MANAGE_DEVICES)
    fault = check_length(clean_text(fault), 500, "fault")
    if not fault:
        raise DomainError(_("Describe the fault."), field="fault")
    if Repair.objects.filter(device=locked, outcome="").exists():
        raise DomainError(_("This device already has an open repair. Finish it first."))
    if locked.state != DeviceState.IN_REPAIR:
        move(locked, DeviceState.IN_REPAIR, by, fault)
    repair = Repair.objects.create(device=locked, fault=fault, technician=_actor(by))
    sync(device, locked, ("state", "state_changed_at"))
    return repair


def _next_state_after_fix(device: Device) -> DeviceState:
    from digibank.devices import lifecycle

    if lifecycle.storage_problem(device):
        return DeviceState.WIPING
    if lifecycle.checklist_problem(device):
        return DeviceState.REFURBISHING
    return DeviceState.READY


@transaction.atomic
def finish_repair(
    *,
    repair: Repair,
    by: Actor,
    outcome: str,
    barriers: Iterable[str] = (),
    parts: str = "",
    minutes: int = 0,
    note: str = "",
) -> Repair:
    """Close a repair. Fixed: back into the flow where it left off; end of life: retired."""
    locked = lock_device(repair.device)
    require_access(by, locked.digibank, Perm.MANAGE_DEVICES)
    repair = Repair.objects.select_for_update().get(pk=repair.pk)
    if repair.outcome and repair.outcome != RepairOutcome.REPAIRABLE:
        raise DomainError(_("This repair is already finished."), field="outcome")
    if outcome not in RepairOutcome.values:
        raise DomainError(_("Choose the outcome of the repair."), field="outcome")
    barriers = list(dict.fromkeys(barriers))
    if any(code not in RepairBarrier.values for code in barriers):
        raise DomainError(_("Choose barriers from the list."), field="barriers")
    if outcome == RepairOutcome.END_OF_LIFE and not barriers:
        raise DomainError(
            _("Tell us what stopped the repair: choose at least one barrier."), field="barriers"
        )
    parts = check_length(clean_text(parts), 300, "parts")
    if not 0 <= int(minutes) <= 60 * 24 * 14:
        raise DomainError(_("Enter the time in minutes (up to 14 days)."), field="minutes")
    repair.outcome = outcome
    repair.barriers = barriers
    repair.parts = parts
    repair.minutes = int(minutes)
    repair.technician = repair.technician or _actor(by)
    repair.finished_at = timezone.now() if outcome != RepairOutcome.REPAIRABLE else None
    repair.save()
    text = f"{RepairOutcome(outcome).label}: {repair.fault}"
    _event(locked, DeviceEvent.Kind.REPAIR, by, text)
    if locked.state == DeviceState.IN_REPAIR:
        if outcome == RepairOutcome.FIXED:
            move(locked, _next_state_after_fix(locked), by, clean_text(note))
        elif outcome == RepairOutcome.END_OF_LIFE:
            move(locked, DeviceState.END_OF_LIFE, by, clean_text(note) or repair.fault)
    sync(repair.device, locked, ("state", "state_changed_at"))
    return repair


@transaction.atomic
def recycle_device(*, device: Device, by: Actor, recycler: str, note: str = "") -> Device:
    """Hand an end-of-life device to a certified recycler."""
    locked = lock_device(device)
    require_access(by, locked.digibank, Perm.MANAGE_DEVICES)
    recycler = check_length(clean_text(recycler), 150, "recycler")
    if not recycler:
        raise DomainError(_("Enter the recycler that takes the device."), field="recycler")
    move(locked, DeviceState.RECYCLED, by, f"{recycler}. {clean_text(note)}".strip(". "))
    locked.recycler = recycler
    locked.save(update_fields=["recycler", "updated_at"])
    sync(device, locked, ("state", "state_changed_at", "recycler"))
    return locked
