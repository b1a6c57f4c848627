"""The check every free text of the help pillar passes: never a password or code (`secrets`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.help.secrets import secrets_in
from digibank.people.validators import refuse_national_register_number, validate_free_text

# How much of the suspicious part the message quotes, so the helper sees what to change.
QUOTE = 30


def secret_message(text: str) -> str | None:
    """The warning for a text that seems to hold a password or code, or None."""
    findings = secrets_in(text)
    if not findings:
        return None
    first = findings[0]
    return _(
        "Never write down passwords, PIN or PUK codes or confirmation codes. This looks like "
        "one: “%(part)s”. Leave it out or say it in words (“PIN blocked”)."
    ) % {"part": text[first.start : first.end][:QUOTE]}


def check_notes(text: str, *, limit: int, field: str) -> str:
    """The text, stripped; or a `DomainError` on `field` for a secret, a register number, control
    characters or a text that is too long."""
    text = (text or "").strip()
    if len(text) > limit:
        raise DomainError(_("Use at most %(max)s characters.") % {"max": limit}, field=field)
    try:
        validate_free_text(text)
        refuse_national_register_number(text)
    except ValidationError as error:
        raise DomainError(error.messages[0], field=field) from None
    message = secret_message(text)
    if message:
        raise DomainError(message, field=field)
    return text
