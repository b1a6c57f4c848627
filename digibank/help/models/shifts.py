"""Volunteer shifts at a hub: the coordinator sets them with the number of volunteers needed,
hub volunteers sign up or withdraw. The shifts a volunteer takes are also what ties them to a hub
(their staff home shows the queue at the hubs of today's shifts)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from digibank.organisations.models import Digibank, Hub


class Shift(models.Model):
    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="help_shifts")
    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="help_shifts", verbose_name=_("hub")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    volunteers_needed = models.PositiveSmallIntegerField(_("volunteers needed"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "hub_id", "id"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        indexes = [
            models.Index(fields=["digibank", "starts_at"], name="help_shift_digibank_time"),
            models.Index(fields=["hub", "starts_at"], name="help_shift_hub_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="help_shift_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(volunteers_needed__gte=1, volunteers_needed__lte=50),
                name="help_shift_volunteers_needed_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hub_id} {self.starts_at:%Y-%m-%d %H:%M}"


class ShiftSignUp(models.Model):
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_shift_signups"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shift", "created_at"]
        verbose_name = _("shift sign-up")
        verbose_name_plural = _("shift sign-ups")
        constraints = [
            models.UniqueConstraint(fields=["shift", "volunteer"], name="unique_help_shift_signup")
        ]
        indexes = [models.Index(fields=["volunteer", "shift"], name="help_signup_volunteer")]

    def __str__(self) -> str:
        return f"{self.volunteer_id} @ {self.shift_id}"
