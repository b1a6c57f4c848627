"""Where "people reached" comes from: one small source per domain, counted once per person.

The funder counts unique people reached in a period, whatever the help they got. Each domain
that records a person being helped contributes a `ReachSource`: which rows, and where on them the
digibank, the date and (if any) the hub are. Every such row keeps what the figures need of the
person *on that day* (`people.snapshot`): the person's `reach_key`, the codes of their target
groups, their age band and their municipality. The figures read only these copies, never the
person's row, so they do not change when the person is erased or their groups change later.

`reach_union` puts the rows of every registered source in the window into one SQL union of
(key, digibank, band, municipality, groups); `figures.people` counts distinct keys over it, so a
person helped by two domains counts once, and the database does the work: no row is loaded into
Python.

Registered in `InsightsConfig.ready` (insights sits above the domains and reads them; the
domains know nothing of it):

- `loans`: a device handed over (lent or given), on `Loan.handed_over_at`, at `Loan.hub`;
- `enrolments`: a course session attended (or completed), on the session's start, at its hub;
- `visits`: a help visit linked to a person (with their consent), at the time of the visit, at
  its hub. An anonymous walk-in has no `reach_key`: it counts as a visit, never as a person
  reached (issue 13, point 2);
- `skills_checks`: a skills check linked to a person (with their consent) and completed, on
  `SkillsCheck.completed_at`; a check has no hub, so it does not count when a hub is chosen.
  An anonymous check is not a person reached: it counts in the skills figures only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import F, QuerySet
from django.utils.functional import Promise


@dataclass(frozen=True)
class ReachSource:
    """Rows of a domain that each mean "this person was helped on this date"."""

    name: str
    label: str | Promise
    rows: Callable[[], QuerySet]
    at: str  # the date or time of the help, a field path
    digibank: str = "digibank_id"
    hub: str | None = None  # None: the source has no hub and does not count when one is chosen
    # The row's copy of the person's figures (`people.snapshot`).
    key: str = "reach_key"
    target_groups: str = "target_groups"
    age_band: str = "age_band"
    municipality: str = "municipality_id"


_sources: dict[str, ReachSource] = {}


def register(source: ReachSource) -> None:
    """Add a source; the same name again replaces it (`ready()` may run twice)."""
    _sources[source.name] = source


def registered() -> list[ReachSource]:
    return list(_sources.values())


@dataclass(frozen=True)
class Window:
    """Which help counts: in these digibanks, in [start, end), optionally at one hub, optionally
    of people who lived in one municipality on the day."""

    digibank_ids: tuple[int, ...]
    start: object  # an aware datetime
    end: object
    hub_id: int | None = None
    municipality_id: int | None = None


# The columns of the union, in order.
COLUMNS = ("r_key", "r_bank", "r_band", "r_place", "r_groups")


def source_rows(source: ReachSource, window: Window) -> QuerySet | None:
    """The rows one source contributes in the window, as `COLUMNS` (None: none can count)."""
    if window.hub_id is not None and source.hub is None:
        return None
    rows = source.rows().filter(
        **{
            f"{source.digibank}__in": window.digibank_ids,
            f"{source.at}__gte": window.start,
            f"{source.at}__lt": window.end,
            f"{source.key}__isnull": False,
        }
    )
    if window.hub_id is not None and source.hub is not None:
        rows = rows.filter(**{source.hub: window.hub_id})
    if window.municipality_id is not None:
        rows = rows.filter(**{source.municipality: window.municipality_id})
    return (
        rows.order_by()
        .annotate(
            r_key=F(source.key),
            r_bank=F(source.digibank),
            r_band=F(source.age_band),
            r_place=F(source.municipality),
            r_groups=F(source.target_groups),
        )
        .values_list(*COLUMNS)
    )


def reach_union(window: Window) -> tuple[str, list[Any]] | None:
    """The SQL (and its parameters) of every source's rows in the window, one `UNION ALL` with
    the columns `COLUMNS`; None when no source can count (a hub chosen and no source has one).

    Each part is the domain's own queryset compiled by Django, so its filters and joins are the
    ORM's; the wrapping `SELECT * FROM (...)` keeps the union valid on SQLite and PostgreSQL.
    """
    sqls: list[str] = []
    params: list[Any] = []
    for number, source in enumerate(registered()):
        rows = source_rows(source, window)
        if rows is None:
            continue
        try:
            sql, part_params = rows.query.sql_with_params()
        except EmptyResultSet:  # no digibank to count (a region without any yet)
            continue
        # Only the ORM's compiled SQL goes in; every value stays a parameter.
        sqls.append(f"SELECT * FROM ({sql}) AS part{number}")  # noqa: S608
        params.extend(part_params)
    if not sqls:
        return None
    return " UNION ALL ".join(sqls), params
