"""A deploy check (`manage.py check --deploy`): no account of the demo may exist in production.

`seed_demo` prints one password for all its accounts, and the README publishes it; one such account
left on a real installation is a way in for anyone.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, Tags, register
from django.db import DatabaseError
from django.db.models import Q

from digibank.core.models import User
from digibank.demo.accounts import demo_accounts
from digibank.demo.data import SCALE_SLUG_PREFIX


def demo_users() -> list[str]:
    """The usernames of accounts `seed_demo` made: the demo's own log-ins, and those of the
    synthetic digibanks of `--scale` (named after a digibank slug starting with `scale-`)."""
    names = [account.username for account in demo_accounts()]
    demo = Q(username__in=names) | Q(username__startswith=SCALE_SLUG_PREFIX)
    return list(User.objects.filter(demo).order_by("username").values_list("username", flat=True))


@register(Tags.security, deploy=True)
def no_demo_accounts(**kwargs: Any) -> list[CheckMessage]:
    try:
        found = demo_users()
    except DatabaseError:
        return []  # no tables yet (a database that was never migrated): no account either
    if not found:
        return []
    shown = ", ".join(found[:5]) + (", …" if len(found) > 5 else "")
    return [
        Error(
            f"{len(found)} demo accounts exist ({shown}); their password is published.",
            hint="This installation is no demo (DEMO_MODE is for `make demo` only): delete "
            "these accounts.",
            id="digibank.E001",
        )
    ]
