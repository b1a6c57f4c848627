"""The background task that sends one message, and how it is put in the queue.

Tasks wait in the database (django-tasks with its database backend, see settings.TASKS) until the
worker (`manage.py run_worker`) runs them. Only the message id travels through the queue: the
message itself, with its text and status, is the row in the outbox.

The queue sits on top of the delivery: this module calls `sending.attempt` and schedules again
what must wait; `sending` never imports it back.
"""

from __future__ import annotations

import datetime

from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from digibank.messaging import sending
from digibank.messaging.models import Message, MessageStatus

# A queued message whose task is gone after this long is put in the queue again.
QUEUED_GRACE = datetime.timedelta(minutes=10)


@task()
def send_message(message_id: int) -> str:
    """Deliver one queued message; returns what happened (sent, retry, failed, ...)."""
    return send_queued_message(message_id)


def send_queued_message(message_id: int, *, connection: BaseEmailBackend | None = None) -> str:
    """The work of the `send_message` task; `connection` as in `sending.deliver`."""
    attempt = sending.attempt(message_id, connection=connection)
    message, run_after = attempt.message, attempt.run_after
    # A retry is queued even where the backend cannot defer: it then runs as soon as it can.
    if message is None or run_after is None:
        return attempt.outcome
    if attempt.outcome == "retry" or can_defer():
        schedule_sending(message, run_after=run_after)
    return attempt.outcome


def can_defer() -> bool:
    """Whether the configured task backend can hold a task until a given time."""
    return send_message.get_backend().supports_defer


def schedule_sending(message: Message, *, run_after: datetime.datetime | None = None) -> None:
    """Put the sending of `message` in the queue once the current transaction is committed.

    The worker never sees a message that was rolled back, and a message is always saved before
    its task can run.
    """
    message_id = message.pk

    def enqueue() -> None:
        queued = send_message
        if run_after is not None and can_defer():
            queued = send_message.using(run_after=run_after)
        result = queued.enqueue(message_id)
        Message.objects.filter(pk=message_id).update(task_id=str(result.id)[:64])

    transaction.on_commit(enqueue)


def _task_is_pending(task_id: str) -> bool:
    backend = send_message.get_backend()
    if not task_id or not backend.supports_get_result:
        return False
    try:
        result = send_message.get_result(task_id)
    except TaskResultDoesNotExist:  # an unknown id, or a result that was pruned
        return False
    return result.status in {TaskResultStatus.READY, TaskResultStatus.RUNNING}


def recover_stalled_messages(now: datetime.datetime | None = None) -> int:
    """Put lost messages back on track; returns how many were touched.

    A message "being sent" for longer than `sending.SENDING_TIMEOUT` was cut off by a stopped
    worker: it is marked failed (`sending.fail_interrupted`). A queued message whose task is no
    longer waiting (the queue was emptied, the task failed) is put in the queue again.
    """
    now = now or timezone.now()
    interrupted = sending.fail_interrupted(now)
    requeued = 0
    waiting = Message.objects.filter(
        status=MessageStatus.QUEUED, updated_at__lt=now - QUEUED_GRACE
    ).exclude(send_after__gt=now)
    for message in waiting.only("pk", "task_id"):
        if not _task_is_pending(message.task_id):
            with transaction.atomic():
                schedule_sending(message)
            requeued += 1
    return interrupted + requeued
