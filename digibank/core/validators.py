"""The rules for a phone number and a Belgian postcode, one of each for every form, API and service.

They know no domain: a hub, a partner, a resident and a donor company all write their phone number
and postcode the same way, so every app validates them here and the messages read the same.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# ASCII digits only: `\d` would also let Arabic-Indic digits through, which no gateway dials.
_PHONE = re.compile(r"^\+?[0-9 ().\-/]+$")
# Belgian postcodes run from 1000 to 9999.
_POSTCODE = re.compile(r"^[1-9][0-9]{3}$")
PHONE_DIGITS = range(8, 16)  # 8 for a short national number, 15 as in E.164


def validate_phone(value: str) -> None:
    """Digits with the usual separators and an optional leading "+", 8 to 15 digits in all."""
    digits = sum(char in "0123456789" for char in value)
    if not _PHONE.match(value) or digits not in PHONE_DIGITS:
        raise ValidationError(
            _("Enter a phone number like 0470 12 34 56 or +32 470 12 34 56."), code="phone"
        )


def validate_postcode(value: str) -> None:
    """Four digits, from 1000 to 9999."""
    if not _POSTCODE.match(value):
        raise ValidationError(_("Enter a postcode of 4 digits, like 2800."), code="postcode")
