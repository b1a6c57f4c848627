"""Merging two records of one resident into one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.organisations.permissions import Actor, Perm
from digibank.people.merging import (
    MovingRows,
    PersonMerged,
    cannot_merge,
    fields_to_fill,
    move_elsewhere,
    repoint,
    unhandled_relations,
)
from digibank.people.models import Consent, Person
from digibank.people.services.common import require_access, require_in_scope

if TYPE_CHECKING:
    pass


def count_consents(person: Person) -> list[MovingRows]:
    """people's own merge handler, `count` half: the consents that would move."""
    return [MovingRows(Consent, "consents", Consent.objects.filter(person=person).count())]


def move_consents(merged: PersonMerged) -> list[MovingRows]:
    """people's own merge handler, `move` half: keep one active consent per purpose, the one
    `keep` already has wins; the rest (withdrawn ones too, for the history) moves."""
    active = merged.keep.consents.filter(withdrawn_at__isnull=True).values("purpose")
    rows = Consent.objects.filter(person=merged.remove).exclude(
        withdrawn_at__isnull=True, purpose__in=active
    )
    return [MovingRows(Consent, "consents", repoint(rows, "person", merged.keep))]


def _refuse_what_no_handler_moves(remove: Person) -> None:
    for relation in unhandled_relations():
        if relation.related_model._base_manager.filter(**{relation.field.name: remove}).exists():
            raise cannot_merge(relation.related_model)


@transaction.atomic
def merge_people(*, keep: Person, remove: Person, by: Actor) -> Person:
    """Make one record of two: everything of `remove` moves to `keep`, then `remove` is deleted."""
    if keep.pk == remove.pk:
        raise DomainError(_("Choose two different records."))
    if keep.digibank_id != remove.digibank_id:
        raise DomainError(_("Only records of the same digibank can be merged."))
    locked = list(
        Person.objects.select_for_update().filter(pk__in=[keep.pk, remove.pk]).order_by("pk")
    )
    if len(locked) != 2:
        raise DomainError(_("This record no longer exists."))
    keep.refresh_from_db()
    remove.refresh_from_db()
    require_access(by, keep.digibank, Perm.MERGE_PEOPLE)
    require_in_scope(by, keep, Perm.MERGE_PEOPLE)
    require_in_scope(by, remove, Perm.MERGE_PEOPLE)

    moved = [
        rows.name
        for rows in move_elsewhere(PersonMerged(keep=keep, remove=remove, by=by.user))
        if rows.count
    ]
    _refuse_what_no_handler_moves(remove)
    filled = fields_to_fill(keep, remove)
    for name, value in filled.items():
        setattr(keep, name, value)
    new_groups = remove.target_groups.exclude(pk__in=keep.target_groups.values("pk"))
    if new_groups.exists():
        keep.target_groups.add(*new_groups)
        moved.append("target_groups")
    keep.save()

    digibank = keep.digibank
    audit.record(
        actor=by,
        action=AuditAction.MERGE,
        obj=keep,
        digibank=digibank,
        fields=[*filled, *moved],
        note=f"#{remove.pk}",
    )
    audit.record(
        actor=by, action=AuditAction.MERGE, obj=remove, digibank=digibank, note=f"#{keep.pk}"
    )
    remove.delete()
    return keep
