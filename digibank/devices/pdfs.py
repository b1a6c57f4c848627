"""PDF documents of the device bank: label sheets with QR codes, erasure certificates, reports.

Text is set in Helvetica, whose text stays searchable in the file; a line with letters outside
Western European ones (a name in Arabic or Cyrillic script) is set in DejaVu Sans when installed.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from digibank.devices.impact import SOURCES, Impact
from digibank.devices.models import Device, Donation, Wipe
from digibank.organisations.models import Digibank

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@cache
def _unicode_fonts() -> tuple[str, str] | None:
    regular, bold = DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return None
    pdfmetrics.registerFont(TTFont("DevicesSans", str(regular)))
    pdfmetrics.registerFont(TTFont("DevicesSans-Bold", str(bold)))
    return "DevicesSans", "DevicesSans-Bold"


def font_for(text: str, *, bold: bool = False) -> str:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        fonts = _unicode_fonts()
        if fonts is not None:
            return fonts[1] if bold else fonts[0]
    return "Helvetica-Bold" if bold else "Helvetica"


def _date(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
        return formats.date_format(value, "j F Y, H:i")
    return formats.date_format(value, "j F Y")


def device_url(device: Device) -> str:
    """The device's staff page: scanning the label opens it (after log-in)."""
    path = reverse(
        "devices:detail", kwargs={"digibank": device.digibank.slug, "device_id": device.pk}
    )
    return f"{settings.SITE_URL}{path}"


# --- Label sheet --------------------------------------------------------------------------------

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


# --- Documents with paragraphs and tables ---------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13.5, spaceAfter=5)
    return {
        "body": body,
        "title": ParagraphStyle(
            "title", parent=body, fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=8
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=12.5,
            leading=16,
            spaceBefore=8,
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10, spaceAfter=0),
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10.5),
    }


def _paragraph(text: str, style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
    font = font_for(text, bold=bold)
    if font != style.fontName:
        style = ParagraphStyle(f"{style.name}-{font}", parent=style, fontName=font)
    return Paragraph(escape(text), style)


def _table(rows: list[list[str]], widths: list[float], styles: dict) -> Table:
    cells = [
        [_paragraph(str(value), styles["cell"], bold=index == 0) for value in row]
        for index, row in enumerate(rows)
    ]
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b1b4b6")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f1f5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _build(story: list, *, title: str, footer: str, compress: bool) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        pageCompression=1 if compress else 0,
    )

    def on_page(canvas: pdf_canvas.Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font_for(footer), 7.5)
        canvas.drawString(15 * mm, 10 * mm, f"{footer} · {canvas.getPageNumber()}")
        canvas.restoreState()

    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def _issuer(digibank: Digibank) -> str:
    contact = " · ".join(
        part for part in (digibank.email, digibank.phone, digibank.website) if part
    )
    return f"{digibank.name}{' · ' + contact if contact else ''}"


@dataclass
class CertificateLine:
    device: Device
    wipes: list[Wipe]


def certificate_lines(
    devices: Iterable[Device], *, first_cycle_only: bool
) -> list[CertificateLine]:
    """Each device with its verified wipes (for a donor: those that erased the donor's data)."""
    lines = []
    for device in devices:
        wipes = sorted(
            (wipe for wipe in device.wipes.all() if wipe.result == "passed"),
            key=lambda wipe: (wipe.cycle, wipe.ended_at),
        )
        if first_cycle_only:
            first: dict[int, Wipe] = {}
            for wipe in wipes:
                first.setdefault(wipe.medium_id, wipe)
            wipes = list(first.values())
        lines.append(CertificateLine(device, wipes))
    return lines


