"""Importing a donor's asset list (CSV or XLSX): checked row by row, then all rows or none.

The first row holds the column names (English or Dutch, see `import_cells.COLUMNS`); only `kind`
is required, and `storage_type` for a device that holds data (the rule `register_device` keeps).
The file is read by `import_files`, each cell understood by `import_cells`.
Importing the same file twice creates nothing the second time (the file's SHA-256 is kept), and a
row whose serial number this donation already holds is skipped, so a corrected or extended list
can be imported again without creating doubles.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.devices.models import Device, DeviceImport, DeviceKind, Donation
from digibank.devices.services.common import require_access, serial_key_for
from digibank.devices.services.donations import mark_received_if_needed
from digibank.devices.services.import_cells import (
    HEADER_ALIASES,
    RowProblem,
    cell_text,
    normalised_key,
    parse_row,
)
from digibank.devices.services.import_files import MAX_ROWS, read_table
from digibank.devices.services.intake import (
    checked_storage,
    create_device,
    next_asset_tags,
    validated,
)
from digibank.organisations.permissions import Actor, Perm

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str  # the column name as written in the file
    message: str


@dataclass
class ImportReport:
    device_import: DeviceImport | None
    created: list[Device] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, existing asset tag)
    already_imported: bool = False


class ImportRejected(DomainError):
    """The file has bad rows: nothing was imported. `errors` says which, where and why."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(
            _("Nothing was imported: %(count)d problem(s) in the file. Fix them and try again.")
            % {"count": len(errors)},
            field="file",
        )
        self.errors = errors


def _registered_serials(donation: Donation, keys: set[str]) -> dict[str, tuple[str, int | None]]:
    """Serial key → (asset tag, donation id) of the devices the digibank already has."""
    keys.discard("")
    found: dict[str, tuple[str, int | None]] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), 500):
        for key, tag, donation_id in Device.objects.filter(
            digibank=donation.digibank, serial_key__in=ordered[start : start + 500]
        ).values_list("serial_key", "asset_tag", "donation_id"):
            found[key] = (tag, donation_id)
    return found


def check_rows(
    donation: Donation, rows: list[list[Any]]
) -> tuple[list[RowError], list[tuple[int, dict, list[dict]]], list[tuple[int, str]]]:
    """Check every row: (errors, rows to create, rows skipped as already registered)."""
    if not rows:
        raise DomainError(_("The file is empty."), field="file")
    header_cells = [cell_text(value) for value in rows[0]]
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    errors: list[RowError] = []
    for position, header in enumerate(header_cells):
        column = HEADER_ALIASES.get(normalised_key(header))
        if column is None:
            if header:
                errors.append(
                    RowError(1, header[:60], _("Unknown column: remove it or rename it."))
                )
            continue
        if column in positions:
            errors.append(RowError(1, header[:60], _("This column appears twice.")))
            continue
        positions[column] = position
        headers[column] = header
    if "kind" not in positions:
        errors.append(RowError(1, "kind", _("The first row must name the columns, with “kind”.")))
    if errors:
        return errors, [], []
    data_rows = rows[1:]
    if len(data_rows) > MAX_ROWS:
        raise DomainError(
            _("Import at most %(max)d rows at a time.") % {"max": MAX_ROWS}, field="file"
        )
    parsed: list[tuple[int, dict, list[dict]]] = []
    for index, values in enumerate(data_rows, start=2):
        if all(cell_text(value) == "" for value in values):
            continue
        cells = {
            column: (values[position] if position < len(values) else None)
            for column, position in positions.items()
        }
        try:
            fields, media = parse_row(cells, headers)
        except RowProblem as problem:
            errors.append(RowError(index, problem.column, problem.message))
            continue
        parsed.append((index, fields, media))
    existing = _registered_serials(
        donation, {serial_key_for(fields["serial"]) for _row, fields, _media in parsed}
    )
    seen: dict[str, int] = {}
    good: list[tuple[int, dict, list[dict]]] = []
    skipped: list[tuple[int, str]] = []
    for index, fields, media in parsed:
        key = serial_key_for(fields["serial"])
        if key and key in existing:
            tag, donation_id = existing[key]
            if donation_id == donation.pk:
                skipped.append((index, tag))
            else:
                errors.append(
                    RowError(
                        index,
                        headers.get("serial", "serial"),
                        _("A device with this serial number is already registered: %(tag)s.")
                        % {"tag": tag},
                    )
                )
            continue
        if key and key in seen:
            errors.append(
                RowError(
                    index,
                    headers.get("serial", "serial"),
                    _("The same serial number is on row %(row)d.") % {"row": seen[key]},
                )
            )
            continue
        if key:
            seen[key] = index
        try:
            data = validated(donation.digibank, {**fields, "hub": donation.hub})
            media = checked_storage(data, media)
        except DomainError as error:
            errors.append(_row_error(index, error, headers, fields["kind"]))
            continue
        good.append((index, data, media))
    errors.sort(key=lambda error: error.row)
    return errors, good, skipped


