"""Charts drawn on the server as SVG: the geometry here, the markup in `_chart.html`.

No JavaScript and no inline style (the CSP forbids it): bars are `<rect>`s with a class that
picks an Okabe-Ito colour (`digibank.css`, distinguishable with every common colour-blindness
and 3:1 against white), and every bar carries its value as a direct label, so colour is never
the only way to read it. A hidden count gets no bar, only its "<10" or "x" label. Each chart has
`role="img"` with its title and a text summary (`aria-labelledby`), and the same data stands
beside it as a table.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.pdfbase.pdfmetrics import stringWidth

from digibank.core.pdf import fonts
from digibank.insights.suppression import Cell
from digibank.insights.tables import Table

WIDTH = 500
LABEL_WIDTH = 190  # the row labels of a bar chart
BAR_HEIGHT = 22
GAP = 8
LINE_HEIGHT = 16  # a row label that takes two lines (14 px text)
PLOT_HEIGHT = 160  # the columns of a trend chart
LABEL_SIZE = 14  # px, as `.chart__label` in static/insights/insights.css
LABEL_ROOM = LABEL_WIDTH - 8 - 4  # a row label ends 8 px left of its bar; 4 px to spare


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the row's name (bar charts) or the month (trend charts), as drawn
    value: str  # the direct label: the count, "<10" or "x"
    value_x: float
    value_y: float
    label_x: float
    label_y: float
    drawn: bool  # False for a hidden count: no bar, only its label
    # The label's lines and the baseline of each: a long row name takes two lines.
    lines: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    summary: str
    width: int
    height: int
    bars: list[Bar]
    series: int  # which colour (0, 1, 2: the Okabe-Ito blue, vermilion, green)


def text_width(text: str) -> float:
    """How wide `text` is at the charts' 14 px in DejaVu Sans, the browsers' sans-serif on
    Debian and the PDF's font (measured with reportlab's font metrics)."""
    regular, _bold = fonts()
    return float(stringWidth(text, regular, LABEL_SIZE))


def _fits(text: str) -> bool:
    return text_width(text) <= LABEL_ROOM


def _cut(text: str) -> str:
    if _fits(text):
        return text
    while text and not _fits(text.rstrip() + "…"):
        text = text[:-1]
    return text.rstrip() + "…"


def label_lines(text: str) -> list[str]:
    """A row name in at most two lines that fit left of the bars: broken between words where it
    can be, the second line shortened with "…" when the name is longer still (the table beside
    the chart always has the whole name)."""
    if _fits(text):
        return [text]
    words = text.split()
    first, rest = words[0], words[1:]
    while rest and _fits(f"{first} {rest[0]}"):
        first = f"{first} {rest.pop(0)}"
    if not _fits(first):  # one word wider than a line: cut it where the line ends
        cut = len(first)
        while cut > 1 and not _fits(first[:cut]):
            cut -= 1
        return [first[:cut], _cut(" ".join([first[cut:], *rest]))]
    return [first, _cut(" ".join(rest))] if rest else [first]


def _largest(named: list[tuple[str, Cell]]) -> tuple[str, Cell] | None:
    shown = [(name, cell) for name, cell in named if not cell.hidden]
    return max(shown, key=lambda item: item[1].value) if shown else None


def _summary(named: list[tuple[str, Cell]], top: str) -> str:
    parts = []
    largest = _largest(named)
    hidden = sum(1 for _name, cell in named if cell.hidden)
    if largest is None or largest[1].value == 0:
        if not hidden:
            parts.append(_("Nothing was counted."))
    else:
        parts.append(top % {"name": largest[0], "count": largest[1].value})
    if hidden:
        parts.append(
            ngettext(
                "%(count)d value is hidden to protect privacy.",
                "%(count)d values are hidden to protect privacy.",
                hidden,
            )
            % {"count": hidden}
        )
    return " ".join(parts)


def bar_chart(table: Table) -> Chart:
    """One horizontal bar per row of the table's first column; a row whose name takes two lines
    is taller, with its bar in the middle."""
    named = [(str(row.label), row.cells[0]) for row in table.rows]
    top = max([cell.value for _name, cell in named if not cell.hidden] + [1])
    room = WIDTH - LABEL_WIDTH - 44
    bars = []
    y = float(GAP)
    for name, cell in named:
        lines = label_lines(name)
        row_height = max(BAR_HEIGHT, len(lines) * LINE_HEIGHT)
        bar_y = y + (row_height - BAR_HEIGHT) / 2
        width = 0.0 if cell.hidden else room * cell.value / top
        first_baseline = y + row_height / 2 - (len(lines) - 1) * LINE_HEIGHT / 2 + 5
        bars.append(
            Bar(
                x=LABEL_WIDTH,
                y=bar_y,
                width=width,
                height=BAR_HEIGHT,
                label=" ".join(lines),
                value=cell.text,
                value_x=LABEL_WIDTH + width + 6,
                value_y=bar_y + BAR_HEIGHT * 0.72,
                label_x=LABEL_WIDTH - 8,
                label_y=first_baseline,
                drawn=not cell.hidden and cell.value > 0,
                lines=tuple(
                    (line, first_baseline + i * LINE_HEIGHT) for i, line in enumerate(lines)
                ),
            )
        )
        y += row_height + GAP
    summary = _summary(named, _("The largest is %(name)s, with %(count)d."))
    return Chart(f"chart-{table.key}", str(table.title), summary, WIDTH, round(y), bars, 0)


def trend_charts(table: Table) -> list[Chart]:
    """A column chart per column of a month-by-month table (one measure each, own colour)."""
    charts = []
    months = [str(row.label) for row in table.rows]
    step = (WIDTH - 20) / max(len(months), 1)
    for column, (key, label) in enumerate(table.columns):
        named = [(months[i], row.cells[column]) for i, row in enumerate(table.rows)]
        top = max([cell.value for _name, cell in named if not cell.hidden] + [1])
        bars = []
        for index, (month, cell) in enumerate(named):
            height = 0.0 if cell.hidden else PLOT_HEIGHT * cell.value / top
            x = 10 + index * step + step * 0.15
            base = 24 + PLOT_HEIGHT
            bars.append(
                Bar(
                    x=x,
                    y=base - height,
                    width=step * 0.7,
                    height=height,
                    label=month.split(" ")[0][:3],
                    value=cell.text,
                    value_x=x + step * 0.35,
                    value_y=base - height - 6,
                    label_x=x + step * 0.35,
                    label_y=base + 16,
                    drawn=not cell.hidden and cell.value > 0,
                    lines=((month.split(" ")[0][:3], base + 16),),
                )
            )
        summary = _summary(named, _("The highest month is %(name)s, with %(count)d."))
        title = f"{table.title}: {label}"
        charts.append(
            Chart(
                f"chart-{table.key}-{key}",
                title,
                summary,
                WIDTH,
                PLOT_HEIGHT + 48,
                bars,
                column % 3,
            )
        )
    return charts


def charts_for(table: Table) -> list[Chart]:
    if table.chart == "bar":
        return [bar_chart(table)]
    if table.chart == "trend":
        return trend_charts(table)
    return []
