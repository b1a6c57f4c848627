"""Registering devices one by one, their asset tags, and changing their details."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.core.fields import max_length, verbose_name
from digibank.devices.models import (
    STORAGE_KINDS,
    Accessory,
    Condition,
    Device,
    DeviceEvent,
    DeviceImport,
    DeviceKind,
    Donation,
    KeyboardLayout,
    MediumKind,
    StorageMedium,
    TagSequence,
)
from digibank.devices.services import counts
from digibank.devices.services.common import (
    check_length,
    clean_text,
    lock_device,
    require_access,
    serial_key_for,
    tag_prefix_for,
)
from digibank.devices.services.donations import mark_received_if_needed
from digibank.organisations.models import Digibank, Hub
from digibank.organisations.permissions import Actor, Perm

DEVICE_FIELDS = (
    "kind",
    "brand",
    "model",
    "serial",
    "processor",
    "memory_gb",
    "storage_gb",
    "screen_inch",
    "battery_health",
    "operating_system",
    "keyboard_layout",
    "accessories",
    "condition",
    "condition_notes",
    "data_plan",
    "plan_ends_on",
    "hub",
)
_TEXT_FIELDS = (
    "brand",
    "model",
    "serial",
    "processor",
    "operating_system",
    "condition_notes",
    "data_plan",
)
# (field, lowest, highest): limits that catch typing mistakes, not real hardware limits.
_NUMBER_LIMITS = (
    ("memory_gb", 0, 4096),
    ("storage_gb", 0, 1_000_000),
    ("battery_health", 0, 100),
)
MAX_PHOTO_BYTES = 5 * 1024 * 1024


def next_asset_tags(digibank: Digibank, count: int = 1) -> list[tuple[int, str]]:
    """Take `count` asset-tag numbers: the digibank's sequence row stays locked until commit.

    Tags read like "MEC-0042": three capitals from the digibank's short name and a number.
    """
    TagSequence.objects.get_or_create(
        digibank=digibank, defaults={"prefix": tag_prefix_for(digibank)}
    )
    sequence = TagSequence.objects.select_for_update().get(digibank=digibank)
    first = sequence.next_number
    sequence.next_number = first + count
    sequence.save(update_fields=["next_number"])
    return [(number, f"{sequence.prefix}-{number:04d}") for number in range(first, first + count)]


def _number(data: dict[str, Any], name: str, lowest: int, highest: int) -> None:
    value = data.get(name)
    if value in (None, ""):
        data[name] = None
        return
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError(_("Enter a whole number."), field=name) from None
    if not lowest <= number <= highest:
        raise DomainError(
            _("Enter a number between %(low)d and %(high)d.") % {"low": lowest, "high": highest},
            field=name,
        )
    data[name] = number


def validated(
    digibank: Digibank, values: Mapping[str, Any], *, exclude: Device | None = None
) -> dict[str, Any]:
    """Clean and check a device's fields; the first problem is raised as a DomainError."""
    data = dict(values)
    if data.get("kind") not in DeviceKind.values:
        raise DomainError(_("Choose the kind of device."), field="kind")
    for name in _TEXT_FIELDS:
        data[name] = clean_text(data.get(name))
        check_length(data[name], max_length(Device, name), name)
    for name, lowest, highest in _NUMBER_LIMITS:
        _number(data, name, lowest, highest)
    screen = data.get("screen_inch")
    if screen in (None, ""):
        data["screen_inch"] = None
    else:
        try:
            inches = Decimal(str(screen).replace(",", ".")).quantize(Decimal("0.1"))
        except (InvalidOperation, ValueError):
            raise DomainError(_("Enter a number, for example 15.6."), field="screen_inch") from None
        if not Decimal("1") <= inches <= Decimal("100"):
            raise DomainError(_("Enter a screen size between 1 and 100 inch."), field="screen_inch")
        data["screen_inch"] = inches
    data["keyboard_layout"] = data.get("keyboard_layout") or ""
    if data["keyboard_layout"] not in KeyboardLayout.values:
        raise DomainError(_("Choose a keyboard layout from the list."), field="keyboard_layout")
    accessories = list(dict.fromkeys(data.get("accessories") or []))
    if any(code not in Accessory.values for code in accessories):
        raise DomainError(_("Choose accessories from the list."), field="accessories")
    data["accessories"] = accessories
    data["condition"] = data.get("condition") or Condition.GOOD
    if data["condition"] not in Condition.values:
        raise DomainError(_("Choose the condition of the device."), field="condition")
    plan_ends_on = data.get("plan_ends_on")
    if plan_ends_on is not None and not isinstance(plan_ends_on, datetime.date):
        raise DomainError(_("Enter a date."), field="plan_ends_on")
    data["plan_ends_on"] = plan_ends_on
    hub: Hub | None = data.get("hub")
    if hub is not None and hub.digibank_id != digibank.pk:
        raise DomainError(_("Choose a hub of this digibank."), field="hub")
    data["hub"] = hub
    data["serial_key"] = serial_key_for(data["serial"])
    if data["serial"] and not data["serial_key"]:
        raise DomainError(
            _("A serial number needs at least one letter or digit (A-Z, 0-9)."), field="serial"
        )
    if data["serial_key"]:
        twin = Device.objects.filter(digibank=digibank, serial_key=data["serial_key"])
        if exclude is not None:
            twin = twin.exclude(pk=exclude.pk)
        found = twin.only("asset_tag").first()
        if found is not None:
            raise DomainError(
                _("A device with this serial number is already registered: %(tag)s.")
                % {"tag": found.asset_tag},
                field="serial",
            )
    return data