def _row_error(row: int, error: DomainError, headers: dict[str, str], kind: str) -> RowError:
    """The service's refusal under the file's own column; a missing drive in the file's words."""
    if error.field == "medium_kind":
        return RowError(
            row,
            headers.get("storage_type", "storage_type"),
            _(
                "Enter the storage type (hdd, ssd, nvme or emmc): a %(kind)s must be wiped "
                "before anyone else gets it."
            )
            % {"kind": DeviceKind(kind).label},
        )
    field = error.field or ""
    return RowError(row, headers.get(field, field), error.message)


@transaction.atomic
def import_devices(
    *, donation: Donation, by: Actor, file_name: str, content: bytes
) -> ImportReport:
    """Import an asset list into `donation`; raises ImportRejected when any row is bad."""
    require_access(by, donation.digibank, Perm.MANAGE_DEVICES)
    digest = hashlib.sha256(content).hexdigest()
    earlier = DeviceImport.objects.filter(digibank=donation.digibank, file_sha256=digest).first()
    if earlier is not None:
        return ImportReport(device_import=earlier, already_imported=True)
    rows = read_table(file_name, content)
    errors, good, skipped = check_rows(donation, rows)
    if errors:
        raise ImportRejected(errors)
    if not good and not skipped:
        raise DomainError(_("The file has no devices in it."), field="file")
    mark_received_if_needed(donation, by)
    try:
        with transaction.atomic():
            device_import = DeviceImport.objects.create(
                digibank=donation.digibank,
                donation=donation,
                file_name=file_name[:200],
                file_sha256=digest,
                row_count=len(good),
                created_by=by.user,
            )
    except IntegrityError:
        # The same file was imported at the same moment by someone else.
        earlier = DeviceImport.objects.get(digibank=donation.digibank, file_sha256=digest)
        return ImportReport(device_import=earlier, already_imported=True)
    tags = next_asset_tags(donation.digibank, len(good)) if good else []
    created = [
        create_device(
            digibank=donation.digibank,
            by=by,
            data=data,
            tag=tag,
            donation=donation,
            media=media,
            device_import=device_import,
            import_row=row,
        )
        for (row, data, media), tag in zip(good, tags, strict=True)
    ]
    return ImportReport(device_import=device_import, created=created, skipped=skipped)


TEMPLATE_HEADER = [
    "kind",
    "brand",
    "model",
    "serial",
    "processor",
    "memory_gb",
    "storage_gb",
    "storage_type",
    "screen_inch",
    "battery_health",
    "operating_system",
    "keyboard_layout",
    "accessories",
    "condition",
    "notes",
]
TEMPLATE_EXAMPLE = [
    "laptop",
    "Lenovo",
    "ThinkPad T480",
    "PF1ABC23",
    "Intel Core i5-8350U",
    "8",
    "256",
    "ssd",
    "14",
    "82",
    "Windows 11",
    "azerty",
    "charger",
    "good",
    "",
]
