"""Demo guides for helpers, made through the real services (texts in `demo_guide_texts.py`).

The region's admin writes the region-wide guides once per region and later changes some (so the
history has versions); the first demo digibank's coordinator adds a local guide. Time is the only
thing set directly: the versions are spread over the past months, and the tax guide was last
checked eight months ago, so it shows as stale.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from django.utils import timezone

from digibank.core.models import User
from digibank.help import services
from digibank.help.demo_guide_texts import GUIDES, LOCAL_GUIDES, DemoGuide
from digibank.help.models import Guide, GuideVersion, HelpTopic
from digibank.organisations.models import Digibank, RegionMembership, RegionRole, Role
from digibank.organisations.permissions import (
    Access,
    RegionAccess,
    SystemActor,
    acting,
    acting_in_region,
)
from digibank.people.models import Person

STALE_CODE = "H06"  # the tax guide: not checked since last year's tax season
STALE_DAYS = 240


def _write(
    text: DemoGuide,
    digibank: Digibank | None,
    region_id: int,
    by: Access | RegionAccess | SystemActor,
    rng: random.Random,
) -> Guide | None:
    topic = HelpTopic.objects.filter(region_id=region_id, code=text.code).first()
    if topic is None:
        return None
    guide = services.write_guide(
        region=topic.region,
        digibank=digibank,
        fields=services.GuideFields(
            topic=topic, title=text.title, body=text.body, handout=text.handout
        ),
        by=by,
    )
    for version in text.later:
        guide = services.change_guide(
            guide=guide,
            fields=services.GuideFields(
                topic=topic,
                title=text.title,
                body=version.body,
                handout=text.handout,
                note=version.note,
            ),
            by=by,
        )
    _spread_over_time(guide, rng)
    return guide


def _spread_over_time(guide: Guide, rng: random.Random) -> None:
    """Move the versions back: the first some months ago, each later one some weeks after."""
    now = timezone.now()
    versions = list(guide.versions.order_by("number"))
    at = now - datetime.timedelta(days=rng.randint(120, 200))
    last = at
    for version in versions:
        GuideVersion.objects.filter(pk=version.pk).update(saved_at=at)
        last = at
        at += datetime.timedelta(days=rng.randint(14, 50), hours=rng.randint(0, 8))
    recently = timezone.localdate(now) - datetime.timedelta(days=rng.randint(3, 60))
    checked = max(timezone.localdate(last), recently)
    if guide.topic.code == STALE_CODE and guide.digibank_id is None:
        checked = timezone.localdate(now) - datetime.timedelta(days=STALE_DAYS)
        last = min(last, now - datetime.timedelta(days=STALE_DAYS))
        GuideVersion.objects.filter(guide=guide).update(saved_at=last)
    Guide.objects.filter(pk=guide.pk).update(
        updated_at=last, checked_on=min(checked, timezone.localdate(now))
    )


def _region_admin(region_id: int) -> User | None:
    membership = (
        RegionMembership.objects.filter(region_id=region_id, role=RegionRole.ADMIN)
        .select_related("user", "region")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def build_demo(
    *, digibank: Digibank, rng: random.Random, users: dict[str, User], people: Sequence[Person]
) -> None:
    """The region's guides the first time any digibank of the region is built; then the local
    guides of the first digibank of the region."""
    region = digibank.region
    if not Guide.objects.filter(region=region, digibank=None).exists():
        admin = _region_admin(region.pk)
        by = acting_in_region(admin, region) if admin else SystemActor("demo")
        for text in GUIDES:
            _write(text, None, region.pk, by, rng)
    first = Digibank.objects.filter(region=region).order_by("pk").values_list("pk", flat=True)
    coordinator = users.get(Role.COORDINATOR)
    if coordinator is None or digibank.pk != first.first():
        return
    if not Guide.objects.filter(digibank=digibank).exists():
        for text in LOCAL_GUIDES:
            _write(text, digibank, region.pk, acting(coordinator, digibank), rng)
