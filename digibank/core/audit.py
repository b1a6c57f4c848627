"""The audit trail: who created, changed, deleted or viewed which personal record, and when.

Only the model, the primary key and the names of the changed fields are kept, never the values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Model

from digibank.core.models import AuditAction, AuditEntry

if TYPE_CHECKING:
    from digibank.core.models import User
    from digibank.organisations.models import Digibank


def record(
    *,
    actor: User | None,
    action: AuditAction,
    obj: Model,
    digibank: Digibank | None,
    fields: Iterable[str] = (),
    note: str = "",
) -> AuditEntry:
    return AuditEntry.objects.create(
        digibank=digibank,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        fields=sorted(fields),
        note=note[:200],
    )


def changed_fields(before: Model, after: Model, names: Iterable[str]) -> list[str]:
    """Names of the fields whose value differs between two instances of one model."""
    return [name for name in names if getattr(before, name) != getattr(after, name)]
