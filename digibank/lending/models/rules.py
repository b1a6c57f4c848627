"""Eligibility rules: the reasons a digibank may give someone a device, and the proof accepted."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digibank.lending.evidence import EvidenceKind
from digibank.organisations.models import Digibank


class EligibilityRule(models.Model):
    """One reason a digibank may give someone a device, with the proof it accepts.

    Default rules have a `code` from `DEFAULT_RULE_LABELS` and an empty `name`: they show their
    standard name in the reader's language until a coordinator gives them a name of their own.
    """

    digibank = models.ForeignKey(
        Digibank, on_delete=models.CASCADE, related_name="eligibility_rules"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=2, help_text=_("1 comes first on the waiting list.")
    )
    evidence_kinds = models.JSONField(_("proof we accept"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["priority", "id"]
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        constraints = [
            models.UniqueConstraint(fields=["digibank", "code"], name="unique_eligibility_code"),
            models.CheckConstraint(condition=Q(priority__gte=1), name="rule_priority_positive"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        from digibank.lending.defaults import DEFAULT_RULE_LABELS

        if self.name:
            return self.name
        return str(DEFAULT_RULE_LABELS.get(self.code, self.code))

    @property
    def description_text(self) -> str:
        from digibank.lending.defaults import DEFAULT_RULE_DESCRIPTIONS

        if self.description:
            return self.description
        return str(DEFAULT_RULE_DESCRIPTIONS.get(self.code, ""))

    def get_evidence_kinds_display(self) -> list[str]:
        labels = dict(EvidenceKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.evidence_kinds]
