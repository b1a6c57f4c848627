"""A figure as the pages, charts and exports show it: labelled rows and columns of safe cells.

Each builder takes raw counts from `figures.py` and runs them through `suppression.protect`
before a `Table` exists, so nothing downstream can show an unprotected count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.functional import Promise

from digibank.insights.suppression import Cell, protect, protect_list

Label = str | Promise


@dataclass(frozen=True)
class Row:
    key: str
    label: Label
    cells: list[Cell]
    total: Cell | None = None


@dataclass(frozen=True)
class Table:
    """One figure: `rows` × `columns` of counts, with totals where adding up makes sense."""

    key: str
    title: Label
    row_heading: Label
    columns: list[tuple[str, Label]]
    rows: list[Row]
    totals: list[Cell] | None = None
    grand_total: Cell | None = None
    chart: str = "bar"  # "bar" (one bar per row), "trend" (a column chart per column), ""
    notes: list[Label] = field(default_factory=list)

    @property
    def any_hidden(self) -> bool:
        every = [c for row in self.rows for c in [*row.cells, *([row.total] if row.total else [])]]
        every += [*(self.totals or []), *([self.grand_total] if self.grand_total else [])]
        return any(c.hidden for c in every)


def counts_table(
    key: str,
    title: Label,
    row_heading: Label,
    rows: Sequence[tuple[str, Label, int]],
    *,
    column: Label,
    total: bool = True,
    notes: Sequence[Label] = (),
) -> Table:
    """A list of counts (one column) with their total: a bar chart's data."""
    cells, grand = protect_list([count for _, _, count in rows])
    return Table(
        key=key,
        title=title,
        row_heading=row_heading,
        columns=[("count", column)],
        rows=[Row(k, label, [cell]) for (k, label, _), cell in zip(rows, cells, strict=True)],
        totals=[grand] if total else None,
        chart="bar",
        notes=list(notes),
    )


def cross_table(
    key: str,
    title: Label,
    row_heading: Label,
    columns: Sequence[tuple[str, Label]],
    rows: Sequence[tuple[str, Label, Sequence[int]]],
    *,
    chart: str = "trend",
    notes: Sequence[Label] = (),
) -> Table:
    """Counts by two dimensions (month × measure) with row and column totals, protected as one."""
    protected = protect([list(values) for _, _, values in rows] or [[0] * len(columns)])
    built = [
        Row(k, label, cells, total)
        for (k, label, _), cells, total in zip(
            rows, protected.cells, protected.row_totals, strict=False
        )
    ]
    return Table(
        key=key,
        title=title,
        row_heading=row_heading,
        columns=list(columns),
        rows=built,
        totals=protected.column_totals,
        grand_total=protected.total,
        chart=chart,
        notes=list(notes),
    )


def side_by_side(
    key: str,
    title: Label,
    row_heading: Label,
    columns: Sequence[tuple[str, Label]],
    rows: Sequence[tuple[str, Label, Sequence[int]]],
    *,
    notes: Sequence[Label] = (),
) -> Table:
    """Different measures per row (digibanks × people, devices, checks): each column is its own
    list with its own total, since adding people to devices means nothing."""
    by_column = [protect_list([values[i] for _, _, values in rows]) for i in range(len(columns))]
    built = [
        Row(k, label, [by_column[i][0][n] for i in range(len(columns))])
        for n, (k, label, _) in enumerate(rows)
    ]
    return Table(
        key=key,
        title=title,
        row_heading=row_heading,
        columns=list(columns),
        rows=built,
        totals=[total for _, total in by_column],
        chart="",
        notes=list(notes),
    )
