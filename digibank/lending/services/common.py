"""What every lending service shares: who may act, row locks and the checks on free text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.core.states import Can
from digibank.lending.models import DeviceRequest
from digibank.organisations.models import Digibank
from digibank.organisations.permissions import Actor, Perm, require, require_person
from digibank.people.models import Person
from digibank.people.validators import contains_national_register_number

if TYPE_CHECKING:
    pass


def require_access(by: Actor, digibank: Digibank, perm: Perm) -> Actor:
    """`by` may use `perm` in the digibank; `None` is refused (see `permissions.require`)."""
    return require(by, digibank, perm)


def can_of(access: Actor) -> Can:
    """The permission check the state machines call: the actor's (the system may do anything)."""
    return access.can


def require_person_in_scope(access: Actor, person: Person, perm: Perm) -> None:
    """A referrer acts only for the people their partner referred (see `Access.reach`)."""
    require_person(access, person, perm)


def lock_request(request: DeviceRequest) -> DeviceRequest:
    """The request's row, locked until the transaction ends, with its person."""
    locked = DeviceRequest.objects.select_for_update().filter(pk=request.pk).first()
    if locked is None:
        raise DomainError(_("This request no longer exists."))
    person_of(locked)
    return locked


def person_of(request: DeviceRequest) -> Person:
    """The request's resident; a request whose resident was erased can no longer change."""
    if request.person is None:
        # Kept only for the statistics: a rejected request must not be reopened without anyone.
        raise DomainError(_("The resident of this request was erased. It can no longer change."))
    return request.person


def clean_text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))


def checked_text(value: Any, *, limit: int, field: str) -> str:
    """Free text, trimmed, within `limit` characters and without a national register number."""
    text = clean_text(value)
    if len(text) > limit:
        raise DomainError(
            _("Use at most %(limit)d characters (you used %(count)d).")
            % {"limit": limit, "count": len(text)},
            field=field,
        )
    if contains_national_register_number(text):
        raise DomainError(
            _("This looks like a national register number. We never keep those."), field=field
        )
    return text


def checked_choices(values: Any, allowed: list[str], *, field: str, message: str) -> list[str]:
    """A list of known codes without repeats, in the order given."""
    if isinstance(values, str):
        values = [values]
    chosen = list(dict.fromkeys(clean_text(value) for value in values or ()))
    if any(value not in allowed for value in chosen):
        raise DomainError(message, field=field)
    return chosen


def refresh_from(target: DeviceRequest, source: DeviceRequest) -> None:
    """Keep the caller's instance in step with the row saved under a lock."""
    for field in DeviceRequest._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
