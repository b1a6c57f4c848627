"""The whole path of an email: queue_message → commit → task in the database → the worker → a real
SMTP server on 127.0.0.1 (aiosmtpd). The database is committed for real (transactional tests), as
in production; the rows that migrations loaded are restored after each test.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from digibank.messaging import sending
from digibank.messaging.models import Message, MessageKind, MessageReason, MessageStatus
from digibank.messaging.services import queue_message, send_again
from digibank.messaging.tasks import send_message
from digibank.messaging.testing import contactable
from digibank.messaging.worker import run_pending_tasks
from digibank.testing import act

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DUE = {"device": "laptop", "due_date": datetime.date(2025, 3, 4), "hub_name": "Bibliotheek"}


def queue_due_soon(world, person, **extra) -> Message:
    message = queue_message(
        digibank=world.a.digibank, kind=MessageKind.DUE_SOON, person=person, context=DUE, **extra
    )
    assert message is not None
    return message


def reloaded(message: Message) -> Message:
    return Message.objects.get(pk=message.pk)


def test_a_queued_email_reaches_the_mail_server(world, smtp_server):
    person = contactable(world.a, language="fr", email="amelie.dubois@example.be")
    message = queue_due_soon(world, person)

    run_pending_tasks()

    assert len(smtp_server.received) == 1
    received = smtp_server.received[0]
    assert received["To"] == "amelie.dubois@example.be"
    assert received["From"] == "Digibank Mechelen <noreply@digibank.example>"
    assert received["Subject"] == message.subject
    assert received["Content-Language"] == "fr"
    assert received["Auto-Submitted"] == "auto-generated"
    text = received.get_content()
    assert "Amélie" in text
    assert "mardi 4 mars 2025" in text  # written in the person's language
    assert smtp_server.envelopes[0].rcpt_tos == ["amelie.dubois@example.be"]
    sent = reloaded(message)
    assert sent.status == MessageStatus.SENT
    assert sent.sent_at is not None
    assert sent.attempts == 1
    assert sent.last_error == ""
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_a_message_for_later_waits_until_its_time(world, smtp_server):
    message = queue_due_soon(
        world, contactable(world.a), send_after=timezone.now() + datetime.timedelta(hours=2)
    )

    run_pending_tasks()
    assert smtp_server.received == []
    assert reloaded(message).status == MessageStatus.QUEUED

    DBTaskResult.objects.update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    Message.objects.filter(pk=message.pk).update(send_after=timezone.now())
    run_pending_tasks()
    assert len(smtp_server.received) == 1
    assert reloaded(message).status == MessageStatus.SENT


def test_a_refused_address_fails_at_once_with_the_servers_answer(world, smtp_server):
    smtp_server.always = "550 5.1.1 No such mailbox here"
    message = queue_due_soon(world, contactable(world.a))

    run_pending_tasks()

    failed = reloaded(message)
    assert failed.status == MessageStatus.FAILED
    assert failed.reason == MessageReason.REFUSED
    assert failed.attempts == 1
    assert "550" in failed.last_error
    assert "No such mailbox" in failed.last_error
    assert smtp_server.received == []


def test_a_busy_server_is_tried_again_later(world, smtp_server):
    smtp_server.always = "451 4.3.0 Try again later"
    message = queue_due_soon(world, contactable(world.a))
    before = timezone.now()

    run_pending_tasks()

    waiting = reloaded(message)
    assert waiting.status == MessageStatus.QUEUED
    assert waiting.attempts == 1
    assert "451" in waiting.last_error
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.task_path == send_message.module_path
    assert retry.run_after >= before + datetime.timedelta(seconds=sending.RETRY_DELAYS[0])
    assert waiting.task_id == str(retry.id)


def test_it_gives_up_after_a_few_attempts(world, smtp_server, no_retry_wait):
    smtp_server.always = "451 4.3.0 Try again later"
    message = queue_due_soon(world, contactable(world.a))

    run_pending_tasks()

    failed = reloaded(message)
    assert failed.status == MessageStatus.FAILED
    assert failed.reason == MessageReason.GAVE_UP
    assert failed.attempts == sending.MAX_ATTEMPTS
    assert "451" in failed.last_error
    assert DBTaskResult.objects.count() == sending.MAX_ATTEMPTS


def test_it_is_sent_when_the_server_accepts_it_the_second_time(world, smtp_server, no_retry_wait):
    smtp_server.answers = ["421 4.7.0 Too busy, come back later"]
    message = queue_due_soon(world, contactable(world.a))

    run_pending_tasks()

    sent = reloaded(message)
    assert sent.status == MessageStatus.SENT
    assert sent.attempts == 2
    assert len(smtp_server.received) == 1


def test_a_closed_port_fails_after_the_retries_with_the_error(
    world, closed_smtp_port, no_retry_wait
):
    message = queue_due_soon(world, contactable(world.a))

    run_pending_tasks()

    failed = reloaded(message)
    assert failed.status == MessageStatus.FAILED
    assert failed.reason == MessageReason.GAVE_UP
    assert failed.attempts == sending.MAX_ATTEMPTS
    assert "cannot be reached" in failed.last_error
    assert "refused" in failed.last_error.lower()


def test_a_failed_message_sent_again_arrives(world, smtp_server):
    smtp_server.always = "550 5.1.1 No such mailbox here"
    message = queue_due_soon(world, contactable(world.a))
    run_pending_tasks()
    assert reloaded(message).status == MessageStatus.FAILED

    smtp_server.always = ""
    send_again(message=reloaded(message), by=act(world.a.users["coordinator"]))
    run_pending_tasks()

    sent = reloaded(message)
    assert sent.status == MessageStatus.SENT
    assert sent.attempts == 1
    assert len(smtp_server.received) == 1


def test_a_message_is_sent_once_even_when_its_task_runs_twice(world, smtp_server):
    message = queue_due_soon(world, contactable(world.a))
    send_message.enqueue(message.pk)  # a stray second task for the same message

    run_pending_tasks()

    assert len(smtp_server.received) == 1
    assert reloaded(message).attempts == 1
