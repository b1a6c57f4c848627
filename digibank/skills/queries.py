"""Scoped reads of the skills pages."""

from __future__ import annotations

from django.db.models import QuerySet

from digibank.organisations.models import Region
from digibank.organisations.permissions import Access, Perm
from digibank.skills.models import CheckVersion, Competence, SkillsCheck, Statement


def linked_checks_for(access: Access) -> QuerySet[SkillsCheck]:
    """Checks linked to the people this user reaches (a referrer: their partner's people)."""
    return access.scope_people(
        SkillsCheck.objects.filter(person__isnull=False),
        Perm.VIEW_PEOPLE,
        path="person__referrer_partner",
    ).select_related("person")


def versions_of(region: Region) -> QuerySet[CheckVersion]:
    return CheckVersion.objects.filter(region=region).order_by("-number")


def local_competences_of(region: Region) -> QuerySet[Competence]:
    return Competence.objects.filter(region=region).select_related("area")


def statements_of(version: CheckVersion) -> QuerySet[Statement]:
    return version.statements.select_related("area", "competence")
