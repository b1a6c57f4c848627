"""Checks on what staff type about a resident, shared by the forms, the API and the services."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# 11 digits, optionally written as YY.MM.DD-XXX.CC (dots, dashes, spaces or slashes between the
# parts). A leading "+" means a phone number with a country code, not a register number.
_REGISTER_NUMBER = re.compile(
    r"(?<![0-9+])([0-9]{2})[ ./-]?([0-9]{2})[ ./-]?([0-9]{2})[ ./-]?([0-9]{3})[ ./-]?([0-9]{2})"
    r"(?![0-9])"
)
_NAME_PUNCTUATION = {" ", "-", "'", "’", "."}


def is_national_register_number(digits: str) -> bool:
    """True when 11 digits carry valid check digits, for a birth before or after 2000."""
    if len(digits) != 11 or not digits.isascii() or not digits.isdigit():
        return False
    base, check = int(digits[:9]), int(digits[9:])
    return check in {97 - base % 97, 97 - (2_000_000_000 + base) % 97}


def contains_national_register_number(text: str) -> bool:
    return any(
        is_national_register_number("".join(match.groups()))
        for match in _REGISTER_NUMBER.finditer(text)
    )


def refuse_national_register_number(value: str) -> None:
    if value and contains_national_register_number(value):
        raise ValidationError(
            _(
                "This looks like a national register number. Do not write it down: "
                "we never keep national register numbers."
            ),
            code="national_register_number",
        )


def validate_name(value: str) -> None:
    """Letters of any script (Arabic, Cyrillic, ...), spaces, hyphens, apostrophes and dots."""
    allowed = all(
        char in _NAME_PUNCTUATION or unicodedata.category(char)[0] in {"L", "M"} for char in value
    )
    if not allowed:
        raise ValidationError(
            _("Use only letters, spaces, hyphens (-) and apostrophes (')."), code="name_characters"
        )
    if not any(unicodedata.category(char).startswith("L") for char in value):
        raise ValidationError(_("Enter at least one letter."), code="name_letters")


def validate_free_text(value: str) -> None:
    """Refuses invisible control characters; letters, emoji and line breaks are fine."""
    for char in value:
        if char in "\n\r\t":
            continue
        if unicodedata.category(char) == "Cc":
            raise ValidationError(
                _("Remove the invisible control characters from this text."),
                code="control_characters",
            )
