"""Invitations in tests: invite through the service and read the link's key from the mail, as
the invited person would."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail

from digibank.organisations import services
from digibank.organisations.models import Digibank, Invitation, InvitationStatus
from digibank.organisations.permissions import SYSTEM

LINK = re.compile(r"(https?://\S+)/invitations/([\w-]+)/")


def key_in(message: Any) -> str:
    """The key of the invitation link in a mail."""
    found = LINK.search(message.body)
    assert found, "no invitation link in the mail"
    return found.group(2)


def last_key() -> str:
    return key_in(mail.outbox[-1])


def invite(
    digibank: Digibank,
    email: str = "nieuw@example.be",
    roles: tuple[str, ...] = ("trainer",),
    by: Any = SYSTEM,
    **extra: Any,
) -> tuple[Invitation, str]:
    """An invitation through the service, and the key its mail carries."""
    invitation = services.invite_member(
        digibank=digibank, email=email, roles=list(roles), by=by, **extra
    )
    return invitation, last_key()


def pending_with_key(
    digibank: Digibank, email: str = "matrix@example.be"
) -> tuple[Invitation, str]:
    """The pending invitation of `email` (made on first use), sent again for a fresh key."""
    found = Invitation.objects.filter(
        digibank=digibank, email=email, status=InvitationStatus.PENDING
    ).first()
    if found is None:
        return invite(digibank, email)
    services.resend_invitation(invitation=found, by=SYSTEM)
    return found, last_key()
