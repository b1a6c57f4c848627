"""Why a reservation passed over the person first in line for that device.

The waiting list promises a fair order: a ready device goes to the first person in line for its
kind whom it fits (`digibank.lending.queue`). Staff may choose someone else only with a reason
from a short list and a few words of their own; each request passed over keeps one row per time
it was passed over, shown to staff on the waiting list ("skipped because ...").
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from digibank.lending.models.loans import Allocation
from digibank.lending.models.requests import DeviceRequest
from digibank.organisations.models import Digibank


class SkipReason(models.TextChoices):
    NEED_MATCHES_BETTER = (
        "need_matches_better",
        _("the device matches another person's need better"),
    )
    UNREACHABLE = "unreachable", _("the person first in line cannot be reached")
    URGENT = "urgent", _("another person's situation is urgent")


class WaitingListSkip(models.Model):
    """A request that was first in line, passed over by a reservation for someone else."""

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="+")
    # The reservation made instead: it names the device, the request chosen, who and when.
    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="skips")
    skipped = models.ForeignKey(
        DeviceRequest,
        on_delete=models.CASCADE,
        related_name="skips",
        verbose_name=_("request passed over"),
    )
    reason = models.CharField(_("reason"), max_length=30, choices=SkipReason.choices)
    note = models.CharField(_("in your own words"), max_length=300)

    class Meta:
        ordering = ["id"]
        verbose_name = _("request passed over")
        verbose_name_plural = _("requests passed over")
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "skipped"], name="one_skip_per_request_and_reservation"
            ),
            models.CheckConstraint(
                condition=models.Q(reason__in=SkipReason.values), name="skip_reason_is_known"
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_reason_display())
