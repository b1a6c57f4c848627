"""A personal plan: what staff proposed to one person in one step (modules to follow, a device to
request, a help appointment) and its follow-up.

The plan owns only its own rows. Each step keeps a link to what it created in the owning domain
(an enrolment, a device request, an appointment), so the plan page shows that thing's *current*
state, read from the domain, never a copy that grows stale. A link is set to NULL if the domain
ever deletes its row; the step keeps what was proposed.

Like every event about a person, a plan keeps the person's target groups, age band and
municipality of the day it was made, so the figures survive an erasure (which blanks the plan's
notes and unlinks the person).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.states import StateHistory
from digibank.devices.models import DeviceKind
from digibank.help.models import Appointment, HelpTopic, Visit
from digibank.lending.models import DeviceRequest
from digibank.organisations.models import Digibank, Municipality
from digibank.people.models import Person
from digibank.skills.models import Enrolment, EnrolmentStatus, Module, Session, SkillsCheck

NOTE_MAX = 2000


class PlanStatus(models.TextChoices):
    OPEN = "open", _("open")
    FOLLOWED_UP = "followed_up", _("followed up")
    CLOSED = "closed", _("closed")


# The plans that still ask for a follow-up.
ACTIVE_STATUSES = (PlanStatus.OPEN, PlanStatus.FOLLOWED_UP)


class PlanSource(models.TextChoices):
    SKILLS_CHECK = "skills_check", _("a skills check")
    VISIT = "visit", _("a help visit")
    NONE = "none", _("a conversation")


class PersonalPlan(models.Model):
    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="personal_plans")
    # NULL once the person was erased: the plan then names nobody, its figures stay.
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, related_name="personal_plans"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    made_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=12, choices=PlanSource.choices, default=PlanSource.NONE)
    skills_check = models.ForeignKey(
        SkillsCheck, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    visit = models.ForeignKey(
        Visit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.OPEN)
    follow_up_on = models.DateField(_("next follow-up"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    target_groups = models.JSONField(default=list, blank=True)
    age_band = models.CharField(max_length=12, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-made_at", "-id"]
        verbose_name = _("personal plan")
        verbose_name_plural = _("personal plans")
        indexes = [
            models.Index(fields=["digibank", "status", "follow_up_on"], name="plan_bank_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PlanStatus.values), name="plan_status_is_known"
            ),
        ]

    def __str__(self) -> str:
        return f"plan {self.pk}"


class PlanEvent(StateHistory):
    plan = models.ForeignKey(PersonalPlan, on_delete=models.CASCADE, related_name="events")


class StepKind(models.TextChoices):
    MODULE = "module", _("a module to follow")
    DEVICE = "device", _("a device to request")
    APPOINTMENT = "appointment", _("a help appointment")


class PlanStep(models.Model):
    """One proposed thing, with the link to what it created in the owning domain."""

    plan = models.ForeignKey(PersonalPlan, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=12, choices=StepKind.choices)
    position = models.PositiveSmallIntegerField(default=0)
    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    device_kind = models.CharField(max_length=20, blank=True)
    needs = models.JSONField(default=list, blank=True)
    device_request = models.ForeignKey(
        DeviceRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    topic = models.ForeignKey(
        HelpTopic, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    appointment = models.ForeignKey(
        Appointment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=StepKind.values), name="plan_step_kind_is_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} step of plan {self.plan_id}"

    @property
    def takes_a_session_later(self) -> bool:
        """A module step without a place now (no session chosen yet, or its enrolment was
        cancelled): a session can still be chosen for it from the plan's page."""
        return self.kind == StepKind.MODULE and (
            self.enrolment is None or self.enrolment.status == EnrolmentStatus.CANCELLED
        )

    @property
    def device_label(self) -> str:
        if self.device_kind in DeviceKind.values:
            return str(DeviceKind(self.device_kind).label)
        return str(_("a device, no preference"))


class PlanFollowUp(models.Model):
    """A follow-up recorded on the plan: what was said, and when to look again."""

    plan = models.ForeignKey(PersonalPlan, on_delete=models.CASCADE, related_name="follow_ups")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(max_length=NOTE_MAX, blank=True)
    next_on = models.DateField(null=True, blank=True)
    closed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"follow-up of plan {self.plan_id}"
