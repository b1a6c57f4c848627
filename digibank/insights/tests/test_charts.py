"""The SVG charts: drawn from protected cells only, with a summary a screen reader can use."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from digibank.core.pdf import fonts
from digibank.insights.charts import (
    GAP,
    LABEL_ROOM,
    bar_chart,
    label_lines,
    text_width,
    trend_charts,
)
from digibank.insights.tables import counts_table, cross_table


def test_a_hidden_count_gets_no_bar_only_its_label() -> None:
    table = counts_table(
        "t", "Title", "Row", [("a", "A", 3), ("b", "B", 40), ("c", "C", 25)], column="n"
    )
    chart = bar_chart(table)
    by_label = {bar.label: bar for bar in chart.bars}
    assert not by_label["A"].drawn and by_label["A"].value == "<10" and by_label["A"].width == 0
    assert by_label["B"].drawn and by_label["B"].value == "40"
    # The next smallest is hidden as well, so the total cannot give the small one away.
    assert by_label["C"].value == "x" and not by_label["C"].drawn


def test_the_summary_names_the_largest_and_says_how_many_are_hidden() -> None:
    table = counts_table(
        "t", "Title", "Row", [("a", "A", 3), ("b", "B", 40), ("c", "C", 25)], column="n"
    )
    summary = bar_chart(table).summary
    assert "B" in summary and "40" in summary
    assert "2" in summary  # two values hidden


def test_an_empty_chart_says_nothing_was_counted() -> None:
    table = counts_table("t", "Title", "Row", [("a", "A", 0)], column="n")
    assert bar_chart(table).summary == "Nothing was counted."


def test_a_trend_table_gives_one_column_chart_per_measure_with_its_colour() -> None:
    table = cross_table(
        "trend",
        "Month by month",
        "Month",
        [("x", "devices"), ("y", "checks")],
        [("2026-01", "January 2026", [12, 30]), ("2026-02", "February 2026", [20, 40])],
    )
    charts = trend_charts(table)
    assert [chart.series for chart in charts] == [0, 1]
    assert [bar.label for bar in charts[0].bars] == ["Jan", "Feb"]
    tallest = max(charts[1].bars, key=lambda bar: bar.height)
    assert tallest.value == "40"


def test_a_short_row_name_stays_on_one_line() -> None:
    assert label_lines("65-plussers") == ["65-plussers"]


def test_a_long_row_name_breaks_between_words_onto_two_lines() -> None:
    assert label_lines("Personen met een beperking") == ["Personen met een", "beperking"]
    assert label_lines("Belastingen (MyMinfin / Tax-on-web)") == [
        "Belastingen (MyMinfin /",
        "Tax-on-web)",
    ]


def test_a_name_longer_than_two_lines_is_shortened_on_the_second() -> None:
    first, second = label_lines("Openbaar vervoer (De Lijn, NMBS) en gedeelde fietsen in de stad")
    assert first == "Openbaar vervoer (De"
    assert second.endswith("…") and text_width(second) <= LABEL_ROOM


def test_one_very_long_word_is_cut_where_the_line_ends() -> None:
    word = "Arbeidsongeschiktheidsuitkeringsaanvraagformulierenbundel"
    first, second = label_lines(word)
    assert word.startswith(first) and text_width(first) <= LABEL_ROOM
    assert text_width(first + word[len(first)]) > LABEL_ROOM
    assert second.endswith("…") and word[len(first) :].startswith(second[:-1])


def test_a_two_line_row_is_taller_and_its_lines_sit_apart_beside_the_bar() -> None:
    table = counts_table(
        "t",
        "Title",
        "Row",
        [("a", "Personen met een beperking", 40), ("b", "Alleenwonend", 30)],
        column="n",
    )
    chart = bar_chart(table)
    two, one = chart.bars
    assert [line for line, _y in two.lines] == ["Personen met een", "beperking"]
    assert [line for line, _y in one.lines] == ["Alleenwonend"]
    (_, top), (_, bottom) = two.lines
    assert bottom - top >= 14  # the 14 px lines do not overlap
    assert top < two.value_y < bottom + 1  # the bar's value sits between them
    # The next row starts below the second line, and the chart holds both rows.
    assert one.lines[0][1] - bottom >= 14 + GAP
    assert chart.height >= one.y + one.height + GAP


def test_every_label_fits_left_of_the_bars() -> None:
    """Measured in DejaVu Sans, the browsers' sans-serif on Debian (the PDF uses it too), at the
    charts' 14 px: long names of target groups and help topics, in three languages."""
    regular, _bold = fonts()
    names = [
        "Belastingen (MyMinfin / Tax-on-web)",
        "Gezondheid (Mijn Gezondheid, ziekenfonds)",
        "Personnes en situation de handicap",
        "MAXIMALE WOORDBREEDTE MET HOOFDLETTERS",
        "Online veiligheid, privacy en fraude",
        "Bibliothèque numérique (e-books, Ma bibliothèque)",
    ]
    rows = [(name, name, 20 + i) for i, name in enumerate(names)]
    for bar in bar_chart(counts_table("t", "T", "Row", rows, column="n")).bars:
        for line, _y in bar.lines:
            assert stringWidth(line, regular, 14) <= bar.label_x, line
