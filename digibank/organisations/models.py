from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The invitation tables live in their own module; importing them here registers them.
from digibank.organisations.invitation_models import Invitation as Invitation
from digibank.organisations.invitation_models import InvitationEvent as InvitationEvent
from digibank.organisations.invitation_models import InvitationMail as InvitationMail
from digibank.organisations.invitation_models import InvitationStatus as InvitationStatus


class Region(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name in web addresses"), unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A Belgian municipality with its official REFNIS (NIS) code, loaded from Statbel data."""

    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    name_nl = models.CharField(max_length=100)
    name_fr = models.CharField(max_length=100)
    postcodes = models.JSONField(default=list)

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "nl").startswith("fr") and self.name_fr:
            return self.name_fr
        return self.name_nl


class Digibank(models.Model):
    """A local digibank: the tenant. Everything a digibank owns points here."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="digibanks")
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name in web addresses"), unique=True)
    municipalities = models.ManyToManyField(
        Municipality, related_name="digibanks", blank=True, verbose_name=_("municipalities served")
    )
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    # Off: a partner's referrer refers and records the proof, the coordinator decides. On: a
    # referrer also decides for the people their partner referred (permissions.GRANTS_BY_SETTING).
    referrers_decide_eligibility = models.BooleanField(
        _("referrers decide eligibility of their own referrals"),
        default=False,
        db_default=False,  # rows written by the code of before the column stay valid
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("digibank")
        verbose_name_plural = _("digibanks")

    def __str__(self) -> str:
        return self.name


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    GERMAN = "de", _("German")
    ARABIC = "ar", _("Arabic")
    TURKISH = "tr", _("Turkish")
    BERBER = "ber", _("Berber (Tamazight)")
    POLISH = "pl", _("Polish")
    ROMANIAN = "ro", _("Romanian")
    SPANISH = "es", _("Spanish")
    UKRAINIAN = "uk", _("Ukrainian")
    RUSSIAN = "ru", _("Russian")
    DARI = "prs", _("Dari")
    PASHTO = "ps", _("Pashto")
    TIGRINYA = "ti", _("Tigrinya")
    SOMALI = "so", _("Somali")
    FLEMISH_SIGN_LANGUAGE = "vgt", _("Flemish Sign Language")


class HubService(models.TextChoices):
    DEVICES = "devices", _("devices to borrow or receive")
    LEARNING = "learning", _("courses and learning")
    HELP = "help", _("help with digital services")
    REPAIR = "repair", _("repair of devices")
    INTERNET = "internet", _("free computer and internet use")


class Hub(models.Model):
    """A physical place where residents get help, devices or training (a knooppunt)."""

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="hubs")
    name = models.CharField(_("name"), max_length=120)
    street = models.CharField(_("street and number"), max_length=150)
    postcode = models.CharField(_("postcode"), max_length=4)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="hubs", verbose_name=_("municipality")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    directions = models.TextField(
        _("how to find us"), blank=True, help_text=_("For example: entrance at the back.")
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    quiet_room = models.BooleanField(_("quiet room"), default=False)
    accessibility_notes = models.CharField(
        _("other accessibility notes"), max_length=300, blank=True
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    services = models.JSONField(_("services offered"), default=list, blank=True)
    closed_on_public_holidays = models.BooleanField(_("closed on public holidays"), default=True)
    is_public = models.BooleanField(_("show on the public website"), default=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")
        indexes = [models.Index(fields=["digibank", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_languages_display(self) -> list[str]:
        labels = dict(Language.choices)
        return [str(labels.get(code, code)) for code in self.languages]

    def get_services_display(self) -> list[str]:
        labels = dict(HubService.choices)
        return [str(labels.get(code, code)) for code in self.services]


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningKind(models.TextChoices):
    # "open" is the stored code of the slots a resident books first (the page says "by
    # appointment"); walk-in slots need no appointment. Both may cover the same time.
    OPEN = "open", _("By appointment")
    WALK_IN = "walk_in", _("Walk in")


class OpeningHours(models.Model):
    """A weekly recurring time slot; a weekday may have several (morning and afternoon).

    A slot that closes at or before its opening time runs past midnight (22:00-01:00 closes at
    01:00 the next day); only a slot that opens and closes at the same time means nothing.
    """

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    kind = models.CharField(
        _("kind"), max_length=10, choices=OpeningKind.choices, default=OpeningKind.OPEN
    )

    class Meta:
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(closes=models.F("opens")), name="opening_hours_closes_not_at_opening"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class OpeningException(models.Model):
    """A day that differs from the weekly hours: closed, or open at other times, of a kind as a
    weekly slot is (walk in, or by appointment).

    `kind` means nothing on a closed day. Rows made before it existed read "by appointment" (the
    default), as every exception day did then.
    """

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="opening_exceptions")
    date = models.DateField(_("date"))
    closed = models.BooleanField(_("closed all day"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    # The database keeps the default too, so a process still running the code of before the
    # migration can add an exception while the new code rolls out.
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=OpeningKind.choices,
        default=OpeningKind.OPEN,
        db_default=OpeningKind.OPEN,
    )
    reason = models.CharField(_("reason"), max_length=120, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "date"], name="one_exception_per_hub_day"),
            models.CheckConstraint(
                condition=Q(closed=True) | Q(opens__isnull=False, closes__gt=models.F("opens")),
                name="opening_exception_has_hours_when_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hub} {self.date}"


class PartnerKind(models.TextChoices):
    LOCAL_GOVERNMENT = "local_government", _("local government / social services")
    COMPANY = "company", _("company")
    SCHOOL = "school", _("school")
    SOCIAL_ECONOMY = "social_economy", _("social-economy enterprise")
    TRAINING = "training", _("training partner")
    EMPLOYMENT_SERVICE = "employment_service", _("employment service")
    CIVIL_SOCIETY = "civil_society", _("civil society")
    KNOWLEDGE = "knowledge", _("knowledge institution")


class Partner(models.Model):
    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)
    description = models.TextField(_("role in the digibank"), blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    street = models.CharField(_("street and number"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(fields=["digibank", "name"], name="unique_partner_name")
        ]

    def __str__(self) -> str:
        return self.name


class PartnerContact(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=120)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    HUB_VOLUNTEER = "hub_volunteer", _("hub volunteer")
    TECHNICIAN = "technician", _("technician")
    TRAINER = "trainer", _("trainer")
    REFERRER = "referrer", _("partner referrer")
    ANALYST = "analyst", _("analyst")


class Membership(models.Model):
    """A staff user's role in one digibank. A user may hold several, in several digibanks."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("partner"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["digibank", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "digibank", "role"], name="unique_membership_role"
            ),
            models.CheckConstraint(
                condition=Q(role="referrer", partner__isnull=False) | ~Q(role="referrer"),
                name="referrer_has_partner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.digibank}"


class RegionRole(models.TextChoices):
    ADMIN = "region_admin", _("region admin")
    ANALYST = "region_analyst", _("region analyst")


class RegionMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="region_memberships"
    )
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=RegionRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region", "role"], name="unique_region_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.region}"
