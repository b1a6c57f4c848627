"""Skills progress: per area, the share of "I can do this alone" in people's first and latest
check of the period, for the people with at least two completed checks linked to them.

Two grouped queries (first checks, latest checks), counted in the database: each statement of a
check's version is joined to the check and its answer read from the check's JSON `answers` by
the statement's key (`AnswerOf`, one expression per database). The share is pooled over the
people (statements answered alone / statements), which is their average when, as usual, both
checks have the same statements in the area. Shown only for 10 people or more: fewer could be
recognised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Count, Exists, F, Func, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import get_language

from digibank.insights.figures.people import skills_checks
from digibank.insights.sources import Window
from digibank.insights.suppression import THRESHOLD
from digibank.skills.models import Answer, SkillsCheck, Statement


class AnswerOf(Func):
    """`answers[key]` as text, where the key comes from another column (the statement's)."""

    output_field = CharField()

    def __init__(self, answers: Any, key: Any) -> None:
        super().__init__(answers, key)

    def _parts(self, compiler: Any) -> tuple[str, str, tuple[Any, ...]]:
        answers, answers_params = compiler.compile(self.source_expressions[0])
        key, key_params = compiler.compile(self.source_expressions[1])
        return answers, key, (*answers_params, *key_params)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        answers, key, params = self._parts(compiler)
        return f"json_extract({answers}, '$.\"' || {key} || '\"')", params

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        answers, key, params = self._parts(compiler)
        return f"({answers} ->> {key})", params


def _pairs(window: Window) -> tuple[QuerySet[SkillsCheck], QuerySet[SkillsCheck], QuerySet]:
    """The first and the latest check of the period of each person with two or more."""
    checks = skills_checks(window).filter(person__isnull=False)
    same_person = checks.filter(person_id=OuterRef("person_id"))
    in_order = same_person.order_by("completed_at", "id").values("id")[:1]
    newest = same_person.order_by("-completed_at", "-id").values("id")[:1]
    another = same_person.exclude(pk=OuterRef("pk"))
    paired = checks.filter(Exists(another))
    first = paired.filter(pk=Subquery(in_order))
    latest = paired.filter(pk=Subquery(newest))
    people = paired.values("person_id").distinct()
    return first, latest, people


AREA = ("area__code", "area__position", "area__name_nl", "area__name_fr", "area__name_en")


def _shares(checks: QuerySet[SkillsCheck]) -> dict[tuple[Any, ...], tuple[int, int]]:
    """Per area (its code, position and names): (statements answered alone, statements)."""
    rows = (
        Statement.objects.filter(version__checks__in=checks)
        .annotate(answer=AnswerOf(F("version__checks__answers"), F("key")))
        .values(*AREA)
        .annotate(alone=Count("id", filter=Q(answer=Answer.ALONE)), total=Count("id"))
        .order_by()
    )
    return {tuple(row[name] for name in AREA): (row["alone"], row["total"]) for row in rows}


@dataclass(frozen=True)
class AreaProgress:
    area: str  # the area's code
    name: str  # in the language of the request
    first: int  # percent answered alone in the first check
    latest: int  # ... in the latest check

    @property
    def change(self) -> int:
        return self.latest - self.first


@dataclass(frozen=True)
class Progress:
    people: int  # with two checks or more; the areas are empty when fewer than THRESHOLD
    areas: list[AreaProgress]


def skills_progress(window: Window) -> Progress:
    """Three queries: the people with two checks, the first checks' and the latest's shares."""
    first, latest, people = _pairs(window)
    count = people.count()
    before, after = _shares(first), _shares(latest)  # read always: a fixed number of queries
    if count < THRESHOLD:
        return Progress(count, [])
    areas = []
    language = get_language() or "nl"
    for area in sorted(set(before) & set(after), key=lambda area: (area[1], area[0])):
        (alone_then, total_then), (alone_now, total_now) = before[area], after[area]
        names = {"nl": area[2], "fr": area[3], "en": area[4]}
        if total_then and total_now:
            areas.append(
                AreaProgress(
                    area[0],
                    names.get(language[:2]) or area[2],
                    round(100 * alone_then / total_then),
                    round(100 * alone_now / total_now),
                )
            )
    return Progress(count, areas)
