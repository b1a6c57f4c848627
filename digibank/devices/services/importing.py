"""Importing a donor's asset list (CSV or XLSX): checked row by row, then all rows or none.

The first row holds the column names (English or Dutch, see `COLUMNS`); only `kind` is required.
Importing the same file twice creates nothing the second time (the file's SHA-256 is kept), and a
row whose serial number this donation already holds is skipped, so a corrected or extended list
can be imported again without creating doubles.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.devices.models import (
    STORAGE_KINDS,
    Accessory,
    Condition,
    Device,
    DeviceImport,
    DeviceKind,
    Donation,
    KeyboardLayout,
    MediumKind,
)
from digibank.devices.services.common import require_access, serial_key_for
from digibank.devices.services.donations import mark_received_if_needed
from digibank.devices.services.intake import create_device, next_asset_tags, validated
from digibank.organisations.permissions import Perm

if TYPE_CHECKING:
    from digibank.core.models import User

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000

# Column → the names accepted in the header row (compared without case, spaces or punctuation).
COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("kind", "type", "devicetype", "soort", "toestel", "soorttoestel", "category"),
    "brand": ("brand", "make", "manufacturer", "merk", "fabrikant"),
    "model": ("model", "modelname", "modelnaam"),
    "serial": ("serial", "serialnumber", "serialno", "sn", "serienummer", "serienr"),
    "processor": ("processor", "cpu"),
    "memory_gb": ("memorygb", "memory", "ram", "ramgb", "geheugen", "geheugengb"),
    "storage_gb": ("storagegb", "storage", "disk", "diskgb", "opslag", "opslaggb", "schijf"),
    "storage_type": ("storagetype", "disktype", "drive", "drivetype", "opslagtype", "schijftype"),
    "screen_inch": ("screeninch", "screen", "screensize", "scherm", "schermgrootte", "inch"),
    "battery_health": ("batteryhealth", "battery", "batterij", "batterijgezondheid"),
    "operating_system": ("operatingsystem", "os", "besturingssysteem"),
    "keyboard_layout": ("keyboardlayout", "keyboard", "layout", "toetsenbord"),
    "accessories": ("accessories", "accessoires", "toebehoren"),
    "condition": ("condition", "staat", "toestand"),
    "condition_notes": ("conditionnotes", "notes", "remarks", "opmerkingen", "opmerking"),
    "data_plan": ("dataplan", "plan", "abonnement", "databundel"),
    "plan_ends_on": ("planendson", "planend", "enddate", "einddatum", "einddatumabonnement"),
}
_ALIASES = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}

_KIND_WORDS = {
    **{value: value for value in DeviceKind.values},
    "notebook": DeviceKind.LAPTOP,
    "laptopcomputer": DeviceKind.LAPTOP,
    "pc": DeviceKind.DESKTOP,
    "computer": DeviceKind.DESKTOP,
    "desktopcomputer": DeviceKind.DESKTOP,
    "tower": DeviceKind.DESKTOP,
    "monitor": DeviceKind.SCREEN,
    "scherm": DeviceKind.SCREEN,
    "beeldscherm": DeviceKind.SCREEN,
    "gsm": DeviceKind.SMARTPHONE,
    "phone": DeviceKind.SMARTPHONE,
    "telefoon": DeviceKind.SMARTPHONE,
    "mobilehotspot": DeviceKind.HOTSPOT,
    "router": DeviceKind.HOTSPOT,
    "mifi": DeviceKind.HOTSPOT,
    "sim": DeviceKind.DATA_SIM,
    "datasim": DeviceKind.DATA_SIM,
    "simkaart": DeviceKind.DATA_SIM,
    "toetsenbord": DeviceKind.KEYBOARD,
    "muis": DeviceKind.MOUSE,
    "koptelefoon": DeviceKind.HEADSET,
    "hoofdtelefoon": DeviceKind.HEADSET,
}
_LAYOUT_WORDS = {
    **{value: value for value in KeyboardLayout.values},
    "azerty": KeyboardLayout.AZERTY_BE,
    "azertybe": KeyboardLayout.AZERTY_BE,
    "belgian": KeyboardLayout.AZERTY_BE,
    "belgisch": KeyboardLayout.AZERTY_BE,
    "be": KeyboardLayout.AZERTY_BE,
    "azertyfr": KeyboardLayout.AZERTY_FR,
    "fr": KeyboardLayout.AZERTY_FR,
    "qwerty": KeyboardLayout.QWERTY_US,
    "qwertyus": KeyboardLayout.QWERTY_US,
    "us": KeyboardLayout.QWERTY_US,
    "qwertyuk": KeyboardLayout.QWERTY_UK,
    "uk": KeyboardLayout.QWERTY_UK,
    "de": KeyboardLayout.QWERTZ,
    "none": KeyboardLayout.NONE,
    "geen": KeyboardLayout.NONE,
}
_CONDITION_WORDS = {
    **{value: value for value in Condition.values},
    "nieuw": Condition.NEW,
    "goed": Condition.GOOD,
    "redelijk": Condition.FAIR,
    "gebruikt": Condition.FAIR,
    "used": Condition.FAIR,
    "slecht": Condition.POOR,
    "defect": Condition.BROKEN,
    "kapot": Condition.BROKEN,
}
_ACCESSORY_WORDS = {
    **{value: value for value in Accessory.values},
    "lader": Accessory.CHARGER,
    "oplader": Accessory.CHARGER,
    "adapter": Accessory.CHARGER,
    "poweradapter": Accessory.CHARGER,
    "muis": Accessory.MOUSE,
    "toetsenbord": Accessory.KEYBOARD,
    "tas": Accessory.BAG,
    "hoes": Accessory.BAG,
    "sleeve": Accessory.BAG,
    "kabel": Accessory.CABLE,
    "pen": Accessory.STYLUS,
    "eidreader": Accessory.EID_READER,
    "kaartlezer": Accessory.EID_READER,
    "cardreader": Accessory.EID_READER,
}
_MEDIUM_WORDS = {
    **{value.replace("_", ""): value for value in MediumKind.values},
    "harddisk": MediumKind.HDD,
    "harddrive": MediumKind.HDD,
    "hd": MediumKind.HDD,
    "sata": MediumKind.SSD,
    "m2": MediumKind.NVME,
    "ufs": MediumKind.EMMC,
    "flash": MediumKind.EMMC,
    "sd": MediumKind.SD_CARD,
}
_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-z%\"″']*)\s*$", re.IGNORECASE)


def _key(text: Any) -> str:
    return "".join(char for char in str(text or "").casefold() if char.isalnum())


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


class _RowProblem(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def read_table(file_name: str, content: bytes) -> list[list[Any]]:
    """The rows of a CSV or XLSX file as lists of cell values (header row first)."""
    if len(content) > MAX_FILE_BYTES:
        raise DomainError(_("Choose a file smaller than 5 MB."), field="file")
    if not content.strip():
        raise DomainError(_("The file is empty."), field="file")
    if content[:2] == b"PK" or file_name.lower().endswith(".xlsx"):
        return _read_xlsx(content)
    return _read_csv(content)


def _read_xlsx(content: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DomainError(
            _("This file cannot be read. Upload a CSV or an Excel (.xlsx) file."), field="file"
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append(list(values))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def _read_csv(content: bytes) -> list[list[Any]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise DomainError(_("Save the file as CSV in UTF-8 and try again."), field="file")
    if "\x00" in text:
        raise DomainError(
            _("This file cannot be read. Upload a CSV or an Excel (.xlsx) file."), field="file"
        )
    header = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=header.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for values in reader:
            rows.append(values)
            if len(rows) > MAX_ROWS + 1:
                break
    except csv.Error:
        raise DomainError(_("This CSV file is damaged; save it again."), field="file") from None
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _choice(value: str, words: dict[str, str], column: str, message: str) -> str:
    if not value:
        return ""
    found = words.get(_key(value))
    if found is None:
        raise _RowProblem(column, message)
    return found


def _amount(value: Any, column: str, *, unit: str = "") -> Any:
    """A number from a cell: 8, "8 GB", "1 TB", "15,6\"", "85%"."""
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return value
    match = _NUMBER.match(str(value))
    if match is None:
        raise _RowProblem(column, _("Enter a number, for example 8 or 15.6."))
    number = float(match.group(1).replace(",", "."))
    if unit == "gb" and match.group(2).lower() == "tb":
        number *= 1000
    return number


def _whole(value: Any, column: str, *, unit: str = "") -> int | None:
    number = _amount(value, column, unit=unit)
    if number is None:
        return None
    if float(number) != int(number):
        raise _RowProblem(column, _("Enter a whole number."))
    return int(number)


def _date(value: Any, column: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise _RowProblem(column, _("Enter a date like 31/12/2026."))


def _parse_row(values: dict[str, Any], headers: dict[str, str]) -> tuple[dict, list[dict]]:
    """Turn one row into device fields and drives; raises _RowProblem for the first bad cell."""

    def cell(column: str) -> Any:
        return values.get(column)

    def name(column: str) -> str:
        return headers.get(column, column)

    kind_text = _text(cell("kind"))
    if not kind_text:
        raise _RowProblem(name("kind"), _("Enter the kind of device, for example laptop."))
    fields: dict[str, Any] = {
        "kind": _choice(
            kind_text,
            _KIND_WORDS,
            name("kind"),
            _("Unknown kind of device: use for example laptop."),
        ),
        "keyboard_layout": _choice(
            _text(cell("keyboard_layout")),
            _LAYOUT_WORDS,
            name("keyboard_layout"),
            _("Unknown keyboard layout: use azerty, qwerty or qwertz."),
        ),
        "condition": _choice(
            _text(cell("condition")),
            _CONDITION_WORDS,
            name("condition"),
            _("Unknown condition: use new, good, fair, poor or broken."),
        )
        or Condition.GOOD,
        "memory_gb": _whole(cell("memory_gb"), name("memory_gb"), unit="gb"),
        "storage_gb": _whole(cell("storage_gb"), name("storage_gb"), unit="gb"),
        "screen_inch": _amount(cell("screen_inch"), name("screen_inch")),
        "battery_health": _whole(cell("battery_health"), name("battery_health")),
        "plan_ends_on": _date(cell("plan_ends_on"), name("plan_ends_on")),
    }
    for column in (
        "brand",
        "model",
        "serial",
        "processor",
        "operating_system",
        "condition_notes",
        "data_plan",
    ):
        fields[column] = _text(cell(column))
    accessories = []
    for part in re.split(r"[,;|/+]", _text(cell("accessories"))):
        if part.strip():
            accessories.append(
                _choice(
                    part,
                    _ACCESSORY_WORDS,
                    name("accessories"),
                    _("Unknown accessory “%(value)s”: use for example charger, mouse, bag.")
                    % {"value": part.strip()[:40]},
                )
            )
    fields["accessories"] = accessories
    media = []
    storage_type = _text(cell("storage_type"))
    if storage_type:
        medium_kind = _choice(
            storage_type,
            _MEDIUM_WORDS,
            name("storage_type"),
            _("Unknown storage type: use hdd, ssd, nvme or emmc."),
        )
        if fields["kind"] not in STORAGE_KINDS:
            raise _RowProblem(name("storage_type"), _("This kind of device holds no storage."))
        media.append({"kind": medium_kind, "capacity_gb": fields["storage_gb"], "serial": ""})
    return fields, media


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
    header_cells = [_text(value) for value in rows[0]]
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    errors: list[RowError] = []
    for position, header in enumerate(header_cells):
        column = _ALIASES.get(_key(header))
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
        if all(_text(value) == "" for value in values):
            continue
        cells = {
            column: (values[position] if position < len(values) else None)
            for column, position in positions.items()
        }
        try:
            fields, media = _parse_row(cells, headers)
        except _RowProblem as problem:
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
        except DomainError as error:
            column = headers.get(error.field or "", error.field or "")
            errors.append(RowError(index, column, error.message))
            continue
        good.append((index, data, media))
    errors.sort(key=lambda error: error.row)
    return errors, good, skipped


@transaction.atomic
def import_devices(
    *, donation: Donation, by: User | None, file_name: str, content: bytes
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
                created_by=by if by is not None and by.is_authenticated else None,
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
