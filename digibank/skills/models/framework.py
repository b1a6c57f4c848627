"""The competence framework: EU DigComp 2.2 (5 areas, 21 competences, 8 proficiency levels), the
digibank "first steps" area below it, and the local competences a region adds.

Names are kept in Dutch, French and English columns (like municipalities' names): the framework is
reference data loaded from `skills/data/`, not text a translator edits in the .po files.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from digibank.organisations.models import Region

LANGUAGES = ("nl", "fr", "en")


def language_code() -> str:
    """The language of the request among the three the content is written in (else Dutch)."""
    language = (get_language() or "nl")[:2]
    return language if language in LANGUAGES else "nl"


def in_language(obj: object, field: str) -> str:
    """`obj.<field>_<language>` in the language of the request, Dutch when that one is empty."""
    return str(getattr(obj, f"{field}_{language_code()}") or getattr(obj, f"{field}_nl"))


class Area(models.Model):
    """A competence area: the five of DigComp, and digibank's first steps ("FS")."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name_nl = models.CharField(_("name in Dutch"), max_length=120)
    name_fr = models.CharField(_("name in French"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("competence area")
        verbose_name_plural = _("competence areas")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")


class Competence(models.Model):
    """A DigComp competence ("4.2"), a first-steps one ("FS.3"), or a region's local one
    ("4.L1": `region` set). Statements, knowledge items and modules point at competences."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="competences")
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="local_competences",
        verbose_name=_("region"),
    )
    code = models.CharField(_("code"), max_length=12)
    name_nl = models.CharField(_("name in Dutch"), max_length=160)
    name_fr = models.CharField(_("name in French"), max_length=160)
    name_en = models.CharField(_("name in English"), max_length=160)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["area__position", "position", "code"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(region=None), name="unique_framework_competence"
            ),
            models.UniqueConstraint(
                fields=["region", "code"],
                condition=Q(region__isnull=False),
                name="unique_local_competence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return in_language(self, "name")

    @property
    def is_local(self) -> bool:
        return self.region_id is not None


class ProficiencyLevel(models.Model):
    """One of DigComp's eight proficiency levels; the check asks about levels 1 to 4."""

    level = models.PositiveSmallIntegerField(_("level"), unique=True)
    band_nl = models.CharField(_("band in Dutch"), max_length=40)
    band_fr = models.CharField(_("band in French"), max_length=40)
    band_en = models.CharField(_("band in English"), max_length=40)
    autonomy_nl = models.CharField(_("autonomy in Dutch"), max_length=160)
    autonomy_fr = models.CharField(_("autonomy in French"), max_length=160)
    autonomy_en = models.CharField(_("autonomy in English"), max_length=160)

    class Meta:
        ordering = ["level"]
        verbose_name = _("proficiency level")
        verbose_name_plural = _("proficiency levels")

    def __str__(self) -> str:
        return f"{self.level} {self.band}"

    @property
    def band(self) -> str:
        return in_language(self, "band")

    @property
    def autonomy(self) -> str:
        return in_language(self, "autonomy")
