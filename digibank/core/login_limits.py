"""Log-in limits on top of django-axes: at most LOGIN_FAILURE_LIMIT wrong attempts per account and
LOGIN_ADDRESS_FAILURE_LIMIT per client address within LOGIN_LOCKOUT_MINUTES.

The attempts are rows of axes' `AccessAttempt` table, so every app process (gunicorn workers, on
SQLite or PostgreSQL) sees the same counts; nothing is kept in a process's memory. Axes compares
one number with one limit, so `LoginLimitHandler.get_failures` scales the address's count onto the
account's limit: the request is refused as soon as either limit is reached.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def _threshold(request: HttpRequest | None = None) -> datetime:
    moment = getattr(request, "axes_attempt_time", None) or timezone.now()
    cool_off: Any = settings.AXES_COOLOFF_TIME
    return moment - cool_off


def _recent_attempts(
    request: HttpRequest, credentials: dict[str, Any] | None
) -> tuple[QuerySet[AccessAttempt], QuerySet[AccessAttempt]]:
    """The attempts that still count: those of the account, and those of the client address."""
    recent = AccessAttempt.objects.filter(attempt_time__gte=_threshold(request))
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None)
    by_account = recent.filter(username=username) if username else recent.none()
    by_address = recent.filter(ip_address=address) if address else recent.none()
    return by_account, by_address


def _total(attempts: QuerySet[AccessAttempt]) -> int:
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


class LoginLimitHandler(AxesDatabaseHandler):
    """Axes' database handler with a separate, higher limit per client address."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        by_account, by_address = _recent_attempts(request, credentials)
        account_limit = int(settings.AXES_FAILURE_LIMIT)
        address_limit = int(settings.LOGIN_ADDRESS_FAILURE_LIMIT)
        # floor(n * a / b) >= a exactly when n >= b: the address's count reaches the account
        # limit when, and only when, it reaches its own.
        return max(_total(by_account), _total(by_address) * account_limit // address_limit)


class LoginLimitBackend(AxesStandaloneBackend):
    """Axes' check before the password is tried. Every web log-in passes its request; a call
    without one (the test client's `login`, a shell) is not an attacker's and is not counted."""

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        super().authenticate(request, *args, **kwargs)
        return None


def locked_until(request: HttpRequest, credentials: dict[str, Any] | None) -> datetime:
    """When the attempts that block this log-in stop counting."""
    by_account, by_address = _recent_attempts(request, credentials)
    latest = [
        moment
        for moment in (
            by_account.aggregate(latest=Max("attempt_time"))["latest"],
            by_address.aggregate(latest=Max("attempt_time"))["latest"],
        )
        if moment is not None
    ]
    cool_off: Any = settings.AXES_COOLOFF_TIME
    return (max(latest) if latest else timezone.now()) + cool_off


def wait_message(until: datetime) -> str:
    moment = timezone.localtime(until)
    return _(
        "You tried to log in too many times with a wrong username or password. For your "
        "safety, you can try again from %(time)s. Is it urgent? Ask your coordinator to "
        "unlock your account."
    ) % {"time": date_format(moment, "H:i")}


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any]
) -> HttpResponse:
    """The log-in page as the view drew it (its form already says when to try again), with the
    status that tells scripts to slow down."""
    if original_response is None:
        return HttpResponse(wait_message(locked_until(request, credentials)), status=429)
    original_response.status_code = 429
    return original_response


def locked_usernames(usernames: Iterable[str]) -> set[str]:
    """Which of these accounts cannot log in now because of their own failed attempts."""
    totals = (
        AccessAttempt.objects.filter(username__in=list(usernames), attempt_time__gte=_threshold())
        .values("username")
        .annotate(total=Sum("failures_since_start"))
    )
    limit = int(settings.AXES_FAILURE_LIMIT)
    return {row["username"] for row in totals if row["total"] >= limit}


def unlock(username: str) -> int:
    """Forget the account's failed attempts; returns how many attempt rows went."""
    count, _ = AccessAttempt.objects.filter(username=username).delete()
    return int(count)


def client_address(request: HttpRequest) -> str | None:
    """The client's address. Behind our own proxy (BEHIND_PROXY) REMOTE_ADDR is the proxy's, so
    the last X-Forwarded-For entry counts: the one our proxy added, which a client cannot forge."""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None
