"""What every organisation service shares: model validation as a DomainError, field updates and
the list of changed fields for the audit trail, choice lists, and the postcode lookup."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.core.phones import phone_to_store
from digibank.organisations.models import Municipality


def domain_error(error: ValidationError) -> DomainError:
    """The first message of a model validation error, as a DomainError on its field."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            return DomainError(messages[0], field=None if name == NON_FIELD_ERRORS else name)
    return DomainError(error.messages[0])


def full_clean(instance: models.Model, *, exclude: Iterable[str] = ()) -> None:
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        raise domain_error(error) from None


def stored_phone(value: Any, *, stored: str = "", field: str = "phone") -> str:
    """A phone number in E.164 (see `digibank.core.phones`), as a DomainError on `field`."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return ""
    try:
        return phone_to_store(text, stored=stored)
    except ValidationError as error:
        raise DomainError(str(error.messages[0]), field=field) from None


def assign(instance: models.Model, fields: dict[str, Any], allowed: frozenset[str]) -> None:
    """Set `fields` on `instance`, text stripped and a phone number in E.164."""
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"{type(instance).__name__} cannot set {sorted(unknown)}")
    for name, value in fields.items():
        if name == "phone":
            value = stored_phone(value, stored=getattr(instance, name) or "")
        setattr(instance, name, value.strip() if isinstance(value, str) else value)


def snapshot(instance: models.Model, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in names}


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, list) and isinstance(new, list):
        return sorted(old) == sorted(new)  # a choice list in another order is the same choice
    return old == new


def changed_fields(before: dict[str, Any], instance: models.Model) -> list[str]:
    return sorted(name for name, old in before.items() if not _same(old, getattr(instance, name)))


def choice_list(values: Iterable[str], choices: type[models.TextChoices], field: str) -> list:
    wanted = set(values)
    unknown = wanted - set(choices.values)
    if unknown:
        raise DomainError(
            _("Unknown choice: %(value)s.") % {"value": ", ".join(sorted(unknown))}, field=field
        )
    return [value for value in choices.values if value in wanted]


def municipality_for_postcode(
    postcode: str, *, prefer: Iterable[Municipality] = ()
) -> Municipality | None:
    """The municipality a Belgian postcode belongs to; `prefer` wins when several share it."""
    if not re.fullmatch(r"\d{4}", postcode or ""):
        return None
    # Postcodes are stored as a JSON list of strings; the quoted code matches one whole element.
    found = list(Municipality.objects.filter(postcodes__icontains=f'"{postcode}"'))
    found = [m for m in found if postcode in m.postcodes]
    if not found:
        return None
    preferred = {m.pk for m in prefer}
    found.sort(key=lambda m: (m.pk not in preferred, m.name_nl))
    return found[0]
