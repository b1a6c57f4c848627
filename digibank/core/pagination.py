"""Keyset pagination: the one way lists are paged, on the pages that need it and in the API.

A list is read newest first (by id) and a page starts after the last id seen (`id < after`), so
each page is one index range whatever its depth, rows added meanwhile cause no duplicates or gaps,
and a page costs the same few queries for 1 or 200 rows. No count is made: counting a filtered
list of 100,000 rows costs more than reading the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


@dataclass
class KeysetPage:
    """One page of a list read newest first; `after`/`before` are ids for the next/previous page."""

    items: list[Any]
    next_after: int | None = None
    previous_before: int | None = None
    size: int = PAGE_SIZE

    @property
    def has_next(self) -> bool:
        return self.next_after is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_before is not None


def _int_or_none(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**62 else None


def _id(row: Any) -> int:
    return row["id"] if isinstance(row, dict) else row.pk


def keyset_page(
    queryset: QuerySet, *, after: Any = None, before: Any = None, size: Any = PAGE_SIZE
) -> KeysetPage:
    """One page of `queryset` ordered by id, newest first, in one query whatever the depth.

    `after` and `before` come from users: anything that is not a positive id means "first page";
    `size` is kept between 1 and MAX_PAGE_SIZE.
    """
    try:
        size = max(1, min(int(size), MAX_PAGE_SIZE))
    except (TypeError, ValueError):
        size = PAGE_SIZE
    after, before = _int_or_none(after), _int_or_none(before)
    if before is not None and after is None:
        rows = list(queryset.filter(pk__gt=before).order_by("pk")[: size + 1])
        more_before = len(rows) > size
        rows = list(reversed(rows[:size]))
        return KeysetPage(
            items=rows,
            next_after=_id(rows[-1]) if rows else None,
            previous_before=_id(rows[0]) if rows and more_before else None,
            size=size,
        )
    if after is not None:
        queryset = queryset.filter(pk__lt=after)
    rows = list(queryset.order_by("-pk")[: size + 1])
    more_after = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        items=rows,
        next_after=_id(rows[-1]) if rows and more_after else None,
        previous_before=_id(rows[0]) if rows and after is not None else None,
        size=size,
    )


class Cursor(Schema):
    """The query parameters of every API list."""

    after: int | None = Field(
        None, description="The `next_after` of the page before: gives the next (older) page."
    )
    before: int | None = Field(
        None,
        description="The `previous_before` of the page after: gives the previous (newer) page.",
    )
    limit: int = Field(
        PAGE_SIZE,
        description=f"How many items a page holds: 1 to {MAX_PAGE_SIZE}, more gives "
        f"{MAX_PAGE_SIZE}.",
    )

    def page(self, queryset: QuerySet) -> KeysetPage:
        return keyset_page(queryset, after=self.after, before=self.before, size=self.limit)


class Page(Schema):
    """Every API list answers a page: `items` (newest first) and the cursors around it."""

    next_after: int | None = Field(
        ..., description="Send as `after` for the next page; null on the last page."
    )
    previous_before: int | None = Field(
        ..., description="Send as `before` for the previous page; null on the first page."
    )
