"""What a region admin manages: local competences, and the versions of the region's skills check.

A published version never changes (checks taken with it keep meaning what they meant). To change
statements, a region admin starts a draft (a copy of the current version), edits, adds or removes
statements in it, and publishes it; from then on residents take the new version.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.fields import max_length
from digibank.core.models import AuditAction
from digibank.organisations.models import Region
from digibank.organisations.permissions import RegionAccess, SystemActor, require_region
from digibank.skills.models import Area, CheckVersion, Competence, KnowledgeItem, Statement
from digibank.skills.models.checks import CHECK_LEVELS

RegionActor = RegionAccess | SystemActor
TEXT_FIELDS = ("text_nl", "text_fr", "text_en")
NAME_FIELDS = ("name_nl", "name_fr", "name_en")


def _texts(values: dict[str, str], fields: tuple[str, ...], model: type[Model], label: str) -> dict:
    cleaned = {}
    for name in fields:
        text = " ".join(str(values.get(name) or "").split())
        if not text:
            raise DomainError(
                _("Write the %(what)s in every language.") % {"what": label}, field=name
            )
        limit = max_length(model, name)
        if len(text) > limit:
            raise DomainError(_("Use at most %(limit)d characters.") % {"limit": limit}, field=name)
        cleaned[name] = text
    return cleaned


@transaction.atomic
def add_local_competence(
    *, region: Region, area: Area, by: RegionActor, **names: str
) -> Competence:
    """A competence the region teaches that DigComp does not name; coded "<area>.L<n>"."""
    require_region(by, region)
    cleaned = _texts(names, NAME_FIELDS, Competence, _("name"))
    Region.objects.select_for_update().get(pk=region.pk)
    taken = Competence.objects.filter(region=region, area=area).count()
    competence = Competence.objects.create(
        area=area,
        region=region,
        code=f"{area.code}.L{taken + 1}",
        position=100 + taken,
        **cleaned,
    )
    audit.record(
        actor=by, action=AuditAction.CREATE, obj=competence, digibank=None, fields=list(cleaned)
    )
    return competence


def _check_draft(version: CheckVersion) -> None:
    if not version.is_draft:
        raise DomainError(_("A published version cannot change. Start a new version first."))


@transaction.atomic
def start_draft_version(*, region: Region, by: RegionActor) -> CheckVersion:
    """A draft copy of the region's latest version (or the draft that is already open)."""
    require_region(by, region)
    Region.objects.select_for_update().get(pk=region.pk)
    latest = CheckVersion.objects.filter(region=region).order_by("-number").first()
    if latest is None:
        raise DomainError(_("This region has no skills check yet."))
    if latest.is_draft:
        return latest
    draft = CheckVersion.objects.create(region=region, number=latest.number + 1, created_by=by.user)
    Statement.objects.bulk_create(
        Statement(
            version=draft,
            key=s.key,
            area_id=s.area_id,
            competence_id=s.competence_id,
            level=s.level,
            text_nl=s.text_nl,
            text_fr=s.text_fr,
            text_en=s.text_en,
            position=s.position,
        )
        for s in latest.statements.all()
    )
    KnowledgeItem.objects.bulk_create(
        KnowledgeItem(
            version=draft,
            **{
                f.attname: getattr(item, f.attname)
                for f in KnowledgeItem._meta.concrete_fields
                if f.attname not in ("id", "version_id")
            },
        )
        for item in latest.knowledge_items.all()
    )
    audit.record(actor=by, action=AuditAction.CREATE, obj=draft, digibank=None)
    return draft


def _check_competence(region: Region, competence: Competence, level: int) -> None:
    if competence.region_id not in (None, region.pk):
        raise DomainError(_("Choose a competence of this region."), field="competence")
    if not CHECK_LEVELS[0] <= level <= CHECK_LEVELS[1]:
        raise DomainError(
            _("Choose a level from %(low)d to %(high)d.")
            % {"low": CHECK_LEVELS[0], "high": CHECK_LEVELS[1]},
            field="level",
        )


@transaction.atomic
def update_statement(
    *, statement: Statement, by: RegionActor, competence: Competence, level: int, **texts: str
) -> Statement:
    version = statement.version
    require_region(by, version.region)
    _check_draft(version)
    _check_competence(version.region, competence, level)
    cleaned = _texts(texts, TEXT_FIELDS, Statement, _("statement"))
    before = {name: getattr(statement, name) for name in (*TEXT_FIELDS, "competence_id", "level")}
    for name, value in cleaned.items():
        setattr(statement, name, value)
    statement.competence = competence
    statement.area_id = competence.area_id
    statement.level = level
    statement.save()
    changed = [name for name, old in before.items() if getattr(statement, name) != old]
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=statement,
        digibank=None,
        fields=[name.removesuffix("_id") for name in changed],
    )
    return statement


@transaction.atomic
def add_statement(
    *, version: CheckVersion, by: RegionActor, competence: Competence, level: int, **texts: str
) -> Statement:
    require_region(by, version.region)
    _check_draft(version)
    _check_competence(version.region, competence, level)
    cleaned = _texts(texts, TEXT_FIELDS, Statement, _("statement"))
    CheckVersion.objects.select_for_update().get(pk=version.pk)
    keys = version.statements.filter(key__startswith="R").count()
    last = version.statements.aggregate(last=Max("position"))["last"] or 0
    statement = Statement.objects.create(
        version=version,
        key=f"R{keys + 1:02d}",
        area_id=competence.area_id,
        competence=competence,
        level=level,
        position=last + 1,
        **cleaned,
    )
    audit.record(
        actor=by, action=AuditAction.CREATE, obj=statement, digibank=None, fields=list(cleaned)
    )
    return statement


@transaction.atomic
def remove_statement(*, statement: Statement, by: RegionActor) -> None:
    version = statement.version
    require_region(by, version.region)
    _check_draft(version)
    if version.statements.count() <= 1:
        raise DomainError(_("A skills check needs at least one statement."))
    audit.record(actor=by, action=AuditAction.DELETE, obj=statement, digibank=None)
    statement.delete()


@transaction.atomic
def publish_version(*, version: CheckVersion, by: RegionActor) -> CheckVersion:
    """From now on residents take this version; earlier checks keep theirs."""
    require_region(by, version.region)
    locked = CheckVersion.objects.select_for_update().get(pk=version.pk)
    _check_draft(locked)
    if not locked.statements.exists():
        raise DomainError(_("A skills check needs at least one statement."))
    locked.published_at = timezone.now()
    locked.save(update_fields=["published_at"])
    audit.record(
        actor=by, action=AuditAction.CHANGE, obj=locked, digibank=None, fields=["published_at"]
    )
    return locked
