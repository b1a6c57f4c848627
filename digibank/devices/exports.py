"""Inventory exports (CSV and XLSX), safe against spreadsheet formula injection.

A cell that starts with = + - @, a tab or a carriage return could run as a formula when the file
is opened in a spreadsheet (for example a serial number typed as `=HYPERLINK(...)`). Such a text
cell gets a leading apostrophe, so it shows as typed and never runs. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import CharField, F, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from digibank.devices.models import Device, DeviceKind, DeviceState, KeyboardLayout

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def header() -> list[str]:
    return [
        _("Asset tag"),
        _("Kind"),
        _("State"),
        _("Brand"),
        _("Model"),
        _("Serial number"),
        _("Processor"),
        _("Memory (GB)"),
        _("Storage (GB)"),
        _("Screen size (inch)"),
        _("Battery health (%)"),
        _("Keyboard layout"),
        _("Grade"),
        _("Hub"),
        _("Donation"),
        _("Donor"),
        _("Received on"),
    ]


_COLUMNS = (
    "asset_tag",
    "kind",
    "state",
    "brand",
    "model",
    "serial",
    "processor",
    "memory_gb",
    "storage_gb",
    "screen_inch",
    "battery_health",
    "keyboard_layout",
    "grade",
    "hub__name",
    "donation__reference",
    "donor",
    "received_on",
)


def export_queryset(queryset: QuerySet[Device]) -> QuerySet:
    """Plain tuples in the order of `header()`: no model instance per row, exports stay fast."""
    return (
        queryset.annotate(
            donor=Coalesce(
                F("donation__donor_partner__name"),
                F("donation__donor_name"),
                output_field=CharField(),
            )
        )
        .order_by("-pk")
        .values_list(*_COLUMNS)
    )


def rows(values: Iterable[tuple]) -> Iterator[list[Any]]:
    kinds = {kind.value: str(kind.label) for kind in DeviceKind}
    states = {state.value: str(state.label) for state in DeviceState}
    layouts = {layout.value: str(layout.label) for layout in KeyboardLayout}
    for values_row in values:
        row = list(values_row)
        row[1] = kinds.get(row[1], row[1])
        row[2] = states.get(row[2], row[2])
        row[9] = float(row[9]) if row[9] is not None else None
        row[11] = layouts.get(row[11], "") if row[11] else ""
        row[16] = row[16].isoformat() if row[16] else ""
        yield [safe_cell(value) for value in row]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(queryset: QuerySet[Device]) -> Iterator[str]:
    """The CSV file line by line, so a large inventory streams without filling memory."""
    writer = csv.writer(_Echo())
    yield "\ufeff"  # lets spreadsheet programs read the file as UTF-8
    yield writer.writerow(header())
    for row in rows(export_queryset(queryset).iterator(chunk_size=2000)):
        yield writer.writerow(row)


def xlsx_bytes(queryset: QuerySet[Device]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Devices")[:31])
    sheet.append(header())
    for row in rows(export_queryset(queryset).iterator(chunk_size=2000)):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
