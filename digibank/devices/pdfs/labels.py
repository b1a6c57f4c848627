"""Label sheets: 24 labels an A4 page, each with the asset tag and a QR code to the device."""

from __future__ import annotations

import io
from collections.abc import Sequence

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as pdf_canvas

from digibank.devices.models import Device
from digibank.devices.pdfs.layout import font_for


def device_url(device: Device) -> str:
    """The device's staff page: scanning the label opens it (after log-in)."""
    path = reverse(
        "devices:detail", kwargs={"digibank": device.digibank.slug, "device_id": device.pk}
    )
    return f"{settings.SITE_URL}{path}"


COLUMNS, ROWS = 3, 8
LABEL_WIDTH, LABEL_HEIGHT = 70 * mm, 37 * mm
TOP_MARGIN = (A4[1] - ROWS * LABEL_HEIGHT) / 2


def _draw_qr(canvas: pdf_canvas.Canvas, data: str, x: float, y: float, size: float) -> None:
    code = segno.make(data, error="m", micro=False)
    matrix = code.matrix
    modules = len(matrix)
    quiet = 2
    cell = size / (modules + 2 * quiet)
    canvas.setFillColor(colors.black)
    for row_index, row in enumerate(matrix):
        for column_index, dark in enumerate(row):
            if dark:
                canvas.rect(
                    x + (column_index + quiet) * cell,
                    y + size - (row_index + quiet + 1) * cell,
                    cell,
                    cell,
                    stroke=0,
                    fill=1,
                )


def _fit(text: str, font: str, size: float, width: float) -> str:
    while text and pdfmetrics.stringWidth(text, font, size) > width:
        text = text[:-1]
    return text


def label_sheet(devices: Sequence[Device], *, compress: bool = True) -> bytes:
    """A4 sheets of 3 × 8 labels (70 × 37 mm): QR code, asset tag, kind and model."""
    buffer = io.BytesIO()
    canvas = pdf_canvas.Canvas(buffer, pagesize=A4, pageCompression=1 if compress else 0)
    canvas.setTitle(_("Device labels"))
    per_page = COLUMNS * ROWS
    for index, device in enumerate(devices):
        if index and index % per_page == 0:
            canvas.showPage()
        slot = index % per_page
        column, row = slot % COLUMNS, slot // COLUMNS
        x = column * LABEL_WIDTH
        y = A4[1] - TOP_MARGIN - (row + 1) * LABEL_HEIGHT
        qr_size = LABEL_HEIGHT - 6 * mm
        _draw_qr(canvas, device_url(device), x + 3 * mm, y + 3 * mm, qr_size)
        text_x = x + 3 * mm + qr_size + 2 * mm
        text_width = LABEL_WIDTH - (text_x - x) - 3 * mm
        canvas.setFillColor(colors.black)
        canvas.setFont("Helvetica-Bold", 15)
        canvas.drawString(text_x, y + LABEL_HEIGHT - 12 * mm, device.asset_tag)
        lines = [
            str(device.get_kind_display()).capitalize(),
            " ".join(part for part in (device.brand, device.model) if part),
            device.serial and f"S/N {device.serial}",
            device.digibank.name,
        ]
        line_y = y + LABEL_HEIGHT - 18 * mm
        for line in filter(None, lines):
            font = font_for(line)
            canvas.setFont(font, 7.5)
            canvas.drawString(text_x, line_y, _fit(line, font, 7.5, text_width))
            line_y -= 4 * mm
    if not devices:
        canvas.setFont("Helvetica", 11)
        canvas.drawString(20 * mm, A4[1] - 30 * mm, _("No devices to print labels for."))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
