"""The SVG charts: drawn from protected cells only, with a summary a screen reader can use."""

from __future__ import annotations

from digibank.insights.charts import bar_chart, trend_charts
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
