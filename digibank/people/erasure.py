"""The right to erasure (GDPR art. 17) across apps, without the people app knowing the others.

An app whose rows point at a person registers a handler once, at start-up (its
`AppConfig.ready`). `delete_person` runs every handler inside its own transaction, before the
person's row is deleted. A handler either

- refuses, by raising `DomainError` with a plain message that names what is still open, or
- detaches its rows from the person, blanks what they say about the person, and returns what it
  erased: the kinds of record and the names of the fields, never their values (for the audit).

A refusal from any handler rolls the whole erasure back, so handlers need not run in any order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model

from digibank.people.models import Person


@dataclass(frozen=True)
class Erased:
    """Rows of one model that an erasure detached or deleted, and the fields it blanked there."""

    model: type[Model]
    fields: tuple[str, ...] = ()

    def audit_names(self) -> list[str]:
        """ "lending.loan", "lending.loan.return_note": the record kind, then each field."""
        label = self.model._meta.label_lower
        return [label, *(f"{label}.{name}" for name in self.fields)]


ErasureHandler = Callable[[Person], Iterable[Erased]]

_handlers: dict[str, ErasureHandler] = {}


def register(name: str, handler: ErasureHandler) -> None:
    """Add (or replace: `ready()` may run twice) the handler an app runs before an erasure."""
    _handlers[name] = handler


def erase_elsewhere(person: Person) -> list[Erased]:
    """Run every registered handler for `person`; raises the first handler's `DomainError`."""
    erased: list[Erased] = []
    for handler in list(_handlers.values()):
        erased.extend(handler(person))
    return erased


def audit_label(name: str) -> str:
    """A name from `Erased.audit_names` in words: "lending.loan.return_note" → "loans: note on
    the return", for the audit trail page; the name itself when it is not known (any more)."""
    app_label, _, rest = name.partition(".")
    model_name, _, field_name = rest.partition(".")
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return name
    kind = str(model._meta.verbose_name_plural)
    if not field_name:
        return kind
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        return name
    return f"{kind}: {getattr(field, 'verbose_name', field_name)}"
