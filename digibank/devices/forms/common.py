"""What every form of the device bank shares: capitalised choices, checked text, number limits."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.text import capfirst

from digibank.people.validators import validate_free_text


def capitalised(choices: Any) -> list[tuple[Any, Any]]:
    return [(value, capfirst(label)) for value, label in choices]


def text_inputs(form: forms.BaseForm) -> None:
    """Every text input refuses control characters and states its maximum length."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and not isinstance(field, forms.EmailField):
            field.validators.append(validate_free_text)
            field.strip = True


def limit_number(field: forms.IntegerField, highest: int) -> None:
    field.max_value = highest
    field.validators.append(MaxValueValidator(highest))
    field.widget.attrs["max"] = highest
