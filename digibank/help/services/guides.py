"""Every write of the helpers' guides. A region-wide guide is written by an admin of its region
(`RegionPerm.MANAGE_GUIDES`), a local guide by its digibank's staff with `Perm.MANAGE_GUIDES`.
Each save writes a new `GuideVersion` (who, when, what changed), so the history is complete and
never edited; confirming a guide is still correct is its own verb, in the audit trail too, and so
is handing a guide over to a new owner."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, User
from digibank.help.guide_queries import eligible_owners
from digibank.help.guide_search import fold
from digibank.help.models import Guide, GuideLanguage, GuideVersion, HelpTopic
from digibank.organisations.models import Digibank, Region
from digibank.organisations.permissions import (
    Access,
    Perm,
    RegionAccess,
    RegionPerm,
    SystemActor,
    require,
)

GuideActor = Access | RegionAccess | SystemActor
TITLE_AT_MOST = 160
TEXT_AT_MOST = 6_000  # a printed page or two: a guide longer than that helps nobody at the desk
NOTE_AT_MOST = 300
TEXT_FIELDS = ("topic_id", "title", "body", "handout", "language")


@dataclass(frozen=True)
class GuideFields:
    """What a writer gives for a guide's text; `note` says what changed (for the history)."""

    topic: HelpTopic
    title: str
    body: str
    handout: str
    language: str = GuideLanguage.NL
    note: str = ""

    def cleaned(self) -> dict[str, object]:
        title, body, handout = self.title.strip(), self.body.strip(), self.handout.strip()
        if not title:
            raise DomainError(_("Enter a title."), field="title")
        if len(title) > TITLE_AT_MOST:
            raise DomainError(
                _("Keep the title to %(most)d characters.") % {"most": TITLE_AT_MOST},
                field="title",
            )
        if not body:
            raise DomainError(_("Enter the steps for helpers."), field="body")
        if not handout:
            raise DomainError(_("Enter the hand-out for residents."), field="handout")
        for name, text in (("body", body), ("handout", handout)):
            if len(text) > TEXT_AT_MOST:
                raise DomainError(
                    _("Keep this text to %(most)d characters.") % {"most": TEXT_AT_MOST},
                    field=name,
                )
        if self.language not in GuideLanguage.values:
            raise DomainError(_("Choose the guide's language."), field="language")
        return {
            "topic_id": self.topic.pk,
            "title": title,
            "body": body,
            "handout": handout,
            "language": self.language,
        }

    def note_given(self, default: str = "") -> str:
        note = self.note.strip() or default
        if not note:
            raise DomainError(_("Say in a few words what changed."), field="note")
        if len(note) > NOTE_AT_MOST:
            raise DomainError(
                _("Keep the note to %(most)d characters.") % {"most": NOTE_AT_MOST}, field="note"
            )
        return note


def _require_writer(by: GuideActor, region: Region, digibank: Digibank | None) -> None:
    """A region guide: an admin of that region. A local guide: that digibank's staff with
    `MANAGE_GUIDES`. A region admin never writes a digibank's guide, nor staff the region's."""
    if isinstance(by, SystemActor):
        return
    if digibank is None:
        if not isinstance(by, RegionAccess) or by.region.pk != region.pk:
            raise PermissionDenied
        if not by.can(RegionPerm.MANAGE_GUIDES):
            raise PermissionDenied
        return
    if not isinstance(by, Access):
        raise PermissionDenied
    require(by, digibank, Perm.MANAGE_GUIDES)


def _require_topic(topic: HelpTopic, region: Region, digibank: Digibank | None) -> None:
    """A region guide is about a region topic; a local one about a region topic or the
    digibank's own."""
    fits = topic.region_id == region.pk and topic.digibank_id in (None, getattr(digibank, "pk", 0))
    if not fits or not topic.active:
        raise DomainError(_("Choose one of the help topics offered here."), field="topic")


def _fold(values: dict[str, object]) -> dict[str, str]:
    title = str(values["title"])
    return {
        "search_title": fold(title),
        "search_text": fold("\n".join((title, str(values["body"]), str(values["handout"])))),
    }


def _write_version(guide: Guide, note: str, by: GuideActor) -> GuideVersion:
    return GuideVersion.objects.create(
        guide=guide,
        number=guide.version,
        topic_id=guide.topic_id,
        title=guide.title,
        body=guide.body,
        handout=guide.handout,
        language=guide.language,
        note=note,
        saved_by=by.user,
        saved_at=guide.updated_at,
    )


