"""Taking a skills check: start it, keep its answers as they come, complete it, and link it to a
person once they agree.

A public check acts as `PUBLIC` (the resident, for themselves). It keeps only what the check needs:
its answers, its reference code, the version and the times. A helper who takes a check with a
resident at a hub starts it with their own access (`MANAGE_PEOPLE`), which records the digibank
and the helper; linking a check to a person needs the same permission over that person and the
person's consent, and is written to the audit trail.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.codes import new_code
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.organisations.models import Digibank, Region
from digibank.organisations.permissions import Access, Actor, Perm, require, require_person
from digibank.people.models import Person
from digibank.people.snapshot import SNAPSHOT_FIELDS, figures_of
from digibank.skills.models import (
    Answer,
    Area,
    AreaScore,
    CheckVersion,
    KnowledgeItem,
    SkillsCheck,
    Statement,
)
from digibank.skills.progress import Scored, area_scores

# Tries at a free reference code; with 23^8 codes a clash is already rare.
CODE_TRIES = 10


def current_version(region: Region) -> CheckVersion | None:
    """The version residents take: the region's published version with the highest number."""
    return (
        CheckVersion.objects.filter(region=region, published_at__isnull=False)
        .order_by("-number")
        .first()
    )


def start_check(
    *, region: Region, by: Actor, language: str, digibank: Digibank | None = None
) -> SkillsCheck:
    """A new check on the region's current version, with a fresh reference code.

    `digibank` is given for a check taken with a helper (`by` is their access there).
    """
    assisted_by = None
    if digibank is not None:
        require(by, digibank, Perm.MANAGE_PEOPLE)
        if digibank.region_id != region.pk:
            raise DomainError(_("This digibank is not in that region."))
        assisted_by = by.user if isinstance(by, Access) else None
    elif isinstance(by, Access):
        raise TypeError("A staff member starts a check with a resident for their digibank.")
    version = current_version(region)
    if version is None:
        raise DomainError(_("The skills check is not available in this region yet."))
    for _try in range(CODE_TRIES):
        try:
            with transaction.atomic():
                return SkillsCheck.objects.create(
                    region=region,
                    version=version,
                    code=new_code(),
                    language=language[:5],
                    digibank=digibank,
                    assisted_by=assisted_by,
                )
        except IntegrityError:
            continue
    raise DomainError(_("Something went wrong. Please try again."))


def _valid_answers(check: SkillsCheck, answers: dict[str, Any]) -> dict[str, str]:
    """Only the keys of the check's version, with values it knows; anything else is refused."""
    statements = set(check.version.statements.values_list("key", flat=True))
    items = dict(check.version.knowledge_items.values_list("key", "options"))
    cleaned: dict[str, str] = {}
    for key, value in answers.items():
        known_statement = key in statements and value in Answer.values
        known_option = key in items and str(value).isdigit() and int(value) < len(items[key]["nl"])
        if known_statement or known_option:
            cleaned[key] = str(value)
        else:
            raise DomainError(_("This answer does not belong to this skills check."))
    return cleaned


@transaction.atomic
def record_answers(*, check: SkillsCheck, answers: dict[str, Any], by: Actor) -> SkillsCheck:
    """Keep the answers given so far, so the check can be stopped and resumed with its code.

    The answers are added to those kept (under the row's lock): a page sent from a second tab
    does not undo a page answered in the first."""
    locked = SkillsCheck.objects.select_for_update().select_related("version").get(pk=check.pk)
    if locked.is_complete:
        raise DomainError(_("This skills check is finished: its answers can no longer change."))
    locked.answers = {**locked.answers, **_valid_answers(locked, answers)}
    locked.save(update_fields=["answers", "updated_at"])
    check.answers = locked.answers
    return locked


@transaction.atomic
def complete_check(*, check: SkillsCheck, by: Actor) -> SkillsCheck:
    locked = SkillsCheck.objects.select_for_update().select_related("version").get(pk=check.pk)
    if locked.is_complete:
        return locked
    asked = set(locked.version.statements.values_list("key", flat=True)) | set(
        locked.version.knowledge_items.values_list("key", flat=True)
    )
    if not asked <= set(locked.answers):
        raise DomainError(_("Some questions are not answered yet."))
    locked.completed_at = timezone.now()
    kept = _keep_figures(locked) if locked.person_id is not None else []
    locked.save(update_fields=["completed_at", "updated_at", *kept])
    _keep_area_scores(locked)
    return locked


def _keep_figures(check: SkillsCheck) -> list[str]:
    """Copy the linked person's figures of today onto the check (`people.snapshot`): the check
    reaches the person when it is both linked and completed, whichever comes last."""
    for name, value in figures_of(check.person).fields().items():
        setattr(check, name, value)
    return list(SNAPSHOT_FIELDS)


def _keep_area_scores(check: SkillsCheck) -> None:
    """The finished check's score per area, kept for the comparisons of `skills.progress`."""
    questions = [
        Scored(key, area)
        for key, area in Statement.objects.filter(version_id=check.version_id).values_list(
            "key", "area__code"
        )
    ] + [
        Scored(key, area, correct)
        for key, area, correct in KnowledgeItem.objects.filter(
            version_id=check.version_id
        ).values_list("key", "competence__area__code", "correct")
    ]
    scores = area_scores(questions, check.answers)
    areas = dict(Area.objects.filter(code__in=scores).values_list("code", "pk"))
    AreaScore.objects.bulk_create(
        AreaScore(skills_check=check, area_id=areas[code], score=score)
        for code, score in scores.items()
    )


@transaction.atomic
def link_check(*, check: SkillsCheck, person: Person, consent: bool, by: Actor) -> SkillsCheck:
    """Attach a check to a person's record: only with their consent, recorded with the time."""
    require_person(by, person, Perm.MANAGE_PEOPLE)
    if not consent:
        raise DomainError(
            _("Ask the person first: link the check only when they agree."), field="consent"
        )
    locked = SkillsCheck.objects.select_for_update().select_related("region").get(pk=check.pk)
    if locked.region_id != person.digibank.region_id:
        raise DomainError(_("We cannot find a skills check with this code."), field="code")
    if locked.person_id is not None:
        if locked.person_id == person.pk:
            return locked
        raise DomainError(
            _("This skills check is already linked to someone else's record."), field="code"
        )
    locked.person = person
    locked.digibank = person.digibank
    locked.consent_at = timezone.now()
    locked.linked_by = by.user
    kept = _keep_figures(locked)
    locked.save(
        update_fields=["person", "digibank", "consent_at", "linked_by", "updated_at", *kept]
    )
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=locked,
        digibank=person.digibank,
        fields=["person", "consent_at"],
    )
    return locked
