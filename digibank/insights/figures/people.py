"""People reached (across every source, each person once) and the skills checks.

One query per breakdown, each grouping `sources.reached_people` in the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, CharField, Count, Max, Q, QuerySet, Value, When

from digibank.insights.sources import Window, reached_people
from digibank.people.models import AgeBand, Person, birth_years_for
from digibank.skills.models import SkillsCheck


def reached_total(window: Window) -> int:
    return reached_people(window).count()


def reached_by_target_group(window: Window) -> list[tuple[str, str, int]]:
    """(code, name, people) per target group; a person in two groups counts in both.

    Target groups are the digibank's own (with a code shared by every digibank for the usual
    ones), so the region adds them up by code.
    """
    rows = (
        Person.target_groups.through.objects.filter(person__in=reached_people(window))
        .values("targetgroup__code")
        .annotate(n=Count("person_id", distinct=True), name=Max("targetgroup__name"))
        .order_by("targetgroup__code")
    )
    return [(row["targetgroup__code"], row["name"], row["n"]) for row in rows]


def _band() -> Case:
    return Case(
        *(When(birth_years_for(band), then=Value(band.value)) for band in AgeBand),
        default=Value(AgeBand.UNKNOWN.value),
        output_field=CharField(),
    )


def reached_by_age_band(window: Window) -> dict[str, int]:
    """People per age band (their age this year), in the database."""
    rows = reached_people(window).annotate(band=_band()).values("band").annotate(n=Count("id"))
    return {row["band"]: row["n"] for row in rows.order_by()}


def reached_by_municipality(window: Window) -> list[tuple[str, str, int]]:
    """(NIS code, name, people) per municipality of residence; "" for people without one."""
    rows = (
        reached_people(window)
        .values("municipality__nis_code")
        .annotate(n=Count("id"), name=Max("municipality__name_nl"))
        .order_by("municipality__name_nl")
    )
    return [(row["municipality__nis_code"] or "", row["name"] or "", row["n"]) for row in rows]


def reached_by_digibank(window: Window) -> dict[int, int]:
    rows = reached_people(window).values("digibank_id").annotate(n=Count("id")).order_by()
    return {row["digibank_id"]: row["n"] for row in rows}


def skills_checks(window: Window) -> QuerySet[SkillsCheck]:
    """Completed checks taken in these digibanks in the window. A check has no hub: none count
    when a hub is chosen; a municipality is known only for checks linked to a person."""
    if window.hub_id is not None:
        return SkillsCheck.objects.none()
    checks = SkillsCheck.objects.filter(
        digibank_id__in=window.digibank_ids,
        completed_at__gte=window.start,
        completed_at__lt=window.end,
    )
    if window.municipality_id is not None:
        checks = checks.filter(person__municipality_id=window.municipality_id)
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
