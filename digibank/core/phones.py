"""Phone numbers: read however they are typed, kept in E.164, shown as a Belgian would write them.

Google's `phonenumbers` knows each country's numbering plan, so "0470 12 34 56", "0470/12.34.56",
"+32 470 12 34 56" and "0032 470 12 34 56" are one number, and "0470" or a number one digit short
is refused. A number without a country code is taken as Belgian. Stored in E.164 ("+32470123456"),
one spelling, so a search, a duplicate check and the SMS gateway all see the same string.

Numbers typed before this rule may not parse; the migration that moved every number to E.164
keeps those as they were, and `display_phone` shows them with a note so staff correct them.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "BE"
# The longest stored form: "+" and at most 15 digits (ITU E.164); the columns hold 30.
E164_MAX_LENGTH = 16

PHONE_EXAMPLE = _("Enter a phone number like 0470 12 34 56 or +32 470 12 34 56.")


def parse_phone(value: str) -> phonenumbers.PhoneNumber | None:
    """The number `value` stands for, or None when it is no possible phone number."""
    text = value.strip()
    if not text or any(char.isdigit() and char not in "0123456789" for char in text):
        # Only ASCII digits: no gateway dials Arabic-Indic or full-width digits.
        return None
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def normalise_phone(value: str) -> str:
    """`value` in E.164, or "" for an empty value; raises `ValidationError` when it is no number."""
    if not value.strip():
        return ""
    number = parse_phone(value)
    if number is None:
        raise ValidationError(PHONE_EXAMPLE, code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_to_store(value: str, *, stored: str = "") -> str:
    """What to save when `value` is given for a number now `stored`.

    An old value that no longer reads as a number (typed before these rules) stays as it is while
    it is not changed, so a change to another field of the record is not refused for it.
    """
    if stored and value.strip() == stored:
        return stored
    return normalise_phone(value)


def validate_phone(value: str) -> None:
    """A validator for forms and services: the value must be a dialable number."""
    normalise_phone(value)


@dataclass(frozen=True)
class ShownPhone:
    """A stored phone number as a page shows it.

    `text` is the national form for a Belgian number ("0470 12 34 56"), the international form
    for another ("+31 6 12345678"); `href` is the `tel:` link in E.164, empty when the stored
    value is no number; `unchecked` marks an old value the migration could not read.
    """

    text: str
    href: str
    unchecked: bool


def display_phone(stored: str) -> ShownPhone | None:
    """How to show `stored` (E.164, or an old unreadable value); None for no number."""
    if not stored or not stored.strip():
        return None
    number = parse_phone(stored)
    if number is None:
        return ShownPhone(text=stored, href="", unchecked=True)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if phonenumbers.region_code_for_number(number) == DEFAULT_REGION
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return ShownPhone(
        text=phonenumbers.format_number(number, style),
        href="tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        unchecked=False,
    )


def phone_text(stored: str) -> str:
    """The number as plain text (messages, PDFs): national for Belgium, else international."""
    shown = display_phone(stored)
    return shown.text if shown is not None else ""


def e164_or_unchanged(value: str) -> str:
    """For the migration of numbers typed before these rules: E.164, or the value as it was."""
    number = parse_phone(value or "")
    if number is None:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
