"""Privacy-safe tables: small counts are hidden, and whatever would let a reader work them out.

Every table of counts shown to analysts or published (pages, charts, CSV, JSON, API) goes through
`protect` first; nothing else decides what is shown.

The rules:

- **Primary suppression.** A count from 1 to 9 is shown as "<10": so few people could be
  recognised by someone who knows the area.
- **Zero is shown.** A true zero tells about nobody, and hiding zeros would make almost every
  small table unreadable. Zeros are never chosen for secondary suppression either, so a hidden
  cell is always a positive count.
- **Totals are counts too.** The table is read with its row totals, column totals and grand total;
  a total of 1 to 9 is hidden like any cell.
- **Secondary suppression.** Each row with its total and each column with its total is an
  equation a reader can solve. When such a line holds exactly one hidden entry, the reader could
  subtract the shown entries from the total; so the smallest other positive entry of that line is
  hidden too (shown as "x"). This is repeated until no line has exactly one hidden entry (a fixed
  point: each round hides at least one more entry, so it ends).

The guarantee, tested on generated tables (`tests/test_suppression.py`, with hypothesis): no
hidden entry can be computed from one row or column equation and the shown entries. What it does
not claim: a reader who combines several equations, or the bounds (hidden primaries lie in 1..9),
may narrow a hidden cell down; the threshold of 10 is the protection for that.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

THRESHOLD = 10


class Hidden(enum.Enum):
    PRIMARY = "primary"  # a count from 1 to THRESHOLD - 1
    SECONDARY = "secondary"  # hidden so that a total cannot reveal a primary one


@dataclass(frozen=True)
class Cell:
    """One count as it may be shown: `value` only when `hidden` is None."""

    value: int
    hidden: Hidden | None = None

    @property
    def shown(self) -> int | None:
        """The count to show, or None when it is hidden."""
        return None if self.hidden else self.value

    @property
    def text(self) -> str:
        if self.hidden is Hidden.PRIMARY:
            return f"<{THRESHOLD}"
        if self.hidden is Hidden.SECONDARY:
            return "x"
        return str(self.value)

    def __str__(self) -> str:
        return self.text


PRIMARY_MEANING = _("fewer than 10: hidden to protect the people counted")
SECONDARY_MEANING = _("hidden so that the totals cannot reveal a number below 10")


@dataclass(frozen=True)
class Protected:
    """A table after suppression: its cells, each row's total, each column's total and the total."""

    cells: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell

    @property
    def any_hidden(self) -> bool:
        every = [c for row in self.cells for c in row] + self.row_totals + self.column_totals
        return any(c.hidden for c in [*every, self.total])


def protect(counts: Sequence[Sequence[int]], threshold: int = THRESHOLD) -> Protected:
    """Suppress a table of counts (rows of equal length, no negative count), totals included.

    A one-dimensional list of counts is a table of one row: its total is then the row's total
    and the grand total at once (both get the same answer).
    """
    rows = [list(row) for row in counts]
    width = len(rows[0]) if rows else 0
    if any(len(row) != width for row in rows):
        raise ValueError("every row needs the same number of counts")
    if any(value < 0 for row in rows for value in row):
        raise ValueError("counts are never negative")
    # The extended table: each row followed by its total, then the row of column totals ending in
    # the grand total. Every row and every column of it is an equation: the last entry is the sum
    # of the others.
    extended = [[*row, sum(row)] for row in rows]
    extended.append([sum(column) for column in zip(*extended, strict=True)] if rows else [0])
    hidden = {
        (i, j): Hidden.PRIMARY
        for i, line in enumerate(extended)
        for j, value in enumerate(line)
        if 0 < value < threshold
    }
    height, full_width = len(extended), width + 1
    lines = [[(i, j) for j in range(full_width)] for i in range(height)]
    lines += [[(i, j) for i in range(height)] for j in range(full_width)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(1 for place in line if place in hidden) != 1:
                continue
            candidates = [
                place for place in line if place not in hidden and extended[place[0]][place[1]] > 0
            ]
            # Never empty: the one hidden entry is positive, so the line's total (or, when the
            # total is the hidden one, one of its parts) is positive as well.
            smallest = min(candidates, key=lambda place: (extended[place[0]][place[1]], place))
            hidden[smallest] = Hidden.SECONDARY
            changed = True

    def cell(i: int, j: int) -> Cell:
        return Cell(extended[i][j], hidden.get((i, j)))

    last = height - 1
    return Protected(
        cells=[[cell(i, j) for j in range(width)] for i in range(last)],
        row_totals=[cell(i, width) for i in range(last)],
        column_totals=[cell(last, j) for j in range(width)],
        total=cell(last, width),
    )


def protect_list(counts: Sequence[int], threshold: int = THRESHOLD) -> tuple[list[Cell], Cell]:
    """One row of counts and its total, suppressed (a bar chart's data, a list of figures)."""
    table = protect([list(counts)], threshold)
    return table.cells[0], table.total


def protect_one(count: int, threshold: int = THRESHOLD) -> Cell:
    """A single figure on its own (a headline number): hidden when it is 1 to 9."""
    return Cell(count, Hidden.PRIMARY if 0 < count < threshold else None)
