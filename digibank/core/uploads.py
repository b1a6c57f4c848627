"""Limits on what a visitor may send: the size of a request, and the size and kind of each file.

Django keeps the fields of a form under `DATA_UPLOAD_MAX_MEMORY_SIZE` but lets files through at
any size (it spools them to disk). `LimitedUploadHandler`, first in `FILE_UPLOAD_HANDLERS`, refuses
a request whose body is over `UPLOAD_MAX_BYTES` before anything is written, and counts the bytes
of each file as they come (a chunked request has no length to check up front). Both limits raise
Django's `RequestDataTooBig`, answered 413 by the error pages (`errors_views.bad_request`) and by
the API's handlers.

A file field then checks what it received by its content, never by its name or by the
browser's `Content-Type`, which the sender chooses: `check_photo` opens it with Pillow,
`check_table_file` looks inside an .xlsx (a ZIP archive holding a workbook) or reads a .csv as
text. Each refusal is a translated `ValidationError`, shown next to the field.
"""

from __future__ import annotations

import zipfile
from typing import IO

from django import forms
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _
from PIL import Image

MEGABYTE = 1024 * 1024
PHOTO_MAX_BYTES = 5 * MEGABYTE
PHOTO_MAX_PIXELS = 40_000_000  # a 40-megapixel camera; a larger image is a decompression bomb
PHOTO_FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",)}
TABLE_MAX_BYTES = 5 * MEGABYTE
# An .xlsx is compressed: its unpacked parts may not exceed this, against a "ZIP bomb".
TABLE_MAX_UNPACKED_BYTES = 100 * MEGABYTE
TEXT_SAMPLE_BYTES = 64 * 1024


class LimitedUploadHandler(FileUploadHandler):
    """Refuses a multipart body over `UPLOAD_MAX_BYTES`, announced or counted."""

    def handle_raw_input(
        self,
        input_data: IO[bytes],
        META: dict[str, str],
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> None:
        if content_length > settings.UPLOAD_MAX_BYTES:
            raise RequestDataTooBig("The request body is over UPLOAD_MAX_BYTES.")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > settings.UPLOAD_MAX_BYTES:
            raise RequestDataTooBig("An uploaded file is over UPLOAD_MAX_BYTES.")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def upload_limit_mb() -> int:
    """The largest request with files, in whole megabytes, as the 413 page states it."""
    return int(settings.UPLOAD_MAX_BYTES // MEGABYTE)


def _too_large(max_bytes: int) -> forms.ValidationError:
    return forms.ValidationError(
        _("Choose a file smaller than %(size)d MB.") % {"size": max_bytes // MEGABYTE},
        code="too_large",
    )


def check_photo(upload: UploadedFile) -> None:
    """A JPEG or PNG photo of at most `PHOTO_MAX_BYTES` and `PHOTO_MAX_PIXELS`, whose name says
    what it is (the photo is served with the type its name gives)."""
    max_bytes = PHOTO_MAX_BYTES
    if (upload.size or 0) > max_bytes:
        raise _too_large(max_bytes)
    not_a_photo = forms.ValidationError(_("Choose a JPEG or PNG photo."), code="not_a_photo")
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            kind, (width, height) = image.format, image.size
            if kind not in PHOTO_FORMATS or width * height > PHOTO_MAX_PIXELS:
                raise not_a_photo
            image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_a_photo from None
    finally:
        upload.seek(0)
    if not (upload.name or "").lower().endswith(PHOTO_FORMATS[kind]):
        raise not_a_photo


def check_table_file(upload: UploadedFile) -> None:
    """A .csv (text) or an .xlsx (a workbook), checked by what it holds."""
    max_bytes = TABLE_MAX_BYTES
    if (upload.size or 0) > max_bytes:
        raise _too_large(max_bytes)
    name = (upload.name or "").lower()
    upload.seek(0)
    try:
        if name.endswith(".xlsx"):
            _check_workbook(upload)
        elif name.endswith((".csv", ".txt")):
            _check_text(upload.read(TEXT_SAMPLE_BYTES))
        else:
            raise forms.ValidationError(
                _("Choose a CSV or an Excel (.xlsx) file."), code="wrong_kind"
            )
    finally:
        upload.seek(0)


def _check_workbook(upload: UploadedFile) -> None:
    not_a_workbook = forms.ValidationError(
        _("This file is not an Excel (.xlsx) workbook."), code="not_a_workbook"
    )
    try:
        with zipfile.ZipFile(upload) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise not_a_workbook from None
    if "xl/workbook.xml" not in {part.filename for part in parts}:
        raise not_a_workbook
    if sum(part.file_size for part in parts) > TABLE_MAX_UNPACKED_BYTES:
        raise forms.ValidationError(
            _("This workbook is too large once unpacked: split it into smaller files."),
            code="too_large",
        )


def _check_text(sample: bytes) -> None:
    """Text has no NUL bytes; a program, an image or a workbook renamed .csv has them."""
    if b"\x00" in sample or sample.startswith(b"PK\x03\x04"):
        raise forms.ValidationError(
            _("This file is not a CSV text file. Save it as CSV or as .xlsx."), code="not_text"
        )
