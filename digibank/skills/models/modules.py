"""A learning module, as far as the skills check needs it: what it teaches, at which level, how
long, in which language and who offers it. The module catalogue (prerequisites, materials,
partners, sessions) extends this table later."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from digibank.organisations.models import Language, Region
from digibank.skills.models.framework import Competence, in_language


class Module(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="modules")
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
    provider_name = models.CharField(_("offered by"), max_length=200)
    # A module not on offer in the region (yet) is kept but never recommended.
    active = models.BooleanField(_("on offer"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        constraints = [models.UniqueConstraint(fields=["region", "key"], name="unique_module_key")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self, "title")

    @property
    def hours(self) -> float:
        return round(self.duration_minutes / 60, 1)
