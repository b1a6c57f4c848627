"""What the organisations' forms share: the website field, widgets. Postcode and phone numbers
are checked by the shared rules of `digibank.core.validators`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


def website_field() -> forms.URLField:
    return forms.URLField(
        label=_("Website"),
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text=_("For example https://www.example.be"),
    )


TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def text_field(
    label: Any, max_length: int, *, required: bool = False, **kwargs: Any
) -> forms.Field:
    """A text field that is optional unless told otherwise."""
    return forms.CharField(label=label, max_length=max_length, required=required, **kwargs)
