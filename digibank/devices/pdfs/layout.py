"""The building blocks of the device bank's PDF documents: fonts, dates, styles, paragraphs, tables.

Text is set in Helvetica, whose text stays searchable in the file; a line with letters outside
Western European ones (a name in Arabic or Cyrillic script) is set in DejaVu Sans when installed.
"""

from __future__ import annotations

import datetime
import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

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
    """Helvetica when it can draw every letter of `text`, else DejaVu Sans (when installed)."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        fonts = _unicode_fonts()
        if fonts is not None:
            return fonts[1] if bold else fonts[0]
    return "Helvetica-Bold" if bold else "Helvetica"


def date_text(value: datetime.date | datetime.datetime | None) -> str:
    """A date (and time) written out in the language of the request: "3 December 2026"."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
        return formats.date_format(value, "j F Y, H:i")
    return formats.date_format(value, "j F Y")


def document_styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of every document: body, title, heading, table cell, small print."""
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


def text_paragraph(text: str, style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
    """Plain text as a paragraph: escaped (reportlab reads markup), in a font with its letters."""
    font = font_for(text, bold=bold)
    if font != style.fontName:
        style = ParagraphStyle(f"{style.name}-{font}", parent=style, fontName=font)
    return Paragraph(escape(text), style)


# reportlab's default left and right padding of a table cell, in points.
CELL_PADDING = 2 * 6


def word_widths(rows: list[list[str]], style: ParagraphStyle) -> list[float]:
    """The width of the longest word in each column (the header row in bold), padding included."""
    longest = [0.0] * max((len(row) for row in rows), default=0)
    for index, row in enumerate(rows):
        for column, value in enumerate(row):
            text = str(value)
            font = font_for(text, bold=index == 0)
            for word in text.split():
                width = pdfmetrics.stringWidth(word, font, style.fontSize)
                longest[column] = max(longest[column], width)
    return [width + CELL_PADDING + 1 for width in longest]


def fitted_widths(wanted: list[float], needed: list[float]) -> list[float]:
    """Column widths summing to `sum(wanted)`, each at least `needed` where the total allows.

    A column narrower than its longest word would split that word over two lines ("Verifica-
    tie"); such a column gets what its words need, and the others share the rest in the
    proportions of `wanted`.
    """
    total = sum(wanted)
    if sum(needed) >= total:
        return [total * need / sum(needed) for need in needed]
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(wanted)) if i not in fixed]
        room = total - sum(fixed.values())
        share = sum(wanted[i] for i in free)
        widths = {i: room * wanted[i] / share for i in free}
        short = {i: needed[i] for i in free if widths[i] < needed[i]}
        if not short:
            return [fixed.get(i, widths.get(i, 0.0)) for i in range(len(wanted))]
        fixed.update(short)


def text_table(rows: list[list[str]], widths: list[float], styles: dict) -> Table:
    """A table of plain text whose first row is the header, repeated on every page.

    `widths` are the wanted column widths; they are shifted so that no word is split (see
    `fitted_widths`).
    """
    cells = [
        [text_paragraph(str(value), styles["cell"], bold=index == 0) for value in row]
        for index, row in enumerate(rows)
    ]
    widths = fitted_widths(widths, word_widths(rows, styles["cell"]))
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


def build_pdf(story: list, *, title: str, footer: str, compress: bool) -> bytes:
    """An A4 document of `story`, with `footer` and the page number at the foot of each page."""
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


def issuer_text(digibank: Digibank) -> str:
    """The digibank's name and contact details, as the issuer of a document."""
    contact = " · ".join(
        part for part in (digibank.email, digibank.phone, digibank.website) if part
    )
    return f"{digibank.name}{' · ' + contact if contact else ''}"
