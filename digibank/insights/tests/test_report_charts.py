"""The yearly report's charts: each fits the page's text width and the chart height, and a chart
shrunk to fit keeps its labels at a printed size that can be read."""

from __future__ import annotations

from reportlab.graphics.shapes import String

from digibank.insights.charts import bar_chart
from digibank.insights.report.charts_pdf import LABEL_SIZE, fitted
from digibank.insights.report.pdf import CHART_HEIGHT, WIDTH
from digibank.insights.tables import counts_table

TOPICS = [
    "itsme",
    "Belastingen (MyMinfin / Tax-on-web)",
    "Gezondheid (Mijn Gezondheid, ziekenfonds)",
    "Openbaar vervoer (De Lijn, NMBS)",
    "Smartphone, laptop, e-mail en apps",
    "Online veiligheid, privacy en fraude",
]


def chart_of(rows: int):
    names = [f"{TOPICS[i % len(TOPICS)]} {i}" for i in range(rows)]
    return bar_chart(
        counts_table("t", "T", "Topic", [(n, n, 20 + i) for i, n in enumerate(names)], column="n")
    )


def test_a_short_chart_is_printed_at_its_size_within_the_text_width() -> None:
    chart = chart_of(3)
    picture = fitted(chart, "bar", WIDTH, CHART_HEIGHT)
    assert picture.width <= WIDTH and picture.height <= CHART_HEIGHT
    assert picture.width == min(chart.width, WIDTH)


def test_a_tall_chart_is_shrunk_to_the_chart_height_and_its_labels_grow_to_make_up() -> None:
    chart = chart_of(19)  # the help topics of a region
    picture = fitted(chart, "bar", WIDTH, CHART_HEIGHT)
    assert picture.height <= CHART_HEIGHT + 0.01 and picture.width <= WIDTH
    shrink = picture.height / chart.height
    assert shrink < 0.8
    sizes = {item.fontSize for item in picture.contents if isinstance(item, String)}
    # Each label prints at about the usual size (never above the web page's 14 px in the
    # chart's units, which the line breaks were measured for).
    assert all(size * shrink >= LABEL_SIZE * 0.8 and size <= 14 for size in sizes), sizes
