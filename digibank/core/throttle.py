"""Limits on failed attempts per client address: wrong API tokens, unknown reference codes.

Each counted attempt is a row of `ThrottledAttempt`, kept for WINDOW, in the database that every
app process shares (gunicorn workers on SQLite or PostgreSQL): no process keeps counts in its
memory. The window slides: an address is refused while it has `limit` attempts younger than
WINDOW, and the answer's `Retry-After` says when the oldest of them stops counting.

django-ratelimit was considered: on the only shared store we have (Django's database cache) its
counter is a read then a write, so processes answering at once lose counts, its windows are fixed
buckets whose end it does not tell (`Retry-After` would need its private helper), and the cache
table would need a `createcachetable` step outside the migrations in every deployment.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from digibank.core.models import ThrottledAttempt

WINDOW = timedelta(hours=1)


def ip_or_none(address: str | None) -> str | None:
    """The address if it is one: PostgreSQL's `inet` column refuses anything else, and a
    misconfigured proxy header must not turn a request into a server error."""
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Throttle:
    """One kind of attempt, limited to the number in the setting `limit_setting` per WINDOW."""

    scope: str
    limit_setting: str

    @property
    def limit(self) -> int:
        return int(getattr(settings, self.limit_setting))

    def retry_after(self, address: str | None) -> int | None:
        """Seconds this address must wait before its next attempt counts, or None if it may try
        now. An unknown address (no REMOTE_ADDR: never over HTTP) is not limited."""
        address = ip_or_none(address)
        if not address:
            return None
        now = timezone.now()
        recent = ThrottledAttempt.objects.filter(
            scope=self.scope, address=address, at__gt=now - WINDOW
        )
        # Only the newest `limit` attempts matter: the oldest of those decides the wait.
        newest = list(recent.order_by("-at").values_list("at", flat=True)[: self.limit])
        if len(newest) < self.limit:
            return None
        return max(1, math.ceil((newest[-1] + WINDOW - now).total_seconds()))

    @transaction.atomic
    def count_failure(self, address: str | None) -> None:
        """Count one failed attempt, and forget this scope's attempts older than WINDOW."""
        address = ip_or_none(address)
        if not address:
            return
        now = timezone.now()
        ThrottledAttempt.objects.filter(scope=self.scope, at__lte=now - WINDOW).delete()
        ThrottledAttempt.objects.create(scope=self.scope, address=address, at=now)


API_TOKEN_FAILURES = Throttle("api_token", "API_TOKEN_FAILURE_LIMIT")
REFERENCE_LOOKUPS = Throttle("reference_lookup", "REFERENCE_LOOKUP_FAILURE_LIMIT")


def too_many_codes(wait: int) -> str:
    """What a public reference-code page says once REFERENCE_LOOKUPS refuses the address: from
    when it may try again. One text for every page that looks codes up (device requests, skills
    checks), because one limit counts the unknown codes of them all."""
    until = timezone.localtime(timezone.now() + timedelta(seconds=wait))
    return _(
        "You entered too many codes that we could not find. For your safety, you can "
        "try again from %(time)s. Or contact the digibank."
    ) % {"time": date_format(until, "H:i")}
