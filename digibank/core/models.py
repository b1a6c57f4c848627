from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff user. Residents never get an account: they use a reference code."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )

    # Set when the password changes, until the next save: `digibank.core.tokens` revokes the
    # user's API tokens then (a changed or reset password must lock out whoever had the old one).
    password_changed = False

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)  # `post_save` receivers still see `password_changed`
        self.password_changed = False

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self.password_changed = True

    def set_unusable_password(self) -> None:
        super().set_unusable_password()
        self.password_changed = True


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


class TokenRevocation(models.TextChoices):
    """Why a token stopped working before its expiry date."""

    OWNER = "owner", _("revoked by you")
    PASSWORD = "password", _("your password changed")
    DEACTIVATED = "deactivated", _("your account was switched off")
    ROLE = "role", _("you lost a role")


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
    # Chosen when the token is made, at most a year away (`digibank.core.tokens.LIFETIMES`).
    expires_at = models.DateTimeField(_("valid until"))
    # A revoked token is kept (without working) so its owner sees why it stopped.
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(
        max_length=16, choices=TokenRevocation.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "revoked_at"])]

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


class ThrottledAttempt(models.Model):
    """One counted attempt (a wrong API token, an unknown reference code) from one client address,
    kept for an hour (`digibank.core.throttle`). In the database, so every app process counts the
    same attempts on SQLite and PostgreSQL."""

    scope = models.CharField(max_length=32)
    address = models.GenericIPAddressField()
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "address", "at"])]

    def __str__(self) -> str:
        return f"{self.scope} from {self.address} at {self.at:%Y-%m-%d %H:%M}"


class UserSession(models.Model):
    """A log-in of a user in one browser, so the user can see their sessions and end the others
    (`digibank.core.user_sessions`). Keyed by the session key; the session itself stays in
    Django's session table, and ending it deletes it there."""

    session_key = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sessions"
    )
    user_agent = models.CharField(max_length=300, blank=True)
    address = models.GenericIPAddressField(null=True)
    signed_in_at = models.DateTimeField()
    # Written at most once a minute, with the session's own "last seen" (`core.security`).
    last_seen_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-last_seen_at", "-id"]

    def __str__(self) -> str:
        return f"session of {self.user_id} since {self.signed_in_at:%Y-%m-%d %H:%M}"
