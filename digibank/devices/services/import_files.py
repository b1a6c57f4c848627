"""Reading a donor's asset list: the rows of a CSV or XLSX file, as plain cell values.

Only reading: which columns mean what is `import_cells`, what is checked and created is
`importing`. A file too big, empty, damaged or in an unknown encoding is refused with a message
next to the file field, never a 500.
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from django.utils.translation import gettext as _

from digibank.core.errors import DomainError

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000


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
