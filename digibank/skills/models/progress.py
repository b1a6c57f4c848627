"""A finished check's score per competence area (see `skills.progress` for how it is counted).

Written once, when the check is completed, so comparing a person's first and latest check, and
averaging the change over a digibank's people, is a query instead of a pass over every answer.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digibank.skills.models.checks import SkillsCheck
from digibank.skills.models.framework import Area


class AreaScore(models.Model):
    skills_check = models.ForeignKey(
        SkillsCheck, on_delete=models.CASCADE, related_name="area_scores"
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(100)])

    class Meta:
        ordering = ["area__position", "area__code"]
        verbose_name = _("area score")
        verbose_name_plural = _("area scores")
        constraints = [
            models.UniqueConstraint(
                fields=["skills_check", "area"], name="one_score_per_check_area"
            ),
            models.CheckConstraint(condition=Q(score__lte=100), name="area_score_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.skills_check_id} {self.area_id}: {self.score}"
