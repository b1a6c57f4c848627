"""Invitations to work in a digibank: the only way a staff page gives someone a role.

A coordinator (or, for a new digibank's first coordinator, an admin of its region) invites an
e-mail address for one or more roles. Nothing is granted until the person opens the link in the
mail and accepts, logged in as the account with that address or with a new account they make
themselves; only then do `Membership` rows exist. So a pending invitation grants nothing by
construction: every permission check reads memberships, never invitations.

The link's key is random and only its SHA-256 digest is stored (like an API token), so the
database alone cannot be used to accept an invitation. Foreign keys name their models by string:
`models.py` imports this module, not the other way round.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.states import StateHistory


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("invited, not yet accepted")
    ACCEPTED = "accepted", _("accepted")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Invitation(models.Model):
    """An invitation of one e-mail address to one digibank, for one or more roles."""

    digibank = models.ForeignKey(
        "organisations.Digibank", on_delete=models.CASCADE, related_name="invitations"
    )
    # Kept in lower case: addresses are compared without regard to case, as accounts are.
    email = models.EmailField(_("email address"))
    roles = models.JSONField(_("roles"), default=list)
    partner = models.ForeignKey(
        "organisations.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("partner"),
    )
    key_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            # One open invitation per address and digibank: a second one is a re-send.
            models.UniqueConstraint(
                fields=["digibank", "email"],
                condition=Q(status="pending"),
                name="one_pending_invitation_per_address",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.digibank_id}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def generate_key() -> str:
        return secrets.token_urlsafe(32)


class InvitationEvent(StateHistory):
    """One move of an invitation: accepted or withdrawn, by whom and when."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="events")


class InvitationMail(models.Model):
    """One invitation mail sent (the first one or a re-send), kept to limit how many mails one
    person can have sent in an hour (`INVITATION_HOURLY_LIMIT`). In the database, so every app
    process counts the same mails."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="mails")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["sent_by", "at"])]

    def __str__(self) -> str:
        return f"invitation mail at {self.at:%Y-%m-%d %H:%M}"
