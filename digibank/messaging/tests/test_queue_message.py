"""queue_message: channel, language, opt-out, dedupe, and the task it puts in the queue."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from digibank.core.models import AuditAction, AuditEntry
from digibank.messaging import services
from digibank.messaging.models import Channel, Message, MessageKind, MessageReason, MessageStatus
from digibank.messaging.rendering import REQUIRED_CONTEXT
from digibank.messaging.services import queue_message
from digibank.messaging.tasks import send_message
from digibank.messaging.testing import contactable
from digibank.people.models import ContactMethod
from digibank.people.services import withdraw_consent
from digibank.testing import act

pytestmark = pytest.mark.django_db

DUE = {"device": "laptop", "due_date": datetime.date(2025, 3, 4), "hub_name": "Bibliotheek"}
SAMPLE_CONTEXT = {
    "reference_code": "K7P-4QD",
    "status_url": "https://digibank.example/device/status/",
    "device": "laptop",
    "hub_name": "Bibliotheek & Mediatheek",
    "hub_address": "Stationsstraat 1, 2800 Mechelen",
    "due_date": datetime.date(2025, 3, 4),
    "pickup_until": datetime.date(2025, 3, 1),
    "condition": "Follow the starter course.",
    "device_count": 12,
    "reference": "DON-2025-004",
    "explanation": "We have no laptops with a large screen.",
    "module": "Start with a smartphone",
    "when": "Tuesday 5 May 2026, 14:00–16:00",
    "place": "Bibliotheek, Stationsstraat 1, 2800 Mechelen",
    "topic": "Belastingen (MyMinfin / Tax-on-web)",
    "starts_at": datetime.datetime(2025, 3, 4, 13, 30, tzinfo=datetime.UTC),
    "manage_url": "https://digibank.example/help/appointment/",
}


def queue_due_soon(world, person, **extra):
    return queue_message(
        digibank=world.a.digibank,
        kind=MessageKind.DUE_SOON,
        person=person,
        context=DUE,
        **extra,
    )


def test_it_writes_an_email_in_the_persons_language(world):
    person = contactable(world.a, language="fr")

    message = queue_due_soon(world, person)

    assert message.status == MessageStatus.QUEUED
    assert message.channel == Channel.EMAIL
    assert message.recipient == "amelie.dubois@example.be"
    assert message.language == "fr"
    assert message.requested_language == ""
    assert "mars 2025" in message.body  # the date is written in French
    assert "Amélie" in message.body
    assert message.subject


def test_it_falls_back_to_dutch_for_a_language_without_messages(world):
    person = contactable(world.a, language="ar")

    message = queue_due_soon(world, person)

    assert message.language == "nl"
    assert message.requested_language == "ar"
    assert "maart 2025" in message.body


def test_a_language_given_by_the_caller_wins(world):
    person = contactable(world.a, language="fr")

    message = queue_due_soon(world, person, language="en")

    assert message.language == "en"
    assert "March 2025" in message.body


def test_it_sends_a_short_text_message_when_the_person_chose_phone(world):
    person = contactable(world.a, method=ContactMethod.PHONE, phone="0470 12 34 56")

    message = queue_due_soon(world, person)

    assert message.channel == Channel.SMS
    assert message.recipient == "+32470123456"
    assert message.body.startswith(world.a.digibank.name)
    assert len(message.body) < 200


def test_it_writes_to_an_address_given_without_a_person(world):
    message = queue_message(
        digibank=world.a.digibank,
        kind=MessageKind.DONATION_RECEIVED,
        to_email="it@company.example",
        language="en",
        context={"device_count": 12, "first_name": "Jan"},
    )

    assert message.person is None
    assert message.channel == Channel.EMAIL
    assert message.recipient == "it@company.example"
    assert "12 devices" in message.body
    assert "Hello Jan," in message.body


def test_it_keeps_a_message_without_any_address_as_skipped(world):
    message = queue_message(
        digibank=world.a.digibank,
        kind=MessageKind.REFERENCE_CODE,
        context={"reference_code": "K7P-4QD"},
    )

    assert message.status == MessageStatus.SKIPPED
    assert message.reason == MessageReason.NO_ADDRESS


def test_it_skips_a_person_who_did_not_agree_to_be_contacted(
    world, django_capture_on_commit_callbacks
):
    person = contactable(world.a, consent=False)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = queue_due_soon(world, person)

    assert message.status == MessageStatus.SKIPPED
    assert message.reason == MessageReason.NO_CONSENT
    assert message.body  # kept, so staff can see what was not sent
    assert callbacks == []
    assert not DBTaskResult.objects.exists()


def test_it_skips_a_person_who_withdrew_their_consent(world):
    person = contactable(world.a)
    consent = person.consents.get()
    withdraw_consent(consent=consent, by=act(world.a.users["coordinator"]))

    message = queue_due_soon(world, person)

    assert message.status == MessageStatus.SKIPPED
    assert message.reason == MessageReason.NO_CONSENT


@pytest.mark.parametrize(
    ("method", "reason"),
    [
        (ContactMethod.NONE, MessageReason.NOT_CONTACTABLE),
        (ContactMethod.REFERRER, MessageReason.VIA_REFERRER),
    ],
)
def test_it_skips_a_person_who_is_not_contacted_directly(world, method, reason):
    person = contactable(world.a)
    person.contact_method = method
    person.save()

    message = queue_due_soon(world, person)

    assert message.status == MessageStatus.SKIPPED
    assert message.reason == reason
    assert message.channel == Channel.NONE


def test_it_never_queues_the_same_dedupe_key_twice(world):
    person = contactable(world.a)

    first = queue_due_soon(world, person, dedupe_key="due-soon:loan-1")
    second = queue_due_soon(world, person, dedupe_key="due-soon:loan-1")

    assert first is not None
    assert second is None
    assert Message.objects.filter(dedupe_key="due-soon:loan-1").count() == 1


def test_the_same_dedupe_key_may_be_used_by_another_digibank(world):
    queue_message(
        digibank=world.a.digibank,
        kind=MessageKind.DONATION_RECEIVED,
        to_email="it@company.example",
        context={"device_count": 1},
        dedupe_key="donation-1",
    )
    other = queue_message(
        digibank=world.b.digibank,
        kind=MessageKind.DONATION_RECEIVED,
        to_email="it@company.example",
        context={"device_count": 1},
        dedupe_key="donation-1",
    )

    assert other is not None


def test_the_database_refuses_a_second_message_with_the_same_key(world):
    message = queue_due_soon(world, contactable(world.a), dedupe_key="key-1")
    copy = Message(
        digibank=message.digibank,
        kind=message.kind,
        channel=message.channel,
        language="nl",
        subject="x",
        body="x",
        dedupe_key="key-1",
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_two_messages_without_a_key_are_both_kept(world):
    person = contactable(world.a)

    queue_due_soon(world, person)
    queue_due_soon(world, person)

    assert Message.objects.filter(person=person).count() == 2


def test_it_loses_a_race_for_the_same_key_quietly(world, monkeypatch):
    person = contactable(world.a)
    queue_due_soon(world, person, dedupe_key="race")
    # Another process inserted the same key after this one looked: the check sees nothing.
    monkeypatch.setattr(services, "_already_queued", lambda digibank, key: False)

    with transaction.atomic():
        again = queue_due_soon(world, person, dedupe_key="race")
        still_usable = Message.objects.filter(dedupe_key="race").count()

    assert again is None
    assert still_usable == 1


def test_it_puts_the_sending_in_the_queue_once_committed(world, django_capture_on_commit_callbacks):
    person = contactable(world.a)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = queue_due_soon(world, person)
    assert not DBTaskResult.objects.exists()  # nothing before the commit
    for callback in callbacks:
        callback()

    task = DBTaskResult.objects.get()
    assert task.task_path == send_message.module_path
    assert task.args_kwargs == {"args": [message.pk], "kwargs": {}}
    message.refresh_from_db()
    assert message.task_id == str(task.id)


def test_a_message_for_later_is_queued_for_later(world, django_capture_on_commit_callbacks):
    later = timezone.now() + datetime.timedelta(hours=3)

    with django_capture_on_commit_callbacks(execute=True):
        queue_due_soon(world, contactable(world.a), send_after=later)

    assert DBTaskResult.objects.get().run_after == later


def test_nothing_is_queued_when_the_callers_transaction_fails(
    world, django_capture_on_commit_callbacks
):
    person = contactable(world.a)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_due_soon(world, person)
        raise RuntimeError("the caller's own work failed")

    assert callbacks == []
    assert not Message.objects.filter(person=person).exists()


def test_it_records_the_new_message_in_the_audit_trail(world):
    message = queue_due_soon(world, contactable(world.a))

    entry = AuditEntry.objects.get(object_type="messaging.message", object_id=str(message.pk))
    assert entry.action == AuditAction.CREATE
    assert entry.digibank == world.a.digibank
    assert "amelie" not in str(entry.fields).lower()


def test_it_refuses_a_message_without_the_values_its_text_needs(world):
    with pytest.raises(ValueError, match="due_date"):
        queue_message(
            digibank=world.a.digibank,
            kind=MessageKind.DUE_SOON,
            person=contactable(world.a),
            context={"device": "laptop"},
        )


def test_it_refuses_a_person_of_another_digibank(world):
    with pytest.raises(ValueError, match="another digibank"):
        queue_message(
            digibank=world.b.digibank,
            kind=MessageKind.DUE_SOON,
            person=contactable(world.a),
            context=DUE,
        )


@pytest.mark.parametrize("kind", list(REQUIRED_CONTEXT))
def test_every_kind_of_message_has_a_text_in_every_language(world, kind):
    by_email = contactable(world.a, method=ContactMethod.EMAIL)
    by_phone = contactable(world.a, first_name="Pieter", method=ContactMethod.PHONE)

    for language in ("nl", "fr", "en"):
        for person in (by_email, by_phone):
            message = queue_message(
                digibank=world.a.digibank,
                kind=kind,
                person=person,
                language=language,
                context=SAMPLE_CONTEXT,
            )

            assert message.language == language
            assert message.subject.strip()
            assert message.body.strip()
            assert "{" not in message.subject + message.body
            assert "&amp;" not in message.body  # plain text: nothing is escaped for HTML
            if person == by_phone:
                assert message.channel == Channel.SMS
                assert len(message.body) <= 320  # two text messages at most
            else:
                assert world.a.digibank.name in message.body
