"""A referral: a hub (from a visit) or a staff member sends someone to a partner of the digibank
(social services, the employment service, a debt counsellor, a training partner) with a reason.

The partner's referrer sees the referrals sent to their partner and moves them through
`help.states.REFERRAL_STATES` (sent → accepted → in progress → done, or declined); the referring
hub sees where each one stands. A referral names a known person, or holds the contact details an
anonymous visitor gave for it; either only with their consent to pass them on (`consent_at`).
Like a visit it keeps the person's target groups, age band and municipality of that day.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digibank.core.states import StateHistory
from digibank.help.models.visits import Visit
from digibank.organisations.models import Digibank, Hub, Municipality, Partner
from digibank.people.models import AgeBand, Person

REASON_MAX = 1000
RESPONSE_MAX = 500


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("sent")
    ACCEPTED = "accepted", _("accepted")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DECLINED = "declined", _("declined")


class Referral(models.Model):
    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="help_referrals")
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="help_referrals",
        verbose_name=_("partner"),
    )
    hub = models.ForeignKey(
        Hub,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_referrals",
        verbose_name=_("referring hub"),
    )
    visit = models.ForeignKey(
        Visit, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals"
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="help_referrals",
        verbose_name=_("person"),
    )
    # An anonymous visitor's contact details, given for this referral only.
    contact_name = models.CharField(_("name"), max_length=120, blank=True)
    contact_phone = models.CharField(_("phone number"), max_length=30, blank=True)
    contact_email = models.EmailField(_("email address"), blank=True)
    consent_at = models.DateTimeField(_("consent to pass on given"), null=True, blank=True)
    reason = models.TextField(_("reason"), max_length=REASON_MAX)
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    response = models.TextField(_("the partner's note"), max_length=RESPONSE_MAX, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
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
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["digibank", "partner", "status"], name="help_referral_partner"),
            models.Index(fields=["digibank", "-created_at"], name="help_referral_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person=None, contact_name="", contact_phone="", contact_email="")
                    | Q(consent_at__isnull=False)
                ),
                name="help_referral_shared_with_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id} #{self.pk}"

    @property
    def who(self) -> str:
        """The person's name, the anonymous visitor's, or empty: they contact the partner
        themselves."""
        if self.person is not None:
            return self.person.full_name
        return self.contact_name

    @property
    def phone(self) -> str:
        return self.person.phone if self.person is not None else self.contact_phone

    @property
    def email(self) -> str:
        return self.person.email if self.person is not None else self.contact_email


class ReferralEvent(StateHistory):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")

    class Meta(StateHistory.Meta):
        indexes = [models.Index(fields=["referral", "at"], name="help_referral_event")]
