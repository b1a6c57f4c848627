"""Erasing a person takes their messages with them: a queued one never leaves afterwards. The
database is committed for real, as in production, so the queued task is really in the queue."""

from __future__ import annotations

import datetime

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, AuditEntry
from digibank.messaging.models import Message, MessageKind, MessageStatus
from digibank.messaging.services import queue_message
from digibank.messaging.testing import contactable
from digibank.messaging.worker import run_pending_tasks
from digibank.people.models import Person
from digibank.people.services import delete_person
from digibank.testing import act

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DUE = {"device": "laptop", "due_date": datetime.date(2025, 3, 4), "hub_name": "Bibliotheek"}


def queue_due_soon(world, person) -> Message:
    message = queue_message(
        digibank=world.a.digibank, kind=MessageKind.DUE_SOON, person=person, context=DUE
    )
    assert message is not None
    return message


def test_a_queued_message_is_not_sent_after_the_person_is_erased(world, smtp_server):
    erased = contactable(world.a, email="amelie.dubois@example.be")
    kept = contactable(world.a, first_name="Jan", last_name="Claes", email="jan@example.be")
    gone = queue_due_soon(world, erased)
    queue_due_soon(world, kept)
    assert DBTaskResult.objects.count() == 2
    erased_id = erased.pk

    delete_person(person=erased, by=act(world.a.users["coordinator"]))
    run_pending_tasks()

    assert [received["To"] for received in smtp_server.received] == ["jan@example.be"]
    assert not Message.objects.filter(pk=gone.pk).exists()
    assert not Message.objects.filter(person_id=erased_id).exists()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {
        TaskResultStatus.SUCCESSFUL
    }
    entry = AuditEntry.objects.get(action=AuditAction.DELETE, object_id=str(erased_id))
    assert {"messaging.message", "messaging.message.recipient"} <= set(entry.fields)
    assert "amelie.dubois@example.be" not in str(entry.fields)


def test_it_refuses_to_erase_while_a_message_to_the_person_is_leaving(world):
    person = contactable(world.a)
    message = queue_due_soon(world, person)
    # What the worker does when it takes the message: it is on its way to the mail server.
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENDING)

    with pytest.raises(DomainError, match="being sent right now"):
        delete_person(person=person, by=act(world.a.users["coordinator"]))

    assert Person.objects.filter(pk=person.pk).exists()
    assert Message.objects.filter(pk=message.pk).exists()
