from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff user. Residents never get an account: they use a reference code."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    CHANGE = "change", _("changed")
    DELETE = "delete", _("deleted")
    VIEW = "view", _("viewed")
    MERGE = "merge", _("merged")
    EXPORT = "export", _("exported")
    LOCK = "lock", _("locked out after failed log-ins")
    UNLOCK = "unlock", _("unlocked")
    SECOND_FACTOR_SET = "2fa_set", _("set up two-step log-in")
    SECOND_FACTOR_RESET = "2fa_reset", _("reset two-step log-in")


class AuditEntry(models.Model):
    """Who did what to which object, and when; never the personal values themselves."""

    digibank = models.ForeignKey(
        "organisations.Digibank", on_delete=models.CASCADE, related_name="audit_entries", null=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # A task, command or the demo data acted, not a person (see `permissions.SystemActor`).
    system = models.BooleanField(default=False)
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    fields = models.JSONField(default=list, blank=True)
    note = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["digibank", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.action} {self.object_type}#{self.object_id}"


class ApiToken(models.Model):
    """A personal API token. Only a hash is stored; the token is shown once when made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def generate_key() -> str:
        return "dgb_" + secrets.token_urlsafe(32)


class PasswordResetRequest(models.Model):
    """One request for a password-reset mail, kept an hour to limit how many mails an address or
    a client can ask for (`digibank.core.password_reset`). In the database, so every app process
    counts the same requests. The e-mail address is kept only as a digest."""

    email_digest = models.CharField(max_length=64, db_index=True)
    address = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"password reset request at {self.at:%Y-%m-%d %H:%M}"
