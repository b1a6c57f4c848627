"""Limits read from the models, so a service, a form and the database agree on one number."""

from __future__ import annotations

from django.db.models import Field, Model


def max_length(model: type[Model], name: str) -> int:
    """The `max_length` of a text field of `model`.

    Services check free text against it before saving (SQLite does not enforce it), and the
    public question pages pass it to their fields. A field without a limit is a programming error,
    raised at import time where these constants are read.
    """
    field = model._meta.get_field(name)
    limit = field.max_length if isinstance(field, Field) else None
    if limit is None:
        raise LookupError(f"{model.__name__}.{name} has no max_length")
    return limit


def verbose_name(model: type[Model], name: str) -> str:
    """The label of a field of `model`, for lists of what changed (history, audit trail)."""
    field = model._meta.get_field(name)
    return str(field.verbose_name) if isinstance(field, Field) else name
