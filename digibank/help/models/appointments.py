"""Appointments: the times a hub publishes for help with some topics, and the residents booked in.

A `Slot` is a time at one hub with `capacity` helpers, each helping one resident. How many seats
are taken is the slot's own counter `booked`, and the database refuses a counter above the
capacity (`slot_never_overbooked`): a booking takes its seat with one conditional UPDATE of that
row, so two residents pressing "Book" at the same moment can never both get the last seat, on
SQLite or PostgreSQL, whatever the code above it does.

An `Appointment` is booked online by the resident (a name and, if they like, a phone number or an
email address; no account) or by staff after a phone call, possibly for a registered person. Its
reference code lets the resident cancel or move it. When it is linked to a person, the row keeps
the person's target groups, age band and municipality of that moment, so the figures survive an
erasure.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from digibank.core.codes import display_code
from digibank.core.states import StateHistory
from digibank.help.models.topics import HelpTopic
from digibank.organisations.models import Digibank, Hub, Municipality
from digibank.people.models import Person

DEFAULT_LEAD_HOURS = 24
DEFAULT_CANCEL_HOURS = 12


class Slot(models.Model):
    """A bookable time at a hub, for some help topics, with one seat per helper."""

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="help_slots")
    hub = models.ForeignKey(
        Hub, on_delete=models.PROTECT, related_name="help_slots", verbose_name=_("hub")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    topics = models.ManyToManyField(HelpTopic, related_name="slots", verbose_name=_("topics"))
    capacity = models.PositiveSmallIntegerField(
        _("number of helpers"), help_text=_("Each helper helps one person at this time.")
    )
    booked = models.PositiveSmallIntegerField(_("booked"), default=0, editable=False)
    lead_hours = models.PositiveSmallIntegerField(
        _("book at least this many hours ahead"), default=DEFAULT_LEAD_HOURS
    )
    cancel_hours = models.PositiveSmallIntegerField(
        _("cancel or move at least this many hours ahead"), default=DEFAULT_CANCEL_HOURS
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("appointment time")
        verbose_name_plural = _("appointment times")
        constraints = [
            models.CheckConstraint(
                condition=Q(booked__lte=F("capacity")), name="slot_never_overbooked"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="slot_has_a_helper"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_it_starts"
            ),
        ]
        indexes = [
            models.Index(fields=["digibank", "hub", "starts_at"], name="help_slot_hub_day"),
            models.Index(fields=["starts_at"], name="help_slot_start"),
        ]

    def __str__(self) -> str:
        return f"{self.hub_id} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.booked)

    @property
    def bookable_until(self) -> datetime.datetime:
        """The last moment a resident may book it online."""
        return self.starts_at - datetime.timedelta(hours=self.lead_hours)

    @property
    def changeable_until(self) -> datetime.datetime:
        """The last moment a resident may cancel or move an appointment at this time online."""
        return self.starts_at - datetime.timedelta(hours=self.cancel_hours)


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("booked")
    CANCELLED = "cancelled", _("cancelled")
    ATTENDED = "attended", _("came")
    NO_SHOW = "no_show", _("did not come")


# The states in which an appointment holds its seat in the slot's counter.
HOLDS_A_SEAT = frozenset(
    {AppointmentStatus.BOOKED, AppointmentStatus.ATTENDED, AppointmentStatus.NO_SHOW}
)


class BookedVia(models.TextChoices):
    ONLINE = "online", _("online, by the resident")
    STAFF = "staff", _("by staff")


class Appointment(models.Model):
    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="appointments")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="appointments")
    topic = models.ForeignKey(
        HelpTopic, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("topic")
    )
    reference = models.CharField(_("reference code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=120, blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("person"),
    )
    # The person's groups at booking time (codes), so figures need no person row.
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    age_band = models.CharField(_("age band"), max_length=8, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.BOOKED,
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    booked_via = models.CharField(
        _("booked"), max_length=10, choices=BookedVia.choices, default=BookedVia.ONLINE
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        indexes = [
            models.Index(fields=["slot", "status"], name="help_appointment_slot"),
            models.Index(fields=["digibank", "-id"], name="help_appointment_recent"),
        ]

    def __str__(self) -> str:
        return self.reference_display

    @property
    def reference_display(self) -> str:
        return display_code(self.reference)


class AppointmentEvent(StateHistory):
    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="events")

    class Meta(StateHistory.Meta):
        verbose_name = _("appointment event")
