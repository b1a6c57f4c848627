"""The invitation mail: which digibank, which roles, and the link, always on SITE_URL.

The link is built from the configured site address and never from the request's Host header, so
a forged Host cannot make a coordinator's invitation point to another site. The mail is the same
whether or not an account has the address: the link's page tells the person what to do.
"""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.organisations.invitation_models import Invitation
from digibank.organisations.models import Role


def invitation_link(key: str) -> str:
    return settings.SITE_URL + reverse("organisations:invitation", kwargs={"key": key})


def role_labels(roles: list[str]) -> list[str]:
    return [str(Role(role).label) for role in roles if role in Role.values]


def send_invitation_mail(invitation: Invitation, key: str) -> None:
    """Send the mail now; a refused or unreachable mail server becomes a `DomainError`, so the
    service's transaction leaves no invitation that was never sent."""
    context = {
        "digibank": invitation.digibank.name,
        "roles": role_labels(invitation.roles),
        "link": invitation_link(key),
        "expires_at": invitation.expires_at,
    }
    subject = render_to_string("organisations/mail/invitation_subject.txt", context)
    body = render_to_string("organisations/mail/invitation_body.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, None, [invitation.email])
    except (smtplib.SMTPException, OSError):
        raise DomainError(
            _("The e-mail could not be sent. Try again in a few minutes."), field="email"
        ) from None
