"""Demo messages for one digibank: a few in each outcome, made through the real services.

Messages that already went out were delivered through the real sending code, to a stand-in mail
server (Django's in-memory mail backend, or one that refuses the address), so the demo does not
mail anyone and needs no worker to be running. Messages planned for tomorrow morning stay queued
until `make demo`'s worker sends them then (to the console and to var/sms).
"""

from __future__ import annotations

import datetime
import random
import smtplib
from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.locmem import EmailBackend as InMemoryEmailBackend
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.models import User
from digibank.messaging.models import Message, MessageKind
from digibank.messaging.services import queue_message
from digibank.messaging.tasks import send_queued_message
from digibank.organisations.models import Digibank
from digibank.people.models import Consent, ConsentPurpose, ContactMethod, Person


class RefusingEmailBackend(InMemoryEmailBackend):
    """A stand-in mail server that does not know the address."""

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        refused = {
            address: (550, b"5.1.1 The email account that you tried to reach does not exist")
            for message in email_messages
            for address in message.recipients()
        }
        raise smtplib.SMTPRecipientsRefused(refused)


def _with_contact_consent(people: Sequence[Person]) -> set[int]:
    return set(
        Consent.objects.filter(
            person__in=[person.pk for person in people],
            purpose=ConsentPurpose.CONTACT,
            withdrawn_at__isnull=True,
        ).values_list("person_id", flat=True)
    )


def build_demo(
    *,
    digibank: Digibank,
    rng: random.Random,
    users: dict[str, User],
    people: Sequence[Person],
) -> list[Message]:
    """A few messages in each outcome: sent, failed, queued for tomorrow, not sent (opt-out)."""
    hub = digibank.hubs.order_by("name").first()
    hub_name = hub.name if hub else digibank.name
    hub_address = f"{hub.street}, {hub.postcode}" if hub else ""
    today = timezone.localdate()
    tomorrow_morning = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(9))
    )
    laptop, tablet = _("laptop"), _("tablet")
    agreed = _with_contact_consent(people)
    by_email = [p for p in people if p.pk in agreed and p.contact_method == ContactMethod.EMAIL]
    by_phone = [p for p in people if p.pk in agreed and p.contact_method == ContactMethod.PHONE]
    opted_out = [p for p in people if p.pk not in agreed]
    rng.shuffle(by_email)
    rng.shuffle(by_phone)
    rng.shuffle(opted_out)
    code = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))

    def make(kind: str, person: Person | None, context: dict[str, Any], **extra: Any) -> Message:
        key = f"demo:{kind}:{person.pk if person else extra.get('to_email', '')}"
        message = queue_message(
            digibank=digibank, kind=kind, person=person, context=context, dedupe_key=key, **extra
        )
        if message is None:  # each key is made once: a digibank's demo is built only once
            raise RuntimeError(f"The demo message {key} exists already.")
        return message

    made: list[Message] = []
    sent: list[tuple[str, dict[str, Any]]] = [
        (MessageKind.REFERENCE_CODE, {"reference_code": f"{code[:3]}-{code[3:]}"}),
        (
            MessageKind.PICKUP_READY,
            {"device": laptop, "hub_name": hub_name, "hub_address": hub_address},
        ),
        (MessageKind.RETURN_RECEIVED, {"device": tablet}),
    ]
    in_memory = InMemoryEmailBackend()
    for person, (kind, context) in zip(by_email, sent, strict=False):
        message = make(kind, person, context)
        send_queued_message(message.pk, connection=in_memory)
        made.append(message)
    partner = digibank.partners.order_by("name").first()
    donation = make(
        MessageKind.DONATION_RECEIVED,
        None,
        {"device_count": 14, "reference": f"DON-{today.year}-001"},
        to_email=f"it@{(partner.name if partner else 'bedrijf').split()[0].lower()}.example",
        language="nl",
    )
    send_queued_message(donation.pk, connection=in_memory)
    made.append(donation)

    for person in by_email[len(sent) : len(sent) + 2]:
        message = make(MessageKind.OVERDUE, person, {"device": laptop, "due_date": today})
        send_queued_message(message.pk, connection=RefusingEmailBackend())
        made.append(message)

    planned: list[tuple[str, dict[str, Any]]] = [
        (MessageKind.DUE_SOON, {"device": laptop, "due_date": today + datetime.timedelta(3)}),
        (
            MessageKind.CONDITION_REMINDER,
            {"device": laptop, "condition": _("Follow the starter course at the library.")},
        ),
        (MessageKind.OVERDUE, {"device": tablet, "due_date": today - datetime.timedelta(2)}),
    ]
    for person, (kind, context) in zip(by_phone, planned, strict=False):
        made.append(make(kind, person, context, send_after=tomorrow_morning))

    for person in opted_out[:2]:
        due = {"device": laptop, "due_date": today + datetime.timedelta(3)}
        made.append(make(MessageKind.DUE_SOON, person, due))
    return [Message.objects.get(pk=message.pk) for message in made]
