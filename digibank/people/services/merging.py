"""Merging two records of one resident into one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.organisations.permissions import Perm
from digibank.people.merging import fields_to_fill, person_relations, relation_label
from digibank.people.models import Consent, Person
from digibank.people.services.common import require_access

if TYPE_CHECKING:
    from digibank.core.models import User


def _move_rows(keep: Person, remove: Person) -> list[str]:
    """Point every row that points at `remove` to `keep`; returns the names of what moved."""
    moved = []
    for relation in person_relations():
        model = relation.related_model
        name = relation.field.name
        if relation.many_to_many:
            through = relation.field.remote_field.through
            to_person = relation.field.m2m_reverse_field_name()
            to_other = relation.field.m2m_field_name()
            already = through._base_manager.filter(**{to_person: keep}).values(to_other)
            rows = through._base_manager.filter(**{to_person: remove}).exclude(
                **{f"{to_other}__in": already}
            )
            to_update = {to_person: keep}
        else:
            rows = model._base_manager.filter(**{name: remove})
            to_update = {name: keep}
            if model is Consent:
                # Keep one active consent per purpose: the one `keep` already has wins.
                active = keep.consents.filter(withdrawn_at__isnull=True).values("purpose")
                rows = rows.exclude(withdrawn_at__isnull=True, purpose__in=active)
            clash = relation.one_to_one and model._base_manager.filter(**{name: keep}).exists()
            if clash and rows.exists():
                raise _cannot_merge(relation)
        try:
            with transaction.atomic():
                count = rows.update(**to_update)
        except IntegrityError:
            raise _cannot_merge(relation) from None
        if count:
            moved.append(relation.get_accessor_name() or model._meta.model_name)
    return moved


def _cannot_merge(relation: Any) -> DomainError:
    return DomainError(
        _("These records cannot be merged automatically: both have %(things)s that clash.")
        % {"things": relation_label(relation)}
    )


@transaction.atomic
def merge_people(*, keep: Person, remove: Person, by: User | None) -> Person:
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

    moved = _move_rows(keep, remove)
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
