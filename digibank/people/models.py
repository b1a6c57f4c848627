from __future__ import annotations

import datetime
import unicodedata
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.organisations.models import Digibank, Language, Municipality, Partner


class TargetGroup(models.Model):
    """A configurable tag per digibank (65+, job seeker, newcomer, ...) used in monitoring."""

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="target_groups")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=80)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(fields=["digibank", "code"], name="unique_target_group_code")
        ]

    def __str__(self) -> str:
        return self.name


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("by phone or text message")
    EMAIL = "email", _("by email")
    REFERRER = "referrer", _("through their referrer")
    NONE = "none", _("not at all")


class AgeBand(models.TextChoices):
    UNDER_18 = "0-17", _("under 18")
    FROM_18 = "18-24", _("18 to 24")
    FROM_25 = "25-44", _("25 to 44")
    FROM_45 = "45-64", _("45 to 64")
    FROM_65 = "65-79", _("65 to 79")
    FROM_80 = "80+", _("80 or older")
    UNKNOWN = "unknown", _("unknown")


def age_band_for(birth_year: int | None, today: datetime.date | None = None) -> AgeBand:
    if not birth_year:
        return AgeBand.UNKNOWN
    age = (today or timezone.localdate()).year - birth_year
    for limit, band in (
        (18, AgeBand.UNDER_18),
        (25, AgeBand.FROM_18),
        (45, AgeBand.FROM_25),
        (65, AgeBand.FROM_45),
        (80, AgeBand.FROM_65),
    ):
        if age < limit:
            return band
    return AgeBand.FROM_80


def normalise_name_part(value: str) -> str:
    """Lower case, without accents, spaces or punctuation: "Van den Broeck" → "vandenbroeck"."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(
        char for char in decomposed.casefold() if char.isalnum() and not unicodedata.combining(char)
    )


def match_key_for(first_name: str, last_name: str) -> str:
    """The key that finds the same name however it was typed: "élise  Dupont" = "Elise DUPONT"."""
    return f"{normalise_name_part(first_name)} {normalise_name_part(last_name)}"[:170]


def birth_years_for(band: AgeBand, today: datetime.date | None = None) -> Q:
    """A filter on `birth_year` for the people in an age band this year (see `age_band_for`)."""
    if band == AgeBand.UNKNOWN:
        return Q(birth_year__isnull=True)
    year = (today or timezone.localdate()).year
    limits = {
        AgeBand.UNDER_18: (0, 17),
        AgeBand.FROM_18: (18, 24),
        AgeBand.FROM_25: (25, 44),
        AgeBand.FROM_45: (45, 64),
        AgeBand.FROM_65: (65, 79),
        AgeBand.FROM_80: (80, None),
    }
    youngest, oldest = limits[band]
    condition = Q(birth_year__lte=year - youngest)
    if oldest is not None:
        condition &= Q(birth_year__gte=year - oldest)
    return condition


class Person(models.Model):
    """A resident. Minimal data only: never a national register number or a copy of a document."""

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="people")
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    # Normalised "first last" for duplicate detection and name search; see `match_key_for`.
    match_key = models.CharField(max_length=170, blank=True, default="", editable=False)
    contact_method = models.CharField(
        _("how can we reach this person?"),
        max_length=10,
        choices=ContactMethod.choices,
        default=ContactMethod.PHONE,
    )
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.DUTCH
    )
    household_size = models.PositiveSmallIntegerField(_("household size"), null=True, blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="people", verbose_name=_("target groups")
    )
    referrer_partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_people",
        verbose_name=_("referred by partner"),
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    large_print = models.BooleanField(
        _("large print"),
        default=False,
        help_text=_("Letters and documents in large type, for someone who sees poorly."),
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Only what is needed to help. No health, income or ID details."),
    )
    # A random key copied onto each event that reaches the person (a loan, a visit, ...), so
    # the figures count them once even after the erasure (`people.snapshot`). Never shown.
    reach_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        indexes = [
            models.Index(fields=["digibank", "last_name", "first_name"]),
            models.Index(fields=["digibank", "birth_year", "postcode"]),
            models.Index(fields=["digibank", "match_key"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=1900),
                name="person_birth_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.match_key = match_key_for(self.first_name, self.last_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "match_key"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def age_band(self) -> AgeBand:
        return age_band_for(self.birth_year)


class ConsentPurpose(models.TextChoices):
    REGISTRATION = "registration", _("keeping their details to help them")
    CONTACT = "contact", _("contacting them by phone, text or email")
    SHARE_WITH_REFERRER = "share_referrer", _("sharing progress with their referrer")
    PHOTOS = "photos", _("photos at activities")
    SURVEY = "survey", _("taking part in a satisfaction survey")


class Consent(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("what for"), max_length=20, choices=ConsentPurpose.choices)
    given_at = models.DateTimeField(_("given on"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "purpose"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_purpose",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_purpose_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
