"""People reached (across every source, each person once) and the skills checks.

One query per breakdown, each counting distinct `reach_key`s over `sources.reach_union` in the
database, from what each event kept of the person on its day (`people.snapshot`): a person
erased since still counts, and a later change of their groups changes no earlier figure.

The rule when a person's figures differ between their events in the period: they count once in
each target group, age band and municipality that applied on one of those events (so a person
who moved counts in both municipalities, and the rows of a breakdown may add up to a little
more than the people reached). The data dictionary page says the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Max, Q, QuerySet

from digibank.insights.sources import Window, reach_union
from digibank.organisations.models import Municipality
from digibank.people.models import AgeBand, TargetGroup
from digibank.skills.models import SkillsCheck

# The queries over the union of the window's events (`{reached}`, aliased `reached`, with the
# columns of `sources.COLUMNS`). Constants: the only SQL put into them is compiled by the ORM.
TOTAL = "SELECT COUNT(DISTINCT r_key) FROM {reached}"
BY_DIGIBANK = "SELECT r_bank, COUNT(DISTINCT r_key) FROM {reached} GROUP BY r_bank"
BY_AGE_BAND = (
    "SELECT band, COUNT(DISTINCT r_key) FROM ("
    "SELECT COALESCE(NULLIF(r_band, ''), %s) AS band, r_key FROM {reached}"
    ") AS banded GROUP BY band"
)
BY_MUNICIPALITY = (
    "SELECT m.nis_code, m.name_nl, COUNT(DISTINCT reached.r_key) "
    "FROM {reached} LEFT JOIN {municipality} AS m ON m.id = reached.r_place "
    "GROUP BY reached.r_place, m.nis_code, m.name_nl ORDER BY m.name_nl"
)
# One (person, code) pair per code in each event's JSON list of target group codes, so a person
# in two groups counts in both; each database unnests a JSON array its own way.
EACH_GROUP = {
    "postgresql": (
        "SELECT reached.r_key, g.code FROM {reached} "
        "CROSS JOIN LATERAL jsonb_array_elements_text(reached.r_groups) AS g(code)"
    ),
    "sqlite": (
        "SELECT reached.r_key, g.value AS code FROM {reached}, json_each(reached.r_groups) AS g"
    ),
}
BY_TARGET_GROUP = (
    "SELECT counted.code, names.name, counted.n FROM ("
    "SELECT code, COUNT(DISTINCT r_key) AS n FROM ({pairs}) AS pairs GROUP BY code"
    ") AS counted LEFT JOIN ({names}) AS names ON names.code = counted.code "
    "ORDER BY counted.code"
)


def _aggregate(
    template: str, window: Window, *, before: Sequence[Any] = (), **parts: tuple[str, Sequence[Any]]
) -> list[tuple[Any, ...]]:
    """Run one grouped query over the window's events: its rows are the groups, never the
    events. `before` are the parameters that come before the union in `template`, `parts` the
    compiled querysets that come after it (in the order of the template)."""
    union = reach_union(window)
    if union is None:
        return []
    sql, params = union
    sql = template.replace("{reached}", f"({sql}) AS reached")
    after: list[Any] = []
    for name, (part_sql, part_params) in parts.items():
        sql = sql.replace("{" + name + "}", part_sql)
        after.extend(part_params)
    with connection.cursor() as cursor:
        # Built from the constants above and the ORM's compiled SQL; every value is a parameter.
        cursor.execute(sql, [*before, *params, *after])
        return list(cursor.fetchall())


def reached_total(window: Window) -> int:
    rows = _aggregate(TOTAL, window)
    return int(rows[0][0]) if rows else 0


def reached_by_target_group(window: Window) -> list[tuple[str, str, int]]:
    """(code, name, people) per target group; a person in two groups counts in both.

    Target groups are the digibank's own (with a code shared by every digibank for the usual
    ones), so the region adds them up by code; the name is a group's of these digibanks with
    that code (the code itself for a group deleted since).
    """
    if not window.digibank_ids:
        return []
    names = (
        TargetGroup.objects.filter(digibank_id__in=window.digibank_ids)
        .order_by()
        .values("code")
        .annotate(name=Max("name"))
    )
    template = BY_TARGET_GROUP.replace("{pairs}", EACH_GROUP[connection.vendor])
    rows = _aggregate(template, window, names=names.query.sql_with_params())
    return [(code, name or code, n) for code, name, n in rows]


def reached_by_age_band(window: Window) -> dict[str, int]:
    """People per age band on the day of their help (an event without one: unknown)."""
    return dict(_aggregate(BY_AGE_BAND, window, before=[AgeBand.UNKNOWN.value]))


def reached_by_municipality(window: Window) -> list[tuple[str, str, int]]:
    """(NIS code, name, people) per municipality where they lived on the day; "" for none."""
    table = connection.ops.quote_name(Municipality._meta.db_table)
    rows = _aggregate(BY_MUNICIPALITY, window, municipality=(table, []))
    return [(code or "", name or "", n) for code, name, n in rows]


def reached_by_digibank(window: Window) -> dict[int, int]:
    return dict(_aggregate(BY_DIGIBANK, window))


def skills_checks(window: Window) -> QuerySet[SkillsCheck]:
    """Completed checks taken in these digibanks in the window. A check has no hub: none count
    when a hub is chosen; a municipality is known only for checks linked to a person (kept on
    the check at the link, so it stays after the person's erasure)."""
    if window.hub_id is not None:
        return SkillsCheck.objects.none()
    checks = SkillsCheck.objects.filter(
        digibank_id__in=window.digibank_ids,
        completed_at__gte=window.start,
        completed_at__lt=window.end,
    )
    if window.municipality_id is not None:
        checks = checks.filter(municipality_id=window.municipality_id)
    return checks


@dataclass(frozen=True)
class CheckCounts:
    completed: int
    linked: int  # linked to a person with their consent


def check_counts(window: Window) -> CheckCounts:
    totals = skills_checks(window).aggregate(
        completed=Count("id"), linked=Count("id", filter=Q(person__isnull=False))
    )
    return CheckCounts(totals["completed"], totals["linked"])
