"""The help topics: the region admin keeps the region's list (started from the shipped file), a
coordinator adds the digibank's local topics. Nobody else changes them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.help.models import HelpTopic
from digibank.organisations.models import Digibank, Region
from digibank.organisations.permissions import (
    Actor,
    Perm,
    RegionAccess,
    SystemActor,
    require,
    require_region,
)

RegionActor = RegionAccess | SystemActor
QUESTIONS_AT_MOST = 20


@dataclass(frozen=True)
class TopicFields:
    """What a region admin or coordinator writes about a topic; the code is given by the app."""

    name_nl: str
    name_fr: str
    name_en: str = ""
    official_service: str = ""
    referral: str = ""
    description: str = ""
    typical_questions: list[str] = field(default_factory=list)
    active: bool = True

    def cleaned(self) -> dict[str, object]:
        values = asdict(self)
        for name in ("name_nl", "name_fr", "name_en", "official_service", "referral"):
            values[name] = str(values[name]).strip()
        questions = [question.strip() for question in self.typical_questions if question.strip()]
        if len(questions) > QUESTIONS_AT_MOST:
            raise DomainError(
                _("Give at most %(most)d questions.") % {"most": QUESTIONS_AT_MOST},
                field="typical_questions",
            )
        values["typical_questions"] = questions
        if not values["name_nl"]:
            raise DomainError(_("Enter the name in Dutch."), field="name_nl")
        if not values["name_fr"]:
            raise DomainError(_("Enter the name in French."), field="name_fr")
        return values


def _next_code(region: Region, prefix: str) -> str:
    taken = set(HelpTopic.objects.filter(region=region).values_list("code", flat=True))
    number = 1
    while f"{prefix}{number:02d}" in taken:
        number += 1
    return f"{prefix}{number:02d}"


def _last_position(region: Region) -> int:
    last = HelpTopic.objects.filter(region=region).order_by("-position").first()
    return (last.position if last else 0) + 1


@transaction.atomic
def add_region_topic(*, region: Region, fields: TopicFields, by: RegionActor) -> HelpTopic:
    require_region(by, region)
    Region.objects.select_for_update().get(pk=region.pk)  # one new code at a time
    topic = HelpTopic.objects.create(
        region=region,
        code=_next_code(region, "R"),
        position=_last_position(region),
        **fields.cleaned(),
    )
    audit.record(actor=by, action=AuditAction.CREATE, obj=topic, digibank=None, fields=["name"])
    return topic


@transaction.atomic
def add_local_topic(*, digibank: Digibank, fields: TopicFields, by: Actor) -> HelpTopic:
    require(by, digibank, Perm.MANAGE_SETTINGS)
    region = digibank.region
    Region.objects.select_for_update().get(pk=region.pk)
    topic = HelpTopic.objects.create(
        region=region,
        digibank=digibank,
        code=_next_code(region, f"L{digibank.pk}-"),
        position=_last_position(region),
        **fields.cleaned(),
    )
    audit.record(actor=by, action=AuditAction.CREATE, obj=topic, digibank=digibank, fields=["name"])
    return topic


@transaction.atomic
def change_topic(*, topic: HelpTopic, fields: TopicFields, by: Actor | RegionActor) -> HelpTopic:
    """A region topic by the region's admin, a local topic by its digibank's coordinator."""
    if topic.digibank is None:
        if not isinstance(by, RegionAccess | SystemActor):
            raise PermissionDenied
        require_region(by, topic.region)
    else:
        if isinstance(by, RegionAccess):
            raise PermissionDenied
        require(by, topic.digibank, Perm.MANAGE_SETTINGS)
    values = fields.cleaned()
    changed = [name for name, value in values.items() if getattr(topic, name) != value]
    for name, value in values.items():
        setattr(topic, name, value)
    topic.save(update_fields=list(values))
    audit.record(
        actor=by, action=AuditAction.CHANGE, obj=topic, digibank=topic.digibank, fields=changed
    )
    return topic
