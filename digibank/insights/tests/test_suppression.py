"""The suppression rules, on hand-made and on generated tables (hypothesis)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from digibank.insights.suppression import (
    Cell,
    Hidden,
    Protected,
    protect,
    protect_list,
    protect_one,
)

# Counts near the threshold are the interesting ones: mostly small, some zero, some large.
counts = st.one_of(st.integers(0, 12), st.integers(0, 60), st.just(0))
tables = st.integers(1, 6).flatmap(
    lambda width: st.lists(st.lists(counts, min_size=width, max_size=width), min_size=1, max_size=6)
)


def equations(table: Protected) -> list[list[Cell]]:
    """Every row and column of the table with its total: the sums a reader can solve."""
    rows = [[*row, total] for row, total in zip(table.cells, table.row_totals, strict=True)]
    rows.append([*table.column_totals, table.total])
    columns = [list(column) for column in zip(*rows, strict=True)]
    return rows + columns


def test_counts_from_one_to_nine_are_shown_as_fewer_than_ten_and_zero_as_zero() -> None:
    cells, total = protect_list([0, 5, 9, 10, 40])
    assert [c.text for c in cells[:2]] == ["0", "<10"]
    assert cells[2].hidden is Hidden.PRIMARY
    assert cells[3].text == "10"
    assert total.text == "64"


def test_a_lone_small_cell_in_a_row_hides_the_next_smallest_as_well() -> None:
    cells, total = protect_list([3, 25, 12, 40])
    assert [c.text for c in cells] == ["<10", "25", "x", "40"]
    assert total.text == "80"


def test_a_small_total_is_hidden_too() -> None:
    table = protect([[0, 4], [0, 3]])
    assert table.total.text == "<10"
    assert table.column_totals[0].text == "0"


def test_secondary_suppression_runs_until_no_line_has_a_single_hidden_cell() -> None:
    # Hiding 11 (row 0) leaves column 1 with one hidden cell: 12 must go as well, and so on.
    table = protect([[2, 11, 30], [20, 12, 30], [40, 50, 60]])
    for line in equations(table):
        assert sum(1 for cell in line if cell.hidden) != 1
    assert table.cells[0][1].hidden is Hidden.SECONDARY
    assert table.cells[1][1].hidden is Hidden.SECONDARY


def test_a_single_figure_is_hidden_only_from_one_to_nine() -> None:
    assert [protect_one(n).text for n in (0, 1, 9, 10)] == ["0", "<10", "<10", "10"]


def test_it_refuses_ragged_or_negative_tables() -> None:
    import pytest

    with pytest.raises(ValueError):
        protect([[1, 2], [3]])
    with pytest.raises(ValueError):
        protect([[-1]])


@settings(max_examples=400, deadline=None)
@given(tables)
def test_no_hidden_cell_can_be_computed_from_one_row_or_column_equation(rows) -> None:
    table = protect(rows)
    for line in equations(table):
        hidden = [cell for cell in line if cell.hidden]
        assert len(hidden) != 1, line


@settings(max_examples=400, deadline=None)
@given(tables)
def test_every_count_from_one_to_nine_is_hidden_and_nothing_else_changes(rows) -> None:
    table = protect(rows)
    flat = [c for row in table.cells for c in row]
    every = [*flat, *table.row_totals, *table.column_totals, table.total]
    for cell in every:
        if 0 < cell.value < 10:
            assert cell.hidden is Hidden.PRIMARY
        if cell.hidden is Hidden.SECONDARY:
            assert cell.value >= 10
        if cell.value == 0:
            assert cell.hidden is None and cell.text == "0"
        if cell.hidden is None:
            assert cell.text == str(cell.value)
    assert [c.value for c in flat] == [v for row in rows for v in row]
    assert table.total.value == sum(map(sum, rows))


def test_generated_sparse_tables_keep_the_guarantee() -> None:
    """Larger random tables than hypothesis makes, mostly small counts (a small municipality)."""
    generator = random.Random(13)
    for _ in range(200):
        height, width = generator.randint(1, 12), generator.randint(1, 12)
        rows = [
            [generator.choice([0, 0, 1, 3, 8, 9, 10, 11, 25]) for _ in range(width)]
            for _ in range(height)
        ]
        table = protect(rows)
        for line in equations(table):
            assert sum(1 for cell in line if cell.hidden) != 1
