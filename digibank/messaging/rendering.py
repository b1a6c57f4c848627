"""The text of each kind of message, in the person's language.

Each kind has three templates in `messaging/templates/messaging/`: `<kind>_subject.txt`,
`<kind>.txt` (the email) and `<kind>_sms.txt` (one or two short sentences). They are written in
plain language (B1) and translated like every other string. Messages exist in Dutch, French and
English; for any other language the Dutch text is used and the language asked for is kept on the
message, so staff can see who may need help reading it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from digibank.core.phones import phone_text
from digibank.messaging.models import Channel, MessageKind
from digibank.organisations.models import Digibank
from digibank.people.models import Person

MESSAGE_LANGUAGES = frozenset({"nl", "fr", "en"})
FALLBACK_LANGUAGE = "nl"

# What the caller must give in `context` for each kind; the templates name these variables.
REQUIRED_CONTEXT: dict[str, frozenset[str]] = {
    MessageKind.REFERENCE_CODE: frozenset({"reference_code"}),
    MessageKind.REQUEST_ACCEPTED: frozenset({"reference_code"}),
    MessageKind.REQUEST_REFUSED: frozenset({"reference_code"}),
    MessageKind.PICKUP_READY: frozenset({"device", "hub_name", "hub_address"}),
    MessageKind.RESERVATION_RELEASED: frozenset({"device", "pickup_until", "reference_code"}),
    MessageKind.DUE_SOON: frozenset({"device", "due_date"}),
    MessageKind.OVERDUE: frozenset({"device", "due_date"}),
    MessageKind.CONDITION_REMINDER: frozenset({"condition"}),
    MessageKind.RETURN_RECEIVED: frozenset({"device"}),
    MessageKind.DONATION_RECEIVED: frozenset({"device_count"}),
    MessageKind.ENROLMENT_CONFIRMED: frozenset({"module", "when", "place", "reference_code"}),
    MessageKind.ENROLMENT_WAITING: frozenset({"module", "when", "reference_code"}),
    MessageKind.ENROLMENT_PROMOTED: frozenset({"module", "when", "place", "reference_code"}),
    MessageKind.SESSION_REMINDER: frozenset({"module", "when", "place"}),
    MessageKind.SESSION_CANCELLED: frozenset({"module", "when"}),
    MessageKind.APPOINTMENT_BOOKED: frozenset(
        {"topic", "starts_at", "hub_name", "hub_address", "reference_code", "manage_url"}
    ),
    MessageKind.APPOINTMENT_REMINDER: frozenset(
        {"topic", "starts_at", "hub_name", "hub_address", "reference_code", "manage_url"}
    ),
}
SUBJECT_LENGTH = 200

_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Rendered:
    language: str
    requested_language: str
    subject: str
    body: str


def message_language(requested: str | None) -> str:
    """The language a message is written in: the one asked for, else Dutch."""
    return requested if requested in MESSAGE_LANGUAGES else FALLBACK_LANGUAGE


def _tidy(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines))


def render_message(
    *,
    digibank: Digibank,
    kind: str,
    channel: str,
    person: Person | None,
    language: str | None,
    context: dict[str, Any] | None,
) -> Rendered:
    """Subject and text of a message; raises ValueError when the caller left out a value."""
    if kind not in MessageKind.values:
        raise ValueError(f"Unknown message kind {kind!r}.")
    given = dict(context or {})
    missing = REQUIRED_CONTEXT[kind] - given.keys()
    if missing:
        raise ValueError(f"A {kind} message needs {', '.join(sorted(missing))} in its context.")
    requested = language or (person.preferred_language if person is not None else "") or ""
    used = message_language(requested)
    values = {
        **given,
        "digibank": digibank.name,
        "digibank_email": digibank.email,
        "digibank_phone": phone_text(digibank.phone),
        "first_name": person.first_name if person is not None else given.get("first_name", ""),
        "site_url": settings.SITE_URL,
    }
    body_template = f"messaging/{kind}{'_sms' if channel == Channel.SMS else ''}.txt"
    with translation.override(used):
        subject = " ".join(render_to_string(f"messaging/{kind}_subject.txt", values).split())
        body = _tidy(render_to_string(body_template, values))
    return Rendered(
        language=used,
        requested_language=requested if requested and requested != used else "",
        subject=subject[:SUBJECT_LENGTH],
        body=body,
    )
