"""The reminder planner: sources registered by other apps, planned once, sent by the worker."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from digibank.messaging import reminders
from digibank.messaging.models import Message, MessageKind, MessageReason, MessageStatus
from digibank.messaging.reminders import ReminderDue, plan, plan_reminders, register
from digibank.messaging.sending import SENDING_TIMEOUT
from digibank.messaging.services import queue_message
from digibank.messaging.tasks import recover_stalled_messages
from digibank.messaging.testing import contactable
from digibank.messaging.worker import (
    TASK_RESULTS_KEPT,
    prune_finished_tasks,
    queue_planning,
    run_pending_tasks,
)

TODAY = datetime.date(2025, 3, 1)


def due_soon_source(people):
    """A source like lending's: every loan ending in three days gets one reminder."""

    def source(today: datetime.date):
        for person in people:
            due_date = today + datetime.timedelta(days=3)
            yield ReminderDue(
                digibank=person.digibank,
                person=person,
                kind=MessageKind.DUE_SOON,
                context={"device": "laptop", "due_date": due_date},
                dedupe_key=f"due-soon:person-{person.pk}:{due_date.isoformat()}",
            )

    return source


@pytest.mark.django_db
def test_it_queues_a_message_for_every_reminder_due(world, reminder_sources):
    people = [contactable(world.a), contactable(world.b, first_name="Lotte", language="nl")]
    register(due_soon_source(people))

    report = plan(TODAY)

    assert report.queued == 2
    messages = Message.objects.filter(kind=MessageKind.DUE_SOON)
    assert {message.person for message in messages} == set(people)
    assert {message.digibank for message in messages} == {world.a.digibank, world.b.digibank}
    assert all("4 " in message.body for message in messages)  # due 4 March


@pytest.mark.django_db
def test_planning_twice_queues_nothing_twice(world, reminder_sources):
    register(due_soon_source([contactable(world.a)]))

    plan(TODAY)
    again = plan(TODAY)

    assert again.queued == 0
    assert again.already_planned == 1
    assert Message.objects.count() == 1


@pytest.mark.django_db
def test_the_next_day_brings_the_next_reminder(world, reminder_sources):
    register(due_soon_source([contactable(world.a)]))

    plan(TODAY)
    plan(TODAY + datetime.timedelta(days=1))

    assert Message.objects.count() == 2


@pytest.mark.django_db
def test_a_person_who_opted_out_gets_a_skipped_reminder(world, reminder_sources):
    register(due_soon_source([contactable(world.a, consent=False)]))

    report = plan(TODAY)

    assert report.skipped == 1
    assert Message.objects.get().reason == MessageReason.NO_CONSENT


@pytest.mark.django_db
def test_a_failing_source_does_not_stop_the_others(world, reminder_sources, caplog):
    def broken(today):
        raise RuntimeError("the loans table is gone")

    register(broken)
    register(due_soon_source([contactable(world.a)]))

    report = plan(TODAY)

    assert report.queued == 1
    assert report.failed_sources == [f"{broken.__module__}.{broken.__qualname__}"]
    assert "the loans table is gone" in caplog.text


@pytest.mark.django_db
def test_a_reminder_that_cannot_be_written_is_counted_and_the_rest_go_on(world, reminder_sources):
    person = contactable(world.a)

    def source(today):
        yield ReminderDue(world.a.digibank, person, MessageKind.OVERDUE, {}, "overdue:broken")
        yield ReminderDue(
            world.a.digibank,
            person,
            MessageKind.OVERDUE,
            {"device": "laptop", "due_date": today},
            "overdue:fine",
        )

    register(source)

    report = plan(TODAY)

    assert report.failed == 1
    assert report.queued == 1
    assert Message.objects.get().dedupe_key == "overdue:fine"


def test_a_source_is_registered_once(reminder_sources):
    def source(today):
        return []

    register(source)
    register(source)

    assert reminders.sources().count(source) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_plans_and_sends_the_reminders(world, reminder_sources, smtp_server):
    person = contactable(world.a, language="en")
    register(due_soon_source([person]))

    assert queue_planning() is True
    assert queue_planning() is False  # already waiting: not queued twice
    run_pending_tasks()

    planner = DBTaskResult.objects.get(task_path=plan_reminders.module_path)
    assert planner.status == TaskResultStatus.SUCCESSFUL
    assert planner.return_value["queued"] == 1
    assert len(smtp_server.received) == 1
    assert smtp_server.received[0]["To"] == person.email
    assert "Please bring back your laptop" in smtp_server.received[0]["Subject"]
    assert Message.objects.get().status == MessageStatus.SENT


@pytest.mark.django_db
def test_a_message_cut_off_while_sending_is_marked_failed(world):
    message = queue_message(
        digibank=world.a.digibank,
        kind=MessageKind.DONATION_RECEIVED,
        to_email="it@company.example",
        context={"device_count": 2},
    )
    long_ago = timezone.now() - SENDING_TIMEOUT - datetime.timedelta(minutes=1)
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENDING, updated_at=long_ago)

    assert recover_stalled_messages() == 1

    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert message.reason == MessageReason.INTERRUPTED


@pytest.mark.django_db
def test_a_queued_message_whose_task_is_gone_is_queued_again(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_message(
            digibank=world.a.digibank,
            kind=MessageKind.DONATION_RECEIVED,
            to_email="it@company.example",
            context={"device_count": 2},
        )
    DBTaskResult.objects.all().delete()  # the queue was emptied by hand
    Message.objects.filter(pk=message.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert recover_stalled_messages() == 1

    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [message.pk]


@pytest.mark.django_db
def test_a_queued_message_whose_task_still_waits_is_left_alone(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_message(
            digibank=world.a.digibank,
            kind=MessageKind.DONATION_RECEIVED,
            to_email="it@company.example",
            context={"device_count": 2},
        )
    Message.objects.filter(pk=message.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )

    assert recover_stalled_messages() == 0
    assert DBTaskResult.objects.count() == 1


@pytest.mark.django_db
def test_finished_task_results_are_forgotten_after_a_month(world):
    old = plan_reminders.enqueue()
    recent = plan_reminders.enqueue()
    waiting = plan_reminders.enqueue()
    DBTaskResult.objects.filter(pk__in=[old.id, recent.id]).update(
        status=TaskResultStatus.SUCCESSFUL, finished_at=timezone.now()
    )
    DBTaskResult.objects.filter(pk=old.id).update(
        finished_at=timezone.now() - TASK_RESULTS_KEPT - datetime.timedelta(days=1)
    )

    assert prune_finished_tasks() == 1

    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {
        uuid.UUID(recent.id),
        uuid.UUID(waiting.id),
    }
