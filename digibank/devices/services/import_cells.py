"""What the cells of an imported asset list mean: column names, words and numbers.

Donors write their lists in their own words, in English or Dutch: "Notebook", "oplader", "8 GB",
"1 TB", "15,6\"", "31/12/2026". `COLUMNS` and the word lists below map them to the device fields;
`parse_row` turns one row into the fields and drives of a device, or raises `RowProblem` naming
the column and what to write instead.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils.translation import gettext as _

from digibank.devices.models import (
    STORAGE_KINDS,
    Accessory,
    Condition,
    DeviceKind,
    KeyboardLayout,
    MediumKind,
)

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
HEADER_ALIASES = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}

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


def normalised_key(text: Any) -> str:
    """A header or word without case, spaces or punctuation: "Serial No." and "serialno" match."""
    return "".join(char for char in str(text or "").casefold() if char.isalnum())


class RowProblem(Exception):
    """The first bad cell of a row: the column as the file names it, and what to write instead."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def cell_text(value: Any) -> str:
    """A cell as text; spreadsheets store whole numbers (a serial, 8 GB) as floats such as 8.0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _choice(value: str, words: dict[str, str], column: str, message: str) -> str:
    if not value:
        return ""
    found = words.get(normalised_key(value))
    if found is None:
        raise RowProblem(column, message)
    return found


def _amount(value: Any, column: str, *, unit: str = "") -> Any:
    """A number from a cell: 8, "8 GB", "1 TB", "15,6\"", "85%"."""
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return value
    match = _NUMBER.match(str(value))
    if match is None:
        raise RowProblem(column, _("Enter a number, for example 8 or 15.6."))
    number = float(match.group(1).replace(",", "."))
    if unit == "gb" and match.group(2).lower() == "tb":
        number *= 1000
    return number


def _whole(value: Any, column: str, *, unit: str = "") -> int | None:
    number = _amount(value, column, unit=unit)
    if number is None:
        return None
    if float(number) != int(number):
        raise RowProblem(column, _("Enter a whole number."))
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
    raise RowProblem(column, _("Enter a date like 31/12/2026."))


def parse_row(values: dict[str, Any], headers: dict[str, str]) -> tuple[dict, list[dict]]:
    """Turn one row into device fields and drives; raises RowProblem for the first bad cell."""

    def cell(column: str) -> Any:
        return values.get(column)

    def name(column: str) -> str:
        return headers.get(column, column)

    kind_text = cell_text(cell("kind"))
    if not kind_text:
        raise RowProblem(name("kind"), _("Enter the kind of device, for example laptop."))
    fields: dict[str, Any] = {
        "kind": _choice(
            kind_text,
            _KIND_WORDS,
            name("kind"),
            _("Unknown kind of device: use for example laptop."),
        ),
        "keyboard_layout": _choice(
            cell_text(cell("keyboard_layout")),
            _LAYOUT_WORDS,
            name("keyboard_layout"),
            _("Unknown keyboard layout: use azerty, qwerty or qwertz."),
        ),
        "condition": _choice(
            cell_text(cell("condition")),
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
        fields[column] = cell_text(cell(column))
    accessories = []
    for part in re.split(r"[,;|/+]", cell_text(cell("accessories"))):
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
    storage_type = cell_text(cell("storage_type"))
    if storage_type:
        medium_kind = _choice(
            storage_type,
            _MEDIUM_WORDS,
            name("storage_type"),
            _("Unknown storage type: use hdd, ssd, nvme or emmc."),
        )
        if fields["kind"] not in STORAGE_KINDS:
            raise RowProblem(name("storage_type"), _("This kind of device holds no storage."))
        media.append({"kind": medium_kind, "capacity_gb": fields["storage_gb"], "serial": ""})
    return fields, media
