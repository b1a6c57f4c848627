"""A learning module (an open learning unit): what it teaches (competences and a level), how long,
in which languages, what a learner should know first, the materials, and who offers it.

The region's catalogue is shared by its digibanks (`digibank` empty: loaded with the skills check);
a digibank's coordinator or trainer adds modules of its own (`digibank` set), which they alone
edit. Sessions (`skills.models.sessions`) are the scheduled occurrences of a module."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digibank.organisations.models import Digibank, Language, Partner, Region
from digibank.skills.models.framework import Competence, in_language


class ProviderKind(models.TextChoices):
    """Who offers a module, in the words a resident knows."""

    DIGIBANK = "digibank", _("the digibank")
    ADULT_EDUCATION = "adult_education", _("adult education")
    EMPLOYMENT_SERVICE = "employment_service", _("the employment service")
    LIBRARY = "library", _("the library")
    OTHER = "other", _("another partner")


class Module(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="modules")
    # Empty: the region's shared catalogue. Set: a module the digibank added and manages itself.
    digibank = models.ForeignKey(
        Digibank, on_delete=models.CASCADE, null=True, blank=True, related_name="modules"
    )
    key = models.CharField(_("key"), max_length=12)
    title_nl = models.CharField(_("title in Dutch"), max_length=200)
    title_fr = models.CharField(_("title in French"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200)
    competences = models.ManyToManyField(
        Competence, related_name="modules", verbose_name=_("competences")
    )
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    duration_minutes = models.PositiveIntegerField(_("duration in minutes"))
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.DUTCH
    )
    # More languages a module is given in (codes of `Language`), besides `language`.
    languages = models.JSONField(_("also given in"), default=list, blank=True)
    provider_name = models.CharField(_("offered by"), max_length=200)
    provider_kind = models.CharField(
        _("kind of provider"),
        max_length=20,
        choices=ProviderKind.choices,
        default=ProviderKind.DIGIBANK,
        db_default=ProviderKind.DIGIBANK,
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="modules",
        verbose_name=_("partner"),
    )
    summary_nl = models.TextField(_("what you learn, in Dutch"), blank=True, db_default="")
    summary_fr = models.TextField(_("what you learn, in French"), blank=True, db_default="")
    summary_en = models.TextField(_("what you learn, in English"), blank=True, db_default="")
    materials = models.TextField(
        _("materials"),
        blank=True,
        db_default="",
        help_text=_("What learners bring or receive, for example: your own smartphone."),
    )
    prerequisites = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="leads_to",
        verbose_name=_("take first"),
    )
    # A module not on offer in the region (yet) is kept but never recommended.
    active = models.BooleanField(_("on offer"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # The completion rule: the share of the session's dates a participant must attend (the
    # certificate and the loan condition follow from it; `skills.attendance_rules`).
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"),
        default=80,
        db_default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The share of the session's dates a participant must attend."),
    )

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        constraints = [
            models.UniqueConstraint(fields=["region", "key"], name="unique_module_key"),
            models.CheckConstraint(
                condition=Q(min_attendance_percent__gte=1, min_attendance_percent__lte=100),
                name="module_attendance_rule_is_a_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self, "title")

    @property
    def summary(self) -> str:
        return in_language(self, "summary")

    def all_languages(self) -> list[str]:
        """The module's language first, then the others it is given in."""
        return [self.language, *(code for code in self.languages if code != self.language)]

    @property
    def hours(self) -> float:
        return round(self.duration_minutes / 60, 1)
