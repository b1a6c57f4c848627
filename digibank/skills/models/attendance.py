"""Attendance: per session date, whether each participant came.

One row per enrolment and date, written by the trainer's attendance page (`record_attendance`):
taking attendance again for a date corrects the rows (the database refuses a second row). The
row names no person (the enrolment does), so erasing the participant leaves the counts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from digibank.skills.models.sessions import Enrolment, SessionDate


class Attendance(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    session_date = models.ForeignKey(
        SessionDate, on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(_("present"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["session_date__starts", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "session_date"], name="one_attendance_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.session_date_id}: {self.present}"