@transaction.atomic
def write_guide(
    *,
    region: Region,
    digibank: Digibank | None,
    fields: GuideFields,
    by: GuideActor,
    owner: User | None = None,
) -> Guide:
    """A new guide, version 1, checked by its writer today and owned by them (the system, which
    has no account, names the owner: the demo data and imports)."""
    if owner is not None and not isinstance(by, SystemActor):
        raise PermissionDenied
    _require_writer(by, region, digibank)
    _require_topic(fields.topic, region, digibank)
    values = fields.cleaned()
    note = fields.note_given(_("First version."))
    now = timezone.now()
    guide = Guide.objects.create(
        region=region,
        digibank=digibank,
        owner=owner or by.user,
        checked_on=timezone.localdate(now),
        checked_by=by.user,
        updated_at=now,
        **values,
        **_fold(values),
    )
    _write_version(guide, note, by)
    audit.record(
        actor=by, action=AuditAction.CREATE, obj=guide, digibank=digibank, fields=["title"]
    )
    return guide


@transaction.atomic
def change_guide(*, guide: Guide, fields: GuideFields, by: GuideActor) -> Guide:
    """A new version of the guide. Saving it counts as checking it: its writer just read it."""
    _require_writer(by, guide.region, guide.digibank)
    # Two writers at once each get their own version number, one after the other.
    # `of=("self",)`: PostgreSQL refuses to lock the empty side of the outer join to `digibank`
    # (a region's guide has none), and only the guide's row needs the lock.
    guide = (
        Guide.objects.select_for_update(of=("self",))
        .select_related("region", "digibank")
        .get(pk=guide.pk)
    )
    _require_topic(fields.topic, guide.region, guide.digibank)
    values = fields.cleaned()
    changed = [name for name in TEXT_FIELDS if getattr(guide, name) != values[name]]
    if not changed:
        raise DomainError(_("Nothing was changed: the guide stays as it is."))
    note = fields.note_given()
    now = timezone.now()
    for name, value in {**values, **_fold(values)}.items():
        setattr(guide, name, value)
    guide.version += 1
    guide.updated_at = now
    guide.checked_on = timezone.localdate(now)
    guide.checked_by = by.user
    guide.save()
    _write_version(guide, note, by)
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=guide,
        digibank=guide.digibank,
        fields=[name.removesuffix("_id") for name in changed],
        note=note,
    )
    return guide


@transaction.atomic
def mark_guide_checked(*, guide: Guide, by: GuideActor) -> Guide:
    """ "Checked, still correct": the text stays, the date moves to today. A local guide by its
    digibank's staff with `CHECK_GUIDES`, a region guide by an admin of the region."""
    if guide.digibank_id is None:
        _require_writer(by, guide.region, None)
    elif not isinstance(by, SystemActor):
        if not isinstance(by, Access) or guide.digibank is None:
            raise PermissionDenied
        require(by, guide.digibank, Perm.CHECK_GUIDES)
    today = timezone.localdate()
    Guide.objects.filter(pk=guide.pk).update(checked_on=today, checked_by=by.user)
    guide.checked_on, guide.checked_by = today, by.user
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=guide,
        digibank=guide.digibank,
        fields=["checked_on"],
        note="checked, still correct",
    )
    return guide


@transaction.atomic
def hand_over_guide(*, guide: Guide, to: User, by: GuideActor) -> Guide:
    """`to` owns the guide from now on: the one who looks after it when someone leaves. Only its
    writers hand it over (as for `change_guide`), and only to someone who can look after it
    (`guide_queries.eligible_owners`: a local guide's checkers and writers, a region guide's
    region admins, with an active account). Ownership is not part of the text: no new version is
    written and the version number stays; the audit trail names the change."""
    _require_writer(by, guide.region, guide.digibank)
    # The same lock as `change_guide` (only the guide's row: a region guide has no digibank), so
    # two hand-overs at once end with one owner and two audit entries in the order they ran.
    guide = (
        Guide.objects.select_for_update(of=("self",))
        .select_related("region", "digibank")
        .get(pk=guide.pk)
    )
    if guide.owner_id == to.pk:
        raise DomainError(
            _("%(name)s already owns this guide: choose someone else.")
            % {"name": to.get_full_name() or to.username},
            field="owner",
        )
    if not eligible_owners(guide).filter(pk=to.pk).exists():
        raise DomainError(
            _("Choose someone who can look after this guide: one of the people listed."),
            field="owner",
        )
    guide.owner = to
    guide.save(update_fields=["owner"])
    audit.record(
        actor=by, action=AuditAction.CHANGE, obj=guide, digibank=guide.digibank, fields=["owner"]
    )
    return guide
