"""The report's look: type styles, figure tables, the page footer and the PDF outline.

Every text from the database (a digibank's or a partner's name, a municipality) is escaped
before it becomes a `Paragraph`, whose mini-language would otherwise read tags such as
`<img src=...>`; drawn strings and table cells given as plain strings are never parsed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, TableStyle
from reportlab.platypus import Table as PdfTable

from digibank.core.pdf import fonts
from digibank.insights.tables import Table

TEXT_SIZE = 10
PAGE_MARGIN = 20 * mm
LINE = colors.HexColor("#b1b4b6")
HEADER_BACKGROUND = colors.HexColor("#f3f2f1")


def styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts()
    body = ParagraphStyle(
        "body", fontName=regular, fontSize=TEXT_SIZE, leading=TEXT_SIZE * 1.4, spaceAfter=4
    )
    return {
        "body": body,
        "cover": ParagraphStyle("cover", parent=body, fontName=bold, fontSize=28, leading=34),
        "cover_name": ParagraphStyle("cover_name", parent=body, fontSize=18, leading=24),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=bold,
            fontSize=16,
            leading=20,
            spaceBefore=8,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=bold,
            fontSize=12,
            leading=16,
            spaceBefore=10,
            keepWithNext=1,
        ),
        "cell": ParagraphStyle("cell", parent=body, spaceAfter=0),
        "head": ParagraphStyle("head", parent=body, fontName=bold, spaceAfter=0),
        "number_head": ParagraphStyle(
            "number_head", parent=body, fontName=bold, spaceAfter=0, alignment=TA_RIGHT
        ),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=12),
    }


def paragraph(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def grid(
    header: Sequence[object],
    rows: Sequence[Sequence[object]],
    *,
    widths: Sequence[float],
    numeric_from: int = 1,
    totals: int = 0,
) -> PdfTable:
    """A table with a header row repeated on every page; columns from `numeric_from` on are
    right-aligned figures, the last `totals` rows are set in bold."""
    look = styles()
    head = [
        paragraph(text, look["number_head"] if n >= numeric_from else look["head"])
        for n, text in enumerate(header)
    ]
    body = [
        [
            paragraph(value, look["cell"]) if n < numeric_from else str(value)
            for n, value in enumerate(row)
        ]
        for row in rows
    ]
    table = PdfTable([head, *body], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    regular, bold = fonts()
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), regular),
        ("FONTSIZE", (0, 0), (-1, -1), TEXT_SIZE),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (numeric_from, 1), (-1, -1), "RIGHT"),
    ]
    if totals:
        commands.append(("FONTNAME", (numeric_from, -totals), (-1, -1), bold))
    table.setStyle(TableStyle(commands))
    return table


def figure_table(table: Table, width: float) -> PdfTable:
    """A dashboard table as printed: its rows, the row totals and the column totals."""
    header: list[object] = [
        table.row_heading,
        *(capfirst(str(label)) for _key, label in table.columns),
    ]
    with_row_totals = any(row.total is not None for row in table.rows)
    if with_row_totals:
        header.append(_("Total"))
    rows: list[list[object]] = []
    for row in table.rows:
        line: list[object] = [row.label, *(cell.text for cell in row.cells)]
        if with_row_totals:
            line.append(row.total.text if row.total else "")
        rows.append(line)
    totals = 0
    if table.totals:
        line = [_("Total"), *(cell.text for cell in table.totals)]
        if with_row_totals:
            line.append(table.grand_total.text if table.grand_total else "")
        rows.append(line)
        totals = 1
    if not table.rows:
        rows.insert(0, [_("Nothing counted in this period."), *([""] * (len(header) - 1))])
    figures = len(header) - 1
    label_width = width * (0.45 if figures <= 2 else 0.3)
    widths = [label_width, *([(width - label_width) / figures] * figures)]
    return grid(header, rows, widths=widths, totals=totals)


class ReportDocument(SimpleDocTemplate):
    """Adds each heading to the PDF outline (the bookmarks a reader jumps by) and a footer
    naming the report and the page on every page, drawn after the page's text so that text is
    read first."""

    footer_text = ""

    def afterPage(self) -> None:
        regular, _bold = fonts()
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillColor(colors.HexColor("#484949"))
        canvas.drawString(PAGE_MARGIN, 10 * mm, f"{self.footer_text} · {canvas.getPageNumber()}")
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, Paragraph):
            return
        level = {"h1": 0, "h2": 1}.get(flowable.style.name)
        if level is None:
            return
        key = f"heading-{id(flowable)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level)