def erasure_certificate(
    *,
    digibank: Digibank,
    devices: Sequence[Device],
    donation: Donation | None = None,
    compress: bool = True,
) -> bytes:
    """The certificate a donor receives: which drives were erased, how, when, by whom."""
    styles = _styles()
    today = timezone.localdate()
    subject = donation.reference if donation else (devices[0].asset_tag if devices else "")
    number = f"{subject}-{today:%Y%m%d}"
    title = _("Certificate of data erasure")
    lines = certificate_lines(devices, first_cycle_only=donation is not None)
    story: list = [
        _paragraph(title, styles["title"], bold=True),
        _paragraph(_("Certificate number: %(number)s") % {"number": number}, styles["body"]),
        _paragraph(
            _("Issued on %(date)s by %(issuer)s")
            % {
                "date": _date(today),
                "issuer": _issuer(digibank),
            },
            styles["body"],
        ),
    ]
    if donation is not None:
        story.append(
            _paragraph(
                _("Donor: %(donor)s (donation %(reference)s, received on %(date)s)")
                % {
                    "donor": donation.donor_display,
                    "reference": donation.reference,
                    "date": _date(donation.received_on) or "–",
                },
                styles["body"],
            )
        )
    story += [
        Spacer(1, 3 * mm),
        _paragraph(
            _(
                "We declare that the data on the storage media listed below was sanitised "
                "following NIST Special Publication 800-88 Revision 1, Guidelines for Media "
                "Sanitization, with the method shown, and that the result was verified. Clear "
                "overwrites all user data; Purge uses the drive's secure erase or cryptographic "
                "erase; Destroy makes the medium unusable (shredding, disintegration)."
            ),
            styles["body"],
        ),
        _paragraph(_("Erased storage media"), styles["heading"], bold=True),
    ]
    header = [
        _("Asset tag"),
        _("Device and serial number"),
        _("Storage medium"),
        _("Method"),
        _("Tool"),
        _("Operator"),
        _("Date"),
        _("Verification"),
    ]
    rows = [header]
    pending, without_storage = [], []
    for line in lines:
        device = line.device
        if not line.wipes:
            (pending if device.carries_storage else without_storage).append(device)
            continue
        for wipe in line.wipes:
            medium = wipe.medium
            rows.append(
                [
                    device.asset_tag,
                    f"{device.title} · {device.serial or _('no serial number')}",
                    " ".join(
                        part
                        for part in (
                            str(medium.get_kind_display()),
                            f"{medium.capacity_gb} GB" if medium.capacity_gb else "",
                            medium.serial and f"S/N {medium.serial}",
                        )
                        if part
                    ),
                    str(wipe.get_method_display()).split(" (")[0],
                    wipe.tool,
                    wipe.operator.get_full_name() or wipe.operator.username,
                    _date(wipe.ended_at),
                    f"{wipe.get_result_display()} {wipe.verification_note}".strip(),
                ]
            )
    if len(rows) > 1:
        widths = [18, 36, 28, 16, 24, 24, 18, 16]
        story.append(_table(rows, [width * mm for width in widths], styles))
    else:
        story.append(_paragraph(_("No storage medium has been erased yet."), styles["body"]))
    if without_storage:
        story += [
            _paragraph(
                _("Devices without storage (nothing to erase)"), styles["heading"], bold=True
            ),
            _paragraph(
                ", ".join(f"{d.asset_tag} ({d.get_kind_display()})" for d in without_storage),
                styles["body"],
            ),
        ]
    if pending:
        story += [
            _paragraph(_("Not erased yet"), styles["heading"], bold=True),
            _paragraph(
                _(
                    "These devices are still waiting for their erasure; ask for a new "
                    "certificate later: %(devices)s"
                )
                % {"devices": ", ".join(f"{d.asset_tag} ({d.serial or '–'})" for d in pending)},
                styles["body"],
            ),
        ]
    story += [
        Spacer(1, 10 * mm),
        _paragraph(_("Signed for %(digibank)s:") % {"digibank": digibank.name}, styles["body"]),
        Spacer(1, 14 * mm),
        _paragraph(_("Name, date and signature"), styles["small"]),
    ]
    return _build(story, title=title, footer=f"{title} {number}", compress=compress)


def _kg(value: Decimal) -> str:
    return formats.number_format(value.quantize(Decimal("0.1")), decimal_pos=1, use_l10n=True)


def donor_report(
    *,
    digibank: Digibank,
    donor_name: str,
    donations: Sequence[Donation],
    impact: Impact,
    compress: bool = True,
) -> bytes:
    styles = _styles()
    title = _("Donor report")
    story: list = [
        _paragraph(title, styles["title"], bold=True),
        _paragraph(donor_name, styles["heading"], bold=True),
        _paragraph(
            _("Made on %(date)s by %(issuer)s")
            % {"date": _date(timezone.localdate()), "issuer": _issuer(digibank)},
            styles["body"],
        ),
        _paragraph(
            _("Donations: %(references)s")
            % {"references": ", ".join(d.reference for d in donations) or "–"},
            styles["body"],
        ),
        _paragraph(_("What happened to your devices"), styles["heading"], bold=True),
    ]
    reached = str(impact.people_reached) if impact.people_reached is not None else _("not recorded")
    figures = [
        [_("Figure"), _("Number")],
        [_("Devices received"), str(impact.received)],
        [_("Devices with a verified data erasure"), str(impact.wiped)],
        [_("Devices reused (lent or given to a resident)"), str(impact.reused)],
        [_("Devices repaired"), str(impact.repaired)],
        [_("Devices recycled"), str(impact.recycled)],
        [_("People reached"), reached],
        [_("E-waste avoided (kg)"), _kg(impact.waste_avoided_kg)],
        [_("CO2e avoided (kg)"), _kg(impact.co2e_avoided_kg)],
    ]
    story.append(_table(figures, [120 * mm, 40 * mm], styles))
    story.append(
        _paragraph(
            _("People are counted, never named: this report holds no personal data."),
            styles["small"],
        )
    )
    if impact.lines:
        story.append(_paragraph(_("Impact per kind of device"), styles["heading"], bold=True))
        rows = [[_("Kind"), _("Reused"), _("E-waste avoided (kg)"), _("CO2e avoided (kg)")]]
        rows += [
            [line.label, str(line.reused), _kg(line.weight_kg), _kg(line.co2e_kg)]
            for line in impact.lines
        ]
        story.append(_table(rows, [60 * mm, 30 * mm, 40 * mm, 40 * mm], styles))
    story.append(_paragraph(_("How we count"), styles["heading"], bold=True))
    story += [_paragraph(str(source), styles["small"]) for source in SOURCES]
    return _build(story, title=title, footer=f"{title} – {donor_name}", compress=compress)
