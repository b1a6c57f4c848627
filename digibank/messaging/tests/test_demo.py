"""The demo messages: a few in each outcome, made through the services."""

from __future__ import annotations

import random

import pytest
from django.core import mail

from digibank.messaging.demo import build_demo
from digibank.messaging.models import Message, MessageReason, MessageStatus
from digibank.messaging.testing import contactable
from digibank.people.models import ContactMethod

pytestmark = pytest.mark.django_db


def test_the_demo_has_messages_in_every_outcome(world):
    bank = world.a
    people = [
        bank.person,  # no consent to be contacted
        bank.referred_person,  # reached through the referrer
        *[
            contactable(bank, first_name=name, email=f"{name.lower()}@example.be", language="nl")
            for name in ("Lotte", "Wout", "Fatima", "Jonas", "Eva")
        ],
        *[
            contactable(bank, first_name=name, method=ContactMethod.PHONE)
            for name in ("Noah", "Sara", "Mehmet")
        ],
    ]

    made = build_demo(digibank=bank.digibank, rng=random.Random(3), users=bank.users, people=people)

    statuses = {message.status for message in made}
    assert statuses == {
        MessageStatus.SENT,
        MessageStatus.FAILED,
        MessageStatus.QUEUED,
        MessageStatus.SKIPPED,
    }
    sent = [message for message in made if message.status == MessageStatus.SENT]
    assert len(sent) == 4
    assert all(message.sent_at and message.attempts == 1 for message in sent)
    assert {email.to[0] for email in mail.outbox} == {message.recipient for message in sent}
    failed = [message for message in made if message.status == MessageStatus.FAILED]
    assert len(failed) == 2
    assert all("550" in message.last_error for message in failed)
    assert all(message.reason == MessageReason.REFUSED for message in failed)
    queued = [message for message in made if message.status == MessageStatus.QUEUED]
    assert len(queued) == 3
    assert all(message.send_after and message.recipient.startswith("+32") for message in queued)
    skipped = [message for message in made if message.status == MessageStatus.SKIPPED]
    assert {message.reason for message in skipped} == {
        MessageReason.NO_CONSENT,
        MessageReason.VIA_REFERRER,
    }
    assert Message.objects.filter(digibank=bank.digibank).count() == len(made)