def validated_media(media: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    cleaned = []
    for medium in media:
        kind = medium.get("kind")
        if kind not in MediumKind.values:
            raise DomainError(_("Choose the kind of storage."), field="medium_kind")
        serial = check_length(clean_text(medium.get("serial")), 60, "medium_serial")
        data = {"kind": kind, "serial": serial, "capacity_gb": medium.get("capacity_gb")}
        _number(data, "capacity_gb", 1, 1_000_000)
        cleaned.append(data)
    return cleaned


def _storage_mismatch(storage: int, capacity: int) -> DomainError:
    return DomainError(
        _(
            "The storage (%(storage)d GB) is not the capacity of its drives (%(capacity)d GB). "
            "Enter it once, as the capacity of the drive."
        )
        % {"storage": storage, "capacity": capacity},
        field="storage_gb",
    )


def checked_storage(data: dict[str, Any], media: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The storage is entered once, and a device is never saved without what its next step needs.

    A device that holds data (`STORAGE_KINDS`) must come with its drive: without one it could
    never be wiped, so never handed out. One number is the storage: a single drive without its
    capacity takes the device's storage, a device without storage takes its drives' capacity,
    and the two may not say different things. Checked here so the register page, the
    spreadsheet import and any other caller keep the same rule; the errors name the register
    form's fields (the import reports them under its own columns).
    """
    if media and data["kind"] not in STORAGE_KINDS:
        raise DomainError(_("This kind of device holds no storage."), field="medium_kind")
    if data["kind"] in STORAGE_KINDS and not media:
        raise DomainError(
            _("Choose the kind of storage: it must be wiped before anyone else gets it."),
            field="medium_kind",
        )
    media = [dict(medium) for medium in media]
    if len(media) == 1 and media[0].get("capacity_gb") is None:
        media[0]["capacity_gb"] = data.get("storage_gb")
    capacities = [m["capacity_gb"] for m in media if m.get("capacity_gb")]
    if data.get("storage_gb") is None:
        data["storage_gb"] = sum(capacities) if capacities else None
    elif capacities and sum(capacities) != data["storage_gb"]:
        raise _storage_mismatch(data["storage_gb"], sum(capacities))
    return media


def check_photo(photo: UploadedFile | None) -> None:
    if photo is not None and (photo.size or 0) > MAX_PHOTO_BYTES:
        raise DomainError(_("Choose a photo smaller than 5 MB."), field="photo")


def create_device(
    *,
    digibank: Digibank,
    by: Actor,
    data: dict[str, Any],
    tag: tuple[int, str],
    donation: Donation | None,
    media: list[dict[str, Any]],
    photo: UploadedFile | None = None,
    device_import: DeviceImport | None = None,
    import_row: int | None = None,
) -> Device:
    """Store one device whose fields `validated` has checked (the caller holds the tag lock)."""
    number, asset_tag = tag
    device = Device(
        digibank=digibank,
        donation=donation,
        device_import=device_import,
        import_row=import_row,
        tag_number=number,
        asset_tag=asset_tag,
        received_on=timezone.localdate(),
        created_by=by.user,
        **data,
    )
    if photo is not None:
        device.photo = photo
    device.save()
    counts.adjust(digibank.pk, {device.state: +1})
    StorageMedium.objects.bulk_create([StorageMedium(device=device, **m) for m in media])
    DeviceEvent.objects.create(
        device=device,
        kind=DeviceEvent.Kind.INTAKE,
        to_state=device.state,
        note=(_("Donation %(reference)s") % {"reference": donation.reference} if donation else ""),
        by=device.created_by,
    )
    return device


@transaction.atomic
def register_device(
    *,
    digibank: Digibank,
    by: Actor,
    donation: Donation | None = None,
    media: Iterable[Mapping[str, Any]] = (),
    photo: UploadedFile | None = None,
    **fields: Any,
) -> Device:
    """Register one device (state received) with its next asset tag and, optionally, its drives."""
    unknown = set(fields) - set(DEVICE_FIELDS)
    if unknown:
        raise TypeError(f"register_device() got unexpected {', '.join(sorted(unknown))}")
    require_access(by, digibank, Perm.MANAGE_DEVICES)
    if donation is not None and donation.digibank_id != digibank.pk:
        raise DomainError(_("Choose a donation of this digibank."), field="donation")
    data = validated(digibank, fields)
    cleaned_media = checked_storage(data, validated_media(media))
    check_photo(photo)
    if donation is not None:
        mark_received_if_needed(donation, by)
    tag = next_asset_tags(digibank)[0]
    return create_device(
        digibank=digibank,
        by=by,
        data=data,
        tag=tag,
        donation=donation,
        media=cleaned_media,
        photo=photo,
    )


def _check_drives_still_fit(device: Device, data: dict[str, Any]) -> None:
    """A changed kind or storage must still agree with the drives the device holds, the rule
    `checked_storage` keeps at registration."""
    media = list(
        StorageMedium.objects.filter(device=device, removed_at__isnull=True).values(
            "kind", "capacity_gb"
        )
    )
    if data["kind"] in STORAGE_KINDS and not media:
        raise DomainError(
            _(
                "A %(kind)s holds data: register its drive on the device page first, so it can "
                "be wiped."
            )
            % {"kind": DeviceKind(data["kind"]).label},
            field="kind",
        )
    if data["kind"] not in STORAGE_KINDS and media:
        raise DomainError(
            _("This kind of device holds no storage: take its drives out first."), field="kind"
        )
    capacities = [m["capacity_gb"] for m in media if m["capacity_gb"]]
    if data["storage_gb"] is not None and capacities and sum(capacities) != data["storage_gb"]:
        raise _storage_mismatch(data["storage_gb"], sum(capacities))


@transaction.atomic
def update_device(
    *, device: Device, by: Actor, photo: UploadedFile | None = None, **fields: Any
) -> Device:
    """Change a device's details (not its state: see `transition`)."""
    unknown = set(fields) - set(DEVICE_FIELDS)
    if unknown:
        raise TypeError(f"update_device() got unexpected {', '.join(sorted(unknown))}")
    locked = lock_device(device)
    require_access(by, locked.digibank, Perm.MANAGE_DEVICES)
    current = {name: getattr(locked, name) for name in DEVICE_FIELDS}
    data = validated(locked.digibank, {**current, **fields}, exclude=locked)
    check_photo(photo)
    changed = [name for name in DEVICE_FIELDS if data[name] != current[name]]
    if "kind" in changed or "storage_gb" in changed:
        _check_drives_still_fit(locked, data)
    for name in [*changed, "serial_key"]:
        setattr(locked, name, data[name])
    if photo is not None:
        locked.photo = photo
        changed.append("photo")
    if changed:
        locked.save()
        labels = [verbose_name(Device, name) for name in changed]
        DeviceEvent.objects.create(
            device=locked,
            kind=DeviceEvent.Kind.EDIT,
            note=", ".join(labels)[:500],
            by=by.user,
        )
        for name in [*changed, "serial_key"]:
            setattr(device, name, getattr(locked, name))
    return locked
