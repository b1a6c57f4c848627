"""The audit trail: who created, changed, deleted or viewed which personal record, and when.

Only the model, the primary key and the names of the changed fields are kept, never the values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from django.db.models import Model

from digibank.core.models import AuditAction, AuditEntry

if TYPE_CHECKING:
    from digibank.core.models import User
    from digibank.organisations.models import Digibank


class Acting(Protocol):
    """An actor as the services receive it (`organisations.permissions.Actor`): a staff member's
    access (`user` set) or a system actor (`is_system`, no user). Declared here so that this base
    module does not import the tenancy layer."""

    @property
    def user(self) -> User | None: ...

    @property
    def is_system(self) -> bool: ...


def record(
    *,
    actor: User | Acting | None,
    action: AuditAction,
    obj: Model,
    digibank: Digibank | None,
    fields: Iterable[str] = (),
    note: str = "",
) -> AuditEntry:
    system = bool(getattr(actor, "is_system", False))
    user = getattr(actor, "user", None) if hasattr(actor, "is_system") else actor
    return AuditEntry.objects.create(
        digibank=digibank,
        actor=user if user is not None and user.is_authenticated else None,
        system=system,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        fields=sorted(fields),
        note=note[:200],
    )


def changed_fields(before: Model, after: Model, names: Iterable[str]) -> list[str]:
    """Names of the fields whose value differs between two instances of one model."""
    return [name for name in names if getattr(before, name) != getattr(after, name)]
