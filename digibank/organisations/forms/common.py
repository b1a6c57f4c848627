"""What the organisations' forms share: postcode and phone checks, the website field, widgets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

postcode_validator = RegexValidator(
    r"^\d{4}$", _("Enter a postcode of 4 digits, for example 2800.")
)
phone_validator = RegexValidator(
    r"^\+?[0-9 ()./-]{6,30}$",
    _("Enter a phone number with digits, for example 015 12 34 56 or +32 15 12 34 56."),
)


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
