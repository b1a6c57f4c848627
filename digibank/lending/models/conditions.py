"""Which conditions of a loan are met, when, by whom and how.

A loan lists its conditions as codes (`Loan.conditions`); a row here says one of them is met. A
condition is met once: the database refuses a second row for the same loan and condition, so two
completions at the same moment (a trainer's and a coordinator's) record it once. The row names no
person (the loan does), so erasing the resident leaves it as it is.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from digibank.lending.models.loans import Loan, LoanCondition


class LoanConditionMet(models.Model):
    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="conditions_met")
    condition = models.CharField(_("condition"), max_length=20, choices=LoanCondition.choices)
    met_at = models.DateTimeField(_("met on"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # The module whose completion met it, by its title (the module lives in skills).
    module_title = models.CharField(_("module completed"), max_length=200, blank=True)

    class Meta:
        ordering = ["met_at", "id"]
        verbose_name = _("loan condition met")
        verbose_name_plural = _("loan conditions met")
        constraints = [
            models.UniqueConstraint(fields=["loan", "condition"], name="loan_condition_met_once")
        ]

    def __str__(self) -> str:
        return f"{self.loan_id} {self.condition}"
