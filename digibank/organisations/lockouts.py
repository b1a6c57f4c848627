"""Each lock-out by the log-in limits goes into the audit trail: in that of every digibank the
account works for, so its coordinator sees it, or without a digibank for any other account."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.http import HttpRequest

from digibank.core import audit
from digibank.core.models import AuditAction, User
from digibank.organisations.models import Digibank


def record_lockout(
    sender: Any, request: HttpRequest | None = None, username: str | None = None, **kwargs: Any
) -> None:
    # Axes also sends the signal for each refused attempt while the lock lasts; only the failure
    # that caused the lock-out has counted its failures (`axes_failures_since_start`).
    if request is None or getattr(request, "axes_failures_since_start", None) is None:
        return
    user = User.objects.filter(username=username).first() if username else None
    if user is None:
        return  # no account: the limit protects the address, and nobody's trail is concerned
    digibanks: list[Digibank | None] = list(
        Digibank.objects.filter(memberships__user=user).distinct()
    ) or [None]
    for digibank in digibanks:
        audit.record(actor=None, action=AuditAction.LOCK, obj=user, digibank=digibank)


def connect() -> None:
    user_locked_out.connect(record_lockout, dispatch_uid="digibank_record_lockout")
