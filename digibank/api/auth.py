"""Token authentication for the API: `Authorization: Bearer <token>`, personal tokens of staff.

A token works until its expiry date unless it was revoked (`digibank.core.services`) or its user
was switched off. Wrong tokens are counted per client address (`core.throttle`): past
API_TOKEN_FAILURE_LIMIT an hour, the address is answered 429 with `Retry-After`, even for a right
token, so guessing tokens gets nowhere.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import Throttled
from ninja.security import HttpBearer

from digibank.core.login_limits import client_address
from digibank.core.models import ApiToken, User
from digibank.core.throttle import API_TOKEN_FAILURES

# "Last used" is shown to the token's owner to the minute; writing it on every read would turn each
# API request into a database write (a write lock on SQLite).
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        address = client_address(request)
        wait = API_TOKEN_FAILURES.retry_after(address)
        if wait is not None:
            raise Throttled(wait=wait)
        found = self._working_token(token)
        if found is None:
            API_TOKEN_FAILURES.count_failure(address)
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user

    @staticmethod
    def _working_token(token: str) -> ApiToken | None:
        if not token.startswith("dgb_"):
            return None
        return (
            ApiToken.objects.select_related("user")
            .filter(
                key_hash=ApiToken.hash_key(token),
                user__is_active=True,
                revoked_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .first()
        )
