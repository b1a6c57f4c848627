"""Token authentication for the API: `Authorization: Bearer <token>`, one token per staff user."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from digibank.core.models import ApiToken, User

# "Last used" is shown to the token's owner to the minute; writing it on every read would turn each
# API request into a database write (a write lock on SQLite).
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token.startswith("dgb_"):
            return None
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user
