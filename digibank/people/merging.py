"""What merging two records of one resident means, shared by `merge_people` and its preview page.

Relations are found through the model's metadata, so a model added later by another app that points
at `Person` (a loan, an enrolment, a visit) moves along without changes here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, ForeignObjectRel
from django.utils.translation import gettext_lazy as _

from digibank.people.erasure import audit_label
from digibank.people.models import ContactMethod, Person

# Fields that identify the record or belong to it, never copied from one record to the other.
_NOT_FILLED = {"id", "digibank", "match_key", "created_at", "updated_at", "first_name", "last_name"}


def person_relations() -> Iterator[ForeignObjectRel]:
    """Every relation pointing at Person from another model, hidden ones (`related_name="+"`) too.

    `Person._meta.related_objects` leaves out hidden foreign keys, which would then be deleted with
    the merged record; the automatic tables behind many-to-many fields are handled through their
    many-to-many relation instead.
    """
    for relation in Person._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete:
            continue
        if relation.related_model._meta.auto_created:
            continue
        yield relation


def relation_label(relation: ForeignObjectRel) -> str:
    return str(relation.related_model._meta.verbose_name_plural)


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
class MovingRows:
    label: str
    count: int


def rows_pointing_at(person: Person) -> list[MovingRows]:
    """How many rows of each related model point at `person` (for the merge confirmation)."""
    found = []
    for relation in person_relations():
        manager = relation.related_model._base_manager
        count = manager.filter(**{relation.field.name: person}).count()
        if count:
            found.append(MovingRows(label=relation_label(relation), count=count))
    return found
