"""The digibank's outcome measure, read from the kept area scores (`AreaScore`): a person's
latest skills check compared with their first, area by area, and the average change over the
people of a digibank whose latest check falls in a period.

Only checks linked to a person (with their consent) count: an anonymous check cannot be compared
with anything. A person's first check is their earliest finished one; their latest is the most
recent finished one, up to the end of the period for the digibank's figures.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, F, FloatField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from digibank.organisations.models import Digibank
from digibank.people.models import Person
from digibank.skills.models import Area, AreaScore, SkillsCheck


@dataclass(frozen=True)
class AreaProgress:
    area: Area
    first: int | None
    latest: int | None

    @property
    def change(self) -> int | None:
        if self.first is None or self.latest is None:
            return None
        return self.latest - self.first


@dataclass(frozen=True)
class PersonProgress:
    first: SkillsCheck
    latest: SkillsCheck | None  # None while the person took one check only
    areas: list[AreaProgress]

    @property
    def compared(self) -> bool:
        return self.latest is not None


def finished_checks_of(person: Person) -> QuerySet[SkillsCheck]:
    return SkillsCheck.objects.filter(person=person, completed_at__isnull=False).order_by(
        "completed_at", "pk"
    )


def progress_of(person: Person) -> PersonProgress | None:
    """The person's first and latest finished check, per area; None without a linked check.
    Three queries, however many checks the person took."""
    checks = finished_checks_of(person)
    first = checks.first()
    if first is None:
        return None
    latest = checks.last()
    if latest is not None and latest.pk == first.pk:
        latest = None
    ids = [first.pk] + ([latest.pk] if latest else [])
    first_scores: dict[int, int] = {}
    latest_scores: dict[int, int] = {}
    areas: dict[int, Area] = {}
    for row in AreaScore.objects.filter(skills_check_id__in=ids).select_related("area"):
        areas[row.area_id] = row.area
        (first_scores if row.skills_check_id == first.pk else latest_scores)[row.area_id] = (
            row.score
        )
    ordered = sorted(areas.values(), key=lambda area: (area.position, area.code))
    return PersonProgress(
        first=first,
        latest=latest,
        areas=[
            AreaProgress(
                area,
                first_scores.get(area.pk),
                latest_scores.get(area.pk) if latest else None,
            )
            for area in ordered
        ],
    )


@dataclass(frozen=True)
class AreaChange:
    """Over the people compared in one area: how many, their average score on the first and on
    the latest check, and the average change (points out of 100)."""

    area: Area
    people: int
    first: float
    latest: float
    change: float


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def progress_in(digibank: Digibank, start: datetime.date, end: datetime.date) -> list[AreaChange]:
    """Per area, the average change between the first and the latest check of the digibank's
    people whose latest check (up to `end`, included) was finished from `start`. Two queries,
    whatever the number of people: the database compares and averages."""
    until = _day_start(end + datetime.timedelta(days=1))
    finished = SkillsCheck.objects.filter(
        person_id=OuterRef("skills_check__person_id"), completed_at__isnull=False
    )
    first_check = finished.order_by("completed_at", "pk").values("pk")[:1]
    latest_check = finished.filter(completed_at__lt=until).order_by("-completed_at", "-pk")
    first_score = AreaScore.objects.filter(
        area_id=OuterRef("area_id"),
        skills_check_id=Subquery(
            SkillsCheck.objects.filter(
                person_id=OuterRef(OuterRef("skills_check__person_id")),
                completed_at__isnull=False,
            )
            .order_by("completed_at", "pk")
            .values("pk")[:1]
        ),
    ).values("score")[:1]
    rows = (
        AreaScore.objects.filter(
            skills_check__person__digibank=digibank,
            skills_check__completed_at__gte=_day_start(start),
            skills_check__completed_at__lt=until,
        )
        .annotate(
            latest_id=Subquery(latest_check.values("pk")[:1]),
            first_id=Subquery(first_check),
            first_score=Subquery(first_score),
        )
        .filter(Q(skills_check_id=F("latest_id")) & ~Q(skills_check_id=F("first_id")))
        .filter(first_score__isnull=False)
        .values("area_id")
        .annotate(
            people=Count("id"),
            first_average=Avg(Cast("first_score", FloatField())),
            latest_average=Avg(Cast("score", FloatField())),
            change=Avg(Cast(F("score") - F("first_score"), FloatField())),
        )
    )
    figures = {row["area_id"]: row for row in rows}
    return [
        AreaChange(
            area=area,
            people=figures[area.pk]["people"],
            first=round(figures[area.pk]["first_average"], 1),
            latest=round(figures[area.pk]["latest_average"], 1),
            change=round(figures[area.pk]["change"], 1),
        )
        for area in Area.objects.filter(pk__in=figures).order_by("position", "code")
    ]
