"""Donations: a batch of hardware given by one donor, and the history of its status."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digibank.core.states import StateHistory
from digibank.organisations.models import Digibank, Hub, Municipality, Partner


class DonorKind(models.TextChoices):
    COMPANY = "company", _("company")
    ORGANISATION = "organisation", _("other organisation")
    PRIVATE = "private", _("private person")


class DonationStatus(models.TextChoices):
    OFFERED = "offered", _("offered")
    ACCEPTED = "accepted", _("accepted, waiting for the devices")
    RECEIVED = "received", _("received")
    DECLINED = "declined", _("declined")


class Delivery(models.TextChoices):
    PICK_UP = "pick_up", _("we pick the devices up")
    DROP_OFF = "drop_off", _("the donor drops them off")


class Donation(models.Model):
    """A batch of hardware given by one donor."""

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="donations")
    reference = models.CharField(_("reference code"), max_length=12, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DonationStatus.choices, default=DonationStatus.ACCEPTED
    )
    donor_kind = models.CharField(_("donor"), max_length=15, choices=DonorKind.choices)
    donor_partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donations",
        verbose_name=_("partner company"),
    )
    donor_name = models.CharField(_("name of the donor"), max_length=150, blank=True)
    company_number = models.CharField(_("company number"), max_length=20, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("email address"), blank=True)
    contact_phone = models.CharField(_("phone number"), max_length=30, blank=True)
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
    delivery = models.CharField(
        _("pick-up or drop-off"), max_length=10, choices=Delivery.choices, default=Delivery.DROP_OFF
    )
    hub = models.ForeignKey(
        Hub,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="donations",
        verbose_name=_("hub that receives the devices"),
    )
    expected_counts = models.JSONField(_("devices announced per kind"), default=dict, blank=True)
    preferred_date = models.DateField(_("preferred date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    wants_certificate = models.BooleanField(_("wants an erasure certificate"), default=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        indexes = [
            models.Index(fields=["digibank", "status", "-created_at"]),
            models.Index(fields=["digibank", "donor_partner"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(donor_kind="company")
                | Q(donor_partner__isnull=False)
                | ~Q(donor_name=""),
                name="donation_company_is_named",
            ),
            models.CheckConstraint(
                condition=~Q(donor_kind="private") | ~Q(donor_name=""),
                name="donation_private_donor_is_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.donor_display}"

    @property
    def donor_display(self) -> str:
        if self.donor_partner is not None:
            return self.donor_partner.name
        return self.donor_name


class DonationEvent(StateHistory):
    """One change of a donation's status (see `digibank.devices.lifecycle.DONATION_STATES`)."""

    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="events")

    class Meta(StateHistory.Meta):
        indexes = [models.Index(fields=["donation", "at"])]
