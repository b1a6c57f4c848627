"""Two middlewares of issue 9: private answers are never cached, and a log-in does not last
(its activity is also marked on the user's session list, `digibank.core.user_sessions`).

Both keep their state in the request and the session only (no per-process memory), so any number
of app processes on SQLite or PostgreSQL give the same answers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from digibank.core import user_sessions
from digibank.core.models import User

# The session keys: when the user logged in, and when they were last seen (both Unix seconds).
STARTED_AT = "digibank_started_at"
SEEN_AT = "digibank_seen_at"
# Writing the session on every request would cost a database write per page; marking activity
# once a minute keeps the idle limit within a minute of exact for a fraction of the writes.
SEEN_REFRESH_SECONDS = 60


def now() -> int:
    """The clock, in whole seconds; the tests move it to travel in time."""
    return int(time.time())


def _is_public(request: HttpRequest) -> bool:
    """A page anyone may see, asked for without a log-in: the only answer a cache may keep.

    The permission decorators mark each view (`public_view`, `staff_view`, ...); a view without a
    mark (the API, a URL that does not exist) counts as private.
    """
    match = request.resolver_match
    kind = getattr(match.func, "permission_kind", None) if match else None
    user = getattr(request, "user", None)
    return kind == "public" and not (user is not None and user.is_authenticated)


def start_session_clock(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    """On log-in (`user_logged_in`): the session remembers when, saved with the log-in itself."""
    if request is not None and hasattr(request, "session"):
        moment = now()
        request.session[STARTED_AT] = moment
        request.session[SEEN_AT] = moment


class NoStoreForPrivateAnswers:
    """`Cache-Control: no-store, private` on every staff page, PDF, export and API answer, so no
    shared cache or browser history keeps personal data after the user has gone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not _is_public(request):
            response["Cache-Control"] = "no-store, private"
        return response


class SessionLimits:
    """Ends a log-in after SESSION_COOKIE_AGE seconds without a request (idle) and after
    SESSION_MAX_AGE seconds in all, whatever the activity; the request then goes on as anonymous,
    so a staff page sends the user to the log-in page.

    The session's own expiry (SESSION_COOKIE_AGE from its last save) removes the row of an idle
    session too; the check here makes the limit exact and adds the total one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        session = request.session
        moment = now()
        started = session.get(STARTED_AT)
        seen = session.get(SEEN_AT)
        if not isinstance(started, int) or not isinstance(seen, int):
            # A session from before these limits: its clock starts now.
            session[STARTED_AT] = moment
            session[SEEN_AT] = moment
            self._mark_active(request, moment)
            return
        if moment - started > settings.SESSION_MAX_AGE or moment - seen > (
            settings.SESSION_COOKIE_AGE
        ):
            logout(request)
            return
        if moment - seen >= SEEN_REFRESH_SECONDS:
            session[SEEN_AT] = moment
            self._mark_active(request, moment)

    @staticmethod
    def _mark_active(request: HttpRequest, moment: int) -> None:
        """The session list's "last active" moves with the session's own mark, once a minute."""
        if isinstance(request.user, User):
            user_sessions.record(request, request.user, datetime.fromtimestamp(moment, tz=UTC))
