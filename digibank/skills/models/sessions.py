"""Sessions of a module and the enrolments in them.

A session is one occurrence of a module, given by a digibank (or a partner that publishes it) at a
hub or online, on one or more dates (`SessionDate`), with a trainer, a capacity and a language.

Capacity is kept by the database, never by counting rows in Python: `Session.seats_taken` is the
number of enrolments that hold a seat, changed only by a conditional UPDATE
(`... SET seats_taken = seats_taken + 1 WHERE seats_taken < capacity`), and a check constraint
keeps `0 <= seats_taken <= capacity`. On PostgreSQL the UPDATE takes the session row's lock and
re-reads the condition after a concurrent writer commits; on SQLite every transaction takes the
write lock at its start (`transaction_mode: IMMEDIATE`). So parallel enrolments can never overbook:
the one that finds no seat goes on the waiting list (`skills.seats`).

An enrolment names a person (staff enrolled someone registered) or only a name and a phone number
or e-mail address (a resident enrolled on the public pages, with a reference code). At enrolment
the person's target groups, age band and municipality are copied on the row, so counts by group
survive the person's erasure.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.states import StateHistory
from digibank.organisations.models import Digibank, Hub, Language, Municipality, Partner
from digibank.people.models import Person
from digibank.skills.models.modules import Module


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    CANCELLED = "cancelled", _("cancelled")


class Session(models.Model):
    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="sessions")
    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("module")
    )
    # Empty for a session given online only.
    hub = models.ForeignKey(
        Hub,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("hub"),
    )
    online_link = models.URLField(_("link to the online session"), blank=True)
    # The partner that gives the session (adult education, the employment service, ...), if not
    # the digibank itself.
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("given by partner"),
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_sessions",
        verbose_name=_("trainer"),
    )
    capacity = models.PositiveSmallIntegerField(_("places"))
    # How many enrolments hold a seat; only `skills.seats` changes it, with a conditional UPDATE.
    seats_taken = models.PositiveSmallIntegerField(default=0, editable=False)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.DUTCH
    )
    accessibility_notes = models.CharField(_("accessibility"), max_length=300, blank=True)
    notes = models.TextField(_("notes for participants"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    # The first date's start and the last date's end, kept by the services from `dates`, so the
    # finder filters and orders on an index.
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_has_a_place"),
            models.CheckConstraint(
                condition=Q(seats_taken__gte=0, seats_taken__lte=F("capacity")),
                name="session_never_overbooked",
            ),
            models.CheckConstraint(
                condition=Q(hub__isnull=False) | ~Q(online_link=""),
                name="session_at_a_hub_or_online",
            ),
        ]
        indexes = [
            models.Index(fields=["digibank", "starts_at"], name="session_by_start"),
            models.Index(fields=["module", "starts_at"], name="session_of_module"),
        ]

    def __str__(self) -> str:
        return f"{self.module} ({self.starts_at:%Y-%m-%d})" if self.starts_at else str(self.module)

    @property
    def is_online(self) -> bool:
        return self.hub_id is None

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_full(self) -> bool:
        return self.seats_taken >= self.capacity

    @property
    def is_past(self) -> bool:
        return self.ends_at is not None and self.ends_at < timezone.now()


class SessionDate(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="dates")
    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts", "id"]
        verbose_name = _("session date")
        verbose_name_plural = _("session dates")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=F("starts")), name="session_date_ends_after"
            ),
            models.UniqueConstraint(fields=["session", "starts"], name="unique_session_date"),
        ]

    def __str__(self) -> str:
        return f"{self.starts:%Y-%m-%d %H:%M}"


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("enrolled")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")
    ATTENDED = "attended", _("attended")
    COMPLETED = "completed", _("completed")
    NO_SHOW = "no_show", _("did not come")


# The states in which an enrolment holds one of the session's seats (`Session.seats_taken`).
HOLDS_A_SEAT = frozenset(
    {
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.ATTENDED,
        EnrolmentStatus.COMPLETED,
        EnrolmentStatus.NO_SHOW,
    }
)
# The states of an enrolment that still counts: one such enrolment per person and session.
ACTIVE_STATES = HOLDS_A_SEAT | {EnrolmentStatus.WAITING}


class EnrolmentChannel(models.TextChoices):
    PUBLIC = "public", _("on the website")
    STAFF = "staff", _("by staff")
    API = "api", _("through the API")


class Enrolment(models.Model):
    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="enrolments")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="enrolments")
    # Set when staff enrol someone registered; empty for a resident who enrolled on the website.
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=160, blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="nl")
    code = models.CharField(_("reference code"), max_length=8, unique=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.ENROLLED,
    )
    channel = models.CharField(
        _("enrolled"),
        max_length=10,
        choices=EnrolmentChannel.choices,
        default=EnrolmentChannel.STAFF,
    )
    # The waiting list's order: who joined it first (then the lower id).
    queued_at = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    # Kept at enrolment for the figures (see the module docstring).
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    age_band = models.CharField(_("age band"), max_length=10, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reach_key = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=Q(person__isnull=False, status__in=sorted(ACTIVE_STATES)),
                name="one_active_enrolment_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(status=EnrolmentStatus.WAITING) | Q(queued_at__isnull=False),
                name="waiting_enrolment_has_a_place_in_line",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "status", "queued_at"], name="enrolment_queue"),
            models.Index(fields=["digibank", "status"], name="enrolment_by_status"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def display_name(self) -> str:
        return self.person.full_name if self.person_id and self.person else self.name

    @property
    def holds_a_seat(self) -> bool:
        return self.status in HOLDS_A_SEAT


class EnrolmentEvent(StateHistory):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="events")

    class Meta(StateHistory.Meta):
        verbose_name = _("enrolment event")


class SessionEvent(StateHistory):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="events")

    class Meta(StateHistory.Meta):
        verbose_name = _("session event")
