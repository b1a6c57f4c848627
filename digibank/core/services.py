"""The user's own API tokens: made with an expiry date, revoked by the owner or automatically.

A token acts with every role its user holds, so any change that should take power away from the
user takes it away from their tokens too: a new password (changed or reset), a switched-off
account, a lost role (`organisations.services.remove_member` calls `revoke_api_tokens`). Every
creation and revocation is in the audit trail (without a digibank: tokens belong to the account).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core import audit
from digibank.core.audit import Acting
from digibank.core.models import ApiToken, AuditAction, TokenRevocation, User

# The lifetimes offered when a token is made, in days; a year at most, so a forgotten token
# stops working on its own.
LIFETIMES = {
    30: _("30 days"),
    90: _("90 days"),
    180: _("6 months"),
    365: _("1 year"),
}
DEFAULT_LIFETIME = 90


@transaction.atomic
def create_api_token(*, user: User, name: str, days: int = DEFAULT_LIFETIME) -> str:
    """Make a token valid for `days` days and return its key; only its hash is kept, so it is
    shown once."""
    if days not in LIFETIMES:
        raise ValueError(f"A token lives one of {sorted(LIFETIMES)} days, not {days}.")
    key = ApiToken.generate_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[4:10],
        key_hash=ApiToken.hash_key(key),
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit.record(
        actor=user,
        action=AuditAction.CREATE,
        obj=token,
        digibank=None,
        fields=["name", "expires_at"],
    )
    return key


def _revoke(tokens: list[ApiToken], reason: TokenRevocation, actor: User | Acting | None) -> int:
    moment = timezone.now()
    for token in tokens:
        token.revoked_at = moment
        token.revoked_reason = reason
        token.save(update_fields=["revoked_at", "revoked_reason"])
        audit.record(
            actor=actor,
            action=AuditAction.CHANGE,
            obj=token,
            digibank=None,
            fields=["revoked_at", "revoked_reason"],
            note=f"revoked: {reason.value}",
        )
    return len(tokens)


@transaction.atomic
def revoke_api_token(*, user: User, token_id: int) -> None:
    """The owner stops one of their tokens; another user's token, or one that no longer works,
    is not found."""
    token = (
        ApiToken.objects.select_for_update()
        .filter(user=user, pk=token_id, revoked_at__isnull=True)
        .first()
    )
    if token is None:
        raise Http404
    _revoke([token], TokenRevocation.OWNER, user)


@transaction.atomic
def revoke_api_tokens(*, user: User, reason: TokenRevocation, actor: User | Acting | None) -> int:
    """Stop every working token of the user (the account changed); returns how many. `actor` is
    whoever made the change, for the audit trail: a staff member's access, the user, or None."""
    tokens = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
    return _revoke(tokens, reason, actor)


def revoke_tokens_on_account_change(
    sender: type[User], instance: User, created: bool, update_fields: Any, **kwargs: Any
) -> None:
    """`post_save` of the user: a new password or a switched-off account stops their tokens,
    whichever way it was saved (password change or reset page, a command, the shell)."""
    if created:
        return
    saved = set(update_fields) if update_fields is not None else None
    if instance.password_changed and (saved is None or "password" in saved):
        revoke_api_tokens(user=instance, reason=TokenRevocation.PASSWORD, actor=instance)
    if not instance.is_active and (saved is None or "is_active" in saved):
        revoke_api_tokens(user=instance, reason=TokenRevocation.DEACTIVATED, actor=None)
