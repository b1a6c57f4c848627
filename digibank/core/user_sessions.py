"""The user's active sessions: where they are logged in, so they can end the others.

One `UserSession` row per log-in, keyed by Django's session key: made on log-in, its "last active"
moved by `security.SessionLimits` when it marks the session's activity (at most once a minute),
deleted on log-out and when the session limits end the log-in. Ending a session deletes it from
Django's session store (the database: SESSION_ENGINE's default, shared by every app process):
the other browser's next request finds no session and is anonymous. Rows of sessions that ended
without a request (the browser closed, the idle limit passed) are left out of the list and
deleted on the next log-in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core.login_limits import client_address
from digibank.core.models import User, UserSession
from digibank.core.throttle import ip_or_none


def _store(session_key: str) -> SessionBase:
    engine: Any = import_module(settings.SESSION_ENGINE)
    store: SessionBase = engine.SessionStore(session_key=session_key)
    return store


def _stale() -> Q:
    """Rows of sessions the session limits have ended, whether or not a request came since."""
    now = timezone.now()
    return Q(last_seen_at__lt=now - timedelta(seconds=settings.SESSION_COOKIE_AGE)) | Q(
        signed_in_at__lt=now - timedelta(seconds=settings.SESSION_MAX_AGE)
    )


def record(request: HttpRequest, user: User, moment: datetime) -> None:
    """The request's session is this user's, active at `moment`: make or move its row."""
    key = request.session.session_key
    if not key:
        return
    updated = UserSession.objects.filter(session_key=key, user=user).update(last_seen_at=moment)
    if not updated:
        UserSession.objects.update_or_create(
            session_key=key,
            defaults={
                "user": user,
                "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
                "address": ip_or_none(client_address(request)),
                "signed_in_at": moment,
                "last_seen_at": moment,
            },
        )


def on_log_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """`user_logged_in`: a new row for the new session, and old rows of ended sessions go."""
    if request is None or not hasattr(request, "session"):
        return
    UserSession.objects.filter(_stale()).delete()
    record(request, user, timezone.now())


def on_log_out(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    """`user_logged_out` (the log-out page, or the session limits): the row goes too."""
    key = request.session.session_key if request is not None else None
    if key:
        UserSession.objects.filter(session_key=key).delete()


def forget_on_account_change(
    sender: type[User], instance: User, created: bool, update_fields: Any, **kwargs: Any
) -> None:
    """`post_save` of the user: after a new password Django ends the other sessions on their next
    request (their password hash no longer matches), and a switched-off account has none; their
    rows go now, so the list does not show them meanwhile. The current browser's session gets a
    new row when the account page shows it."""
    if created:
        return
    saved = set(update_fields) if update_fields is not None else None
    password = instance.password_changed and (saved is None or "password" in saved)
    switched_off = not instance.is_active and (saved is None or "is_active" in saved)
    if password or switched_off:
        UserSession.objects.filter(user=instance).delete()


def active_sessions(request: HttpRequest, user: User) -> list[UserSession]:
    """The user's sessions that still work, the most recently active first; the current one is
    recorded first if it has no row yet (a session from before this table, or a new key after a
    password change). Rows whose session is gone from the store are deleted."""
    if not _has_row(request):
        record(request, user, timezone.now())
    rows = list(UserSession.objects.filter(user=user).exclude(_stale()))
    living = set(
        Session.objects.filter(
            session_key__in=[row.session_key for row in rows], expire_date__gt=timezone.now()
        ).values_list("session_key", flat=True)
    )
    gone = [row.pk for row in rows if row.session_key not in living]
    if gone:
        UserSession.objects.filter(pk__in=gone).delete()
    return [row for row in rows if row.session_key in living]


def _has_row(request: HttpRequest) -> bool:
    key = request.session.session_key
    return bool(key) and UserSession.objects.filter(session_key=key).exists()


def _end(rows: Iterable[UserSession]) -> int:
    ended = 0
    for row in rows:
        _store(row.session_key).delete()
        row.delete()
        ended += 1
    return ended


@transaction.atomic
def end_session(*, user: User, session_id: int, current_key: str | None) -> None:
    """End one of the user's other sessions. Their current one ends by logging out; another
    user's session, or one already ended, is not found."""
    rows: QuerySet[UserSession] = UserSession.objects.filter(user=user, pk=session_id)
    if current_key:
        rows = rows.exclude(session_key=current_key)
    if not _end(rows.select_for_update()):
        raise Http404


@transaction.atomic
def end_other_sessions(*, user: User, current_key: str | None) -> int:
    """End every session of the user but the current one; returns how many ended."""
    rows = UserSession.objects.select_for_update().filter(user=user)
    if current_key:
        rows = rows.exclude(session_key=current_key)
    return _end(rows)


# Browser and system names in the order they must be tried: Edge and Opera say "Chrome" too, and
# Chrome says "Safari"; Android says "Linux".
_BROWSERS = (
    ("Edg", "Edge"),
    ("HeadlessChrome", "Chrome"),
    ("OPR", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("Firefox", "Firefox"),
    ("FxiOS", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chrome", "Chrome"),
    ("Chromium", "Chromium"),
    ("Safari", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)


def describe_device(user_agent: str) -> str:
    """The browser and system in plain words ("Firefox on Windows"), from the User-Agent header.

    Only the names people recognise; an unknown or empty header says so rather than showing the
    raw text, which means nothing to most users.
    """
    browser = next(
        (name for token, name in _BROWSERS if re.search(rf"\b{token}\b", user_agent)), ""
    )
    system = next((name for token, name in _SYSTEMS if token in user_agent), "")
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    if browser or system:
        return browser or system
    return _("Unknown browser")
