"""What merging two records of one resident means, shared by `merge_people` and its preview page.

Other apps keep rows that point at a person (messages, device requests, loans; enrolments and
visits to come). people may not import those apps, nor write their tables, so a merge reaches them
through a registry that people owns. An app registers a handler once, at start-up (its
`AppConfig.ready`), with two functions:

- `count(person)` says how many of its rows point at `person`, one `MovingRows` per model it
  handles (zero counts too), for the confirmation page;
- `move(merged)` gets the payload `PersonMerged(keep, remove, by)`: the record that stays, the
  record that goes and the `User` who merges (`None` for a system action). It points its own rows
  from `remove` to `keep`, through its own code, and returns what moved (`MovingRows`), or raises
  `DomainError` when its rows of the two records clash (`cannot_merge`).

`merge_people` runs every `move` inside its own transaction, before it deletes `remove`; a refusal
rolls the whole merge back. people registers its own handler (consents) the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, transaction
from django.db.models import Field, ForeignObjectRel, Model, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from digibank.core.errors import DomainError
from digibank.people.erasure import audit_label
from digibank.people.models import ContactMethod, Person

if TYPE_CHECKING:
    from digibank.core.models import User

# Fields that identify the record or belong to it, never copied from one record to the other.
_NOT_FILLED = {
    "id",
    "digibank",
    "match_key",
    "reach_key",
    "created_at",
    "updated_at",
    "first_name",
    "last_name",
}


def field_label(name: str) -> str:
    """A short name for a field of Person, for lists of fields (merge summary, audit trail)."""
    if "." in name:  # a record kind or field erased with the person, in another app
        return audit_label(name)
    if name == "contact_method":
        return str(_("way to reach"))
    try:
        field = Person._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    if hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    return str(field.related_model._meta.verbose_name_plural)


def _is_empty(field: Field, value: Any) -> bool:
    if value is None or value == "":
        return True
    return field.name == "contact_method" and value == ContactMethod.NONE


def fields_to_fill(keep: Person, remove: Person) -> dict[str, Any]:
    """The values of `remove` that fill an empty field of `keep`, by field name.

    Postcode and municipality travel together so they never contradict each other; notes are
    joined rather than lost.
    """
    values: dict[str, Any] = {}
    if not keep.postcode and remove.postcode:
        values["postcode"] = remove.postcode
        values["municipality"] = remove.municipality
    for field in Person._meta.concrete_fields:
        name = field.name
        if name in _NOT_FILLED or name in {"postcode", "municipality", "notes"}:
            continue
        mine = getattr(keep, field.attname)
        theirs = getattr(remove, field.attname)
        if _is_empty(field, mine) and not _is_empty(field, theirs):
            values[name] = getattr(remove, name)
    if not (keep.postcode or remove.postcode or keep.municipality_id) and remove.municipality_id:
        values["municipality"] = remove.municipality
    if remove.notes.strip() and remove.notes.strip() not in keep.notes:
        values["notes"] = f"{keep.notes.strip()}\n\n{remove.notes.strip()}".strip()
    return values


@dataclass(frozen=True)
class PersonMerged:
    """The payload every merge handler gets."""

    keep: Person
    remove: Person
    by: User | None


@dataclass(frozen=True)
class MovingRows:
    """Rows of one model that point (or pointed) at the removed record."""

    model: type[Model]
    name: str  # the relation's name on Person, as the audit trail lists it ("loans")
    count: int

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)


@dataclass(frozen=True)
class MergeHandler:
    models: tuple[type[Model], ...]
    count: Callable[[Person], Iterable[MovingRows]]
    move: Callable[[PersonMerged], Iterable[MovingRows]]


_handlers: dict[str, MergeHandler] = {}


def register(
    name: str,
    *,
    models: Iterable[type[Model]],
    count: Callable[[Person], Iterable[MovingRows]],
    move: Callable[[PersonMerged], Iterable[MovingRows]],
) -> None:
    """Add (or replace: `ready()` may run twice) the handler an app runs when people merge.

    `models` are the app's models that point at Person, which the handler moves.
    """
    _handlers[name] = MergeHandler(models=tuple(models), count=count, move=move)


def rows_pointing_at(person: Person) -> list[MovingRows]:
    """How many rows of each model point at `person` (for the merge confirmation)."""
    found = [rows for handler in list(_handlers.values()) for rows in handler.count(person)]
    return [rows for rows in found if rows.count]


def move_elsewhere(merged: PersonMerged) -> list[MovingRows]:
    """Run every registered handler; raises the first handler's `DomainError`."""
    return [rows for handler in list(_handlers.values()) for rows in handler.move(merged)]


def cannot_merge(model: type[Model]) -> DomainError:
    return DomainError(
        gettext("These records cannot be merged automatically: both have %(things)s that clash.")
        % {"things": model._meta.verbose_name_plural}
    )


def repoint(rows: QuerySet, field: str, keep: Person) -> int:
    """Point `rows` at `keep` through `field`; a clash with a unique constraint refuses the merge.

    For a handler, on its own app's rows. The savepoint keeps the merge's transaction usable after
    the refusal, so the view can still show the message. Rows that keep the person's `reach_key`
    (events the figures count, see `people.snapshot`) take the kept record's key with them: the
    two records were one person all along, counted once.
    """
    values: dict[str, Any] = {field: keep}
    if field == "person" and any(f.name == "reach_key" for f in rows.model._meta.concrete_fields):
        values["reach_key"] = keep.reach_key
    try:
        with transaction.atomic():
            return rows.update(**values)
    except IntegrityError:
        raise cannot_merge(rows.model) from None


def unhandled_relations() -> Iterator[ForeignObjectRel]:
    """Relations pointing at Person (hidden ones too) whose model no handler moves.

    A model added later by another app without a merge handler would lose its rows with the
    removed record, or block its deletion: `merge_people` refuses instead, and a test requires
    none. The automatic tables behind many-to-many fields belong to Person's own fields.
    """
    handled = {model for handler in _handlers.values() for model in handler.models}
    for relation in Person._meta.get_fields(include_hidden=True):
        # Reverse relations are the auto-created, not concrete fields.
        if not isinstance(relation, ForeignObjectRel) or relation.concrete:
            continue
        if relation.related_model._meta.auto_created or relation.related_model in handled:
            continue
        yield relation
