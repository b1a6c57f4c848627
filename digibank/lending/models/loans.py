"""Reservations, the lending regulation and loans: from a device set aside to its return.

Their statuses change only through `digibank.lending.states` (`ALLOCATION_STATES`, `LOAN_STATES`);
each change is kept as an `AllocationEvent` or `LoanEvent`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digibank.devices.models import Accessory, Condition, Device
from digibank.lending.models.requests import DeviceRequest, resident_name
from digibank.organisations.models import Digibank, Hub, Language, Municipality
from digibank.people.models import AgeBand, Person


class AllocationStatus(models.TextChoices):
    ACTIVE = "active", _("reserved")
    RELEASED = "released", _("released")
    HANDED_OVER = "handed_over", _("handed over")


class Allocation(models.Model):
    """A device reserved for a request, until it is handed over or released."""

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="allocations")
    request = models.ForeignKey(DeviceRequest, on_delete=models.PROTECT, related_name="allocations")
    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="allocations")
    hub = models.ForeignKey(
        Hub,
        on_delete=models.PROTECT,
        related_name="allocations",
        verbose_name=_("where to pick it up"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AllocationStatus.choices,
        default=AllocationStatus.ACTIVE,
    )
    reserved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reserved by"),
    )
    reserved_at = models.DateTimeField(_("reserved on"))
    # The last day the resident may come (the pick-up message names it); the day after, the
    # reservation is released on its own (`services.pickup.release_overdue_reservations`).
    pickup_until = models.DateField(_("pick up by"), null=True, blank=True)
    # When staff agreed with the resident to hand it over; empty: not planned.
    pickup_on = models.DateField(_("pick-up planned on"), null=True, blank=True)
    pickup_time = models.TimeField(_("pick-up planned at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["-reserved_at", "-id"]
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        constraints = [
            models.UniqueConstraint(
                fields=["device"],
                condition=Q(status="active"),
                name="one_active_allocation_per_device",
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status="active"),
                name="one_active_allocation_per_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.device_id} → {self.request_id}"


class LendingRegulation(models.Model):
    """One published version of a digibank's lending regulation, in Dutch, French and English.

    A new text is a new version: agreements keep pointing at the version they were signed under.
    """

    digibank = models.ForeignKey(
        Digibank, on_delete=models.CASCADE, related_name="lending_regulations"
    )
    version = models.PositiveIntegerField(_("version"))
    text_nl = models.TextField(_("text in Dutch"))
    text_fr = models.TextField(_("text in French"))
    text_en = models.TextField(_("text in English"))
    change_note = models.CharField(_("what changed"), max_length=200, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published on"))

    class Meta:
        ordering = ["-version"]
        verbose_name = _("lending regulation")
        verbose_name_plural = _("lending regulations")
        constraints = [
            models.UniqueConstraint(
                fields=["digibank", "version"], name="unique_regulation_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.digibank_id} v{self.version}"

    def text_in(self, language: str) -> str:
        return {"fr": self.text_fr, "en": self.text_en}.get(language, self.text_nl)


class LoanKind(models.TextChoices):
    LOAN = "loan", _("loan")
    GIFT = "gift", _("gift")


class LoanStatus(models.TextChoices):
    ACTIVE = "active", _("on loan")
    RETURNED = "returned", _("returned")
    OWNED = "owned", _("owned by the resident")
    LOST = "lost", _("lost or stolen")


class LoanCondition(models.TextChoices):
    STARTER_COURSE = "starter_course", _("follow the starter course")
    CHECK_UP = "check_up", _("come back for a check-up of the device")
    FEEDBACK = "feedback", _("tell us how it goes (a short survey)")


class HandOverCheck(models.TextChoices):
    DEVICE_WORKS = "device_works", _("we switched the device on together")
    CHARGER = "charger", _("charger and cables given (or not needed)")
    LOGIN_EXPLAINED = "login_explained", _("logging in explained; the password is theirs")
    SAFETY_BASICS = "safety_basics", _("safety basics explained: updates, passwords, phishing")
    AGREEMENT_SIGNED = "agreement_signed", _("agreement signed by both")


AGREEMENT_LANGUAGES = (Language.DUTCH, Language.FRENCH, Language.ENGLISH)
AGREEMENT_LANGUAGE_CHOICES = [(language.value, language.label) for language in AGREEMENT_LANGUAGES]


class Loan(models.Model):
    """A device handed over to a resident: lent until a due date, or given for good."""

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="loans")
    request = models.OneToOneField(DeviceRequest, on_delete=models.PROTECT, related_name="loan")
    allocation = models.OneToOneField(Allocation, on_delete=models.PROTECT, related_name="loan")
    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="loans")
    # Empty once the person is erased, like `DeviceRequest.person`: only an ended loan.
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="loans"
    )
    erased_person_key = models.UUIDField(null=True, blank=True, editable=False)
    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="loans")
    kind = models.CharField(_("loan or gift"), max_length=5, choices=LoanKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=LoanStatus.choices)
    due_date = models.DateField(_("bring back by"), null=True, blank=True)
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    other_conditions = models.CharField(_("other conditions"), max_length=300, blank=True)
    checklist = models.JSONField(_("hand-over checklist"), default=list)
    regulation = models.ForeignKey(
        LendingRegulation,
        on_delete=models.PROTECT,
        related_name="loans",
        verbose_name=_("lending regulation"),
    )
    agreement_language = models.CharField(
        _("language of the agreement"), max_length=8, choices=AGREEMENT_LANGUAGE_CHOICES
    )
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("handed over by"),
    )
    handed_over_at = models.DateTimeField(_("handed over on"))
    owned_at = models.DateTimeField(_("owned since"), null=True, blank=True)
    owned_note = models.CharField(_("note"), max_length=300, blank=True)
    returned_at = models.DateTimeField(_("returned on"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("received by"),
    )
    return_condition = models.CharField(
        _("condition on return"), max_length=10, choices=Condition.choices, blank=True
    )
    missing_accessories = models.JSONField(_("missing accessories"), default=list, blank=True)
    return_note = models.CharField(_("note on the return"), max_length=300, blank=True)
    lost_at = models.DateTimeField(_("reported lost on"), null=True, blank=True)
    stolen = models.BooleanField(_("stolen"), default=False)
    loss_note = models.CharField(_("what happened"), max_length=300, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The person's figures at the hand-over (`people.snapshot`): the figures count from these,
    # so they stay when the person is erased or their groups change later.
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    age_band = models.CharField(
        _("age band"), max_length=8, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    reach_key = models.UUIDField(null=True, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["-handed_over_at", "-id"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        indexes = [
            models.Index(fields=["digibank", "status", "due_date"], name="loan_bank_status_due"),
            models.Index(fields=["digibank", "-handed_over_at", "-id"], name="loan_bank_newest"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["device"],
                condition=Q(status="active"),
                name="one_active_loan_per_device",
            ),
            models.CheckConstraint(
                condition=~Q(kind="loan") | Q(due_date__isnull=False),
                name="loan_has_a_due_date",
            ),
            models.CheckConstraint(
                condition=~Q(kind="gift") | Q(status="owned"),
                name="gift_is_owned",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(status="active"),
                name="active_loan_has_a_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.device_id} → {self.person_id}"

    def get_conditions_display(self) -> list[str]:
        labels = dict(LoanCondition.choices)
        shown = [str(labels.get(code, code)) for code in self.conditions]
        if self.other_conditions:
            shown.append(self.other_conditions)
        return shown

    def get_missing_accessories_display(self) -> list[str]:
        labels = dict(Accessory.choices)
        return [str(labels.get(code, code)) for code in self.missing_accessories]

    def condition_states(self) -> list[tuple[str, object | None]]:
        """Each listed condition's label and its `LoanConditionMet` row (None while unmet); the
        free-text conditions last, never met by the system (the coordinator checks them)."""
        met = {row.condition: row for row in self.conditions_met.all()}
        labels = dict(LoanCondition.choices)
        states: list[tuple[str, object | None]] = [
            (str(labels.get(code, code)), met.get(code)) for code in self.conditions
        ]
        if self.other_conditions:
            states.append((self.other_conditions, None))
        return states

    @property
    def has_conditions(self) -> bool:
        return bool(self.conditions or self.other_conditions)

    @property
    def resident_name(self) -> str:
        return resident_name(self.person)
