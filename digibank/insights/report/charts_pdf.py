"""The dashboard's charts as vector drawings in the PDF (reportlab.graphics).

The geometry is the page's (`insights.charts`): the same bars, the same direct value label on
every bar ("<10" or "x" for a hidden count, which gets no bar) and the same Okabe-Ito colours as
`static/insights/insights.css` (a test compares them), so the printed chart and the web chart
say the same thing. The SVG's y axis points down, the PDF's up: every y is turned over here.
"""

from __future__ import annotations

from typing import Literal

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import HexColor

from digibank.core.pdf import fonts
from digibank.insights import charts
from digibank.insights.charts import Chart

# Okabe-Ito blue, vermilion and bluish green: told apart with every common colour-blindness,
# and each at least 3:1 against white.
PALETTE = ("#0072b2", "#d55e00", "#009e73")
Anchor = Literal["start", "middle", "end"]
INK = HexColor("#0b0c0c")
LABEL_SIZE = 9  # points, as printed
COLUMN_LABEL_SIZE = 7
# The labels may grow to the web page's 14 px in the chart's own units (what the row labels'
# line breaks were measured for), so that a chart shrunk to fit the page keeps readable text.
LARGEST_LABEL = charts.LABEL_SIZE


def fitted(chart: Chart, kind: str, width: float, height: float) -> Drawing:
    """The chart's drawing made to fit `width` × `height` points, its text kept at the printed
    size as far as the chart's layout leaves room for it."""
    shrink = min(1.0, width / chart.width, height / chart.height)
    picture = drawing(chart, kind, shrink)
    if shrink < 1:
        picture.scale(shrink, shrink)
        picture.width, picture.height = chart.width * shrink, chart.height * shrink
    return picture


def drawing(chart: Chart, kind: str, shrink: float = 1.0) -> Drawing:
    """One chart as a drawing of `chart.width` × `chart.height` points; `kind` is the table's
    chart kind: "bar" (labels left of horizontal bars) or "trend" (months under columns). The
    drawing will be printed `shrink` times its size: the labels are drawn larger to make up."""
    colour = HexColor(PALETTE[chart.series % len(PALETTE)])
    canvas = Drawing(chart.width, chart.height)
    size = (LABEL_SIZE if kind == "bar" else COLUMN_LABEL_SIZE) / shrink
    if kind == "bar":
        size = min(size, LARGEST_LABEL)
    label_anchor: Anchor = "end" if kind == "bar" else "middle"
    value_anchor: Anchor = "start" if kind == "bar" else "middle"

    def flip(y: float) -> float:
        return chart.height - y

    for bar in chart.bars:
        if bar.drawn:
            rect = Rect(bar.x, flip(bar.y + bar.height), bar.width, bar.height)
            rect.fillColor, rect.strokeColor = colour, None
            canvas.add(rect)
        for line, baseline in bar.lines:
            canvas.add(_text(bar.label_x, flip(baseline), line, size, label_anchor))
        canvas.add(_text(bar.value_x, flip(bar.value_y), bar.value, size, value_anchor))
    return canvas


def _text(x: float, y: float, text: str, size: float, anchor: Anchor) -> String:
    """A label drawn as plain text (never parsed as markup)."""
    regular, _bold = fonts()
    return String(x, y, text, fontName=regular, fontSize=size, fillColor=INK, textAnchor=anchor)
