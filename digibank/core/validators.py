"""The rules for a phone number and a Belgian postcode, one of each for every form, API and service.

They know no domain: a hub, a partner, a resident and a donor company all write their phone number
and postcode the same way, so every app validates them here and the messages read the same. The
phone rules live in `digibank.core.phones` (the `phonenumbers` library); they are re-exported here.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from digibank.core.phones import normalise_phone, validate_phone

# Belgian postcodes run from 1000 to 9999.
_POSTCODE = re.compile(r"^[1-9][0-9]{3}$")

__all__ = ["normalise_phone", "validate_phone", "validate_postcode"]


def validate_postcode(value: str) -> None:
    """Four digits, from 1000 to 9999."""
    if not _POSTCODE.match(value):
        raise ValidationError(_("Enter a postcode of 4 digits, like 2800."), code="postcode")
