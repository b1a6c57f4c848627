"""Password reset by e-mail through Django's own views, with two protections of ours:

- the link in the mail is built from SITE_URL, never from the request's Host header, so a forged
  Host cannot send a reset link that points to an attacker's site;
- at most PASSWORD_RESET_EMAIL_LIMIT mails per e-mail address and PASSWORD_RESET_ADDRESS_LIMIT
  per client address an hour, counted in the database (shared by every app process).

The page answers the same whether or not an account has the address, and whether or not a limit
was reached, so it tells nobody which addresses have an account.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from digibank.core.forms import AccessibleFormMixin
from digibank.core.login_limits import client_address
from digibank.core.models import PasswordResetRequest

WINDOW = timedelta(hours=1)


def _digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


@transaction.atomic
def allow_reset_mail(email: str, address: str | None) -> bool:
    """Count this request; whether a mail may still go out for it."""
    since = timezone.now() - WINDOW
    PasswordResetRequest.objects.filter(at__lt=since).delete()
    digest = _digest(email)
    by_email = PasswordResetRequest.objects.filter(email_digest=digest).count()
    by_address = PasswordResetRequest.objects.filter(address=address).count() if address else 0
    PasswordResetRequest.objects.create(email_digest=digest, address=address)
    return (
        by_email < settings.PASSWORD_RESET_EMAIL_LIMIT
        and by_address < settings.PASSWORD_RESET_ADDRESS_LIMIT
    )


class SiteUrlPasswordResetForm(AccessibleFormMixin, PasswordResetForm):
    """Django's reset form, mailing links on SITE_URL and only within the limits."""

    def save(self, *args: Any, **kwargs: Any) -> None:
        request: HttpRequest | None = kwargs.get("request")
        address = client_address(request) if request is not None else None
        if not allow_reset_mail(self.cleaned_data["email"], address):
            return
        site = urlsplit(settings.SITE_URL)
        kwargs["domain_override"] = site.netloc
        kwargs["use_https"] = site.scheme == "https"
        super().save(*args, **kwargs)


class AccessiblePasswordSetForm(AccessibleFormMixin, SetPasswordForm):
    """Django's form for the new password, drawn like our other forms."""
