"""What the lending forms share: checked text fields, capitalised choices, lenient list filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst

from digibank.core.forms import FormMixinBase
from digibank.people.validators import validate_free_text

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


NOT_SURE = "not_sure"


DEFAULT_LOAN_DAYS = 365


def capitalised(choices: Any) -> list[tuple[str, Any]]:
    """Choices that start a line (radios, checkboxes) start with a capital."""
    return [(value, capfirst(label)) for value, label in choices]


def max_length_of(model: Any, name: str) -> int:
    return model._meta.get_field(name).max_length


def text_field(label: Any, max_length: int, *, required: bool = False, **extra: Any) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        validators=[validate_free_text],
        **extra,
    )


def long_text_field(label: Any, max_length: int, **extra: Any) -> forms.CharField:
    return text_field(label, max_length, widget=forms.Textarea(attrs={"rows": 3}), **extra)


class FilterValues(FormMixinBase):
    """A GET filter form whose invalid fields are ignored: the list stays unfiltered."""

    def value(self, name: str) -> Any:
        if not self.is_valid() and name in self.errors:
            return None
        return self.cleaned_data.get(name)
