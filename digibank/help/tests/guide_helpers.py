"""Guides for tests, written through the services as a coordinator or region admin would."""

from __future__ import annotations

import datetime
from typing import Any

from digibank.help import services
from digibank.help.models import Guide, HelpTopic
from digibank.organisations.permissions import acting_in_region
from digibank.testing import Bank, World, act

ITSME = "H01"


def region_topic(world: World, code: str = ITSME) -> HelpTopic:
    return HelpTopic.objects.get(region=world.region, digibank=None, code=code)


def fields(topic: HelpTopic, **given: Any) -> services.GuideFields:
    values: dict[str, Any] = {
        "topic": topic,
        "title": "itsme op een nieuwe telefoon",
        "body": "1. Vraag of de oude telefoon er nog is.\n2. Open de itsme-app.",
        "handout": "U zet itsme over naar uw nieuwe telefoon.",
        "language": "nl",
        "note": "",
    }
    values.update(given)
    return services.GuideFields(**values)


def local_guide(bank: Bank, world: World, **given: Any) -> Guide:
    return services.write_guide(
        region=world.region,
        digibank=bank.digibank,
        fields=fields(
            given.pop("topic", None) or region_topic(world, given.pop("code", ITSME)), **given
        ),
        by=act(bank.users["coordinator"], bank.digibank),
    )


def region_guide(world: World, **given: Any) -> Guide:
    admin = acting_in_region(world.region_users["region_admin"], world.region)
    return services.write_guide(
        region=world.region,
        digibank=None,
        fields=fields(
            given.pop("topic", None) or region_topic(world, given.pop("code", ITSME)), **given
        ),
        by=admin,
    )


def checked_long_ago(guide: Guide, days: int = 400) -> Guide:
    """Pretend nobody confirmed the guide for `days` (only time is set directly)."""
    Guide.objects.filter(pk=guide.pk).update(
        checked_on=datetime.date.today() - datetime.timedelta(days=days)
    )
    guide.refresh_from_db()
    return guide
