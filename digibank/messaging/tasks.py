"""The background task that sends one message, and how it is put in the queue.

Tasks wait in the database (django-tasks with its database backend, see settings.TASKS) until the
worker (`manage.py run_worker`) runs them. Only the message id travels through the queue: the
message itself, with its text and status, is the row in the outbox.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django_tasks import task

from digibank.messaging.models import Message


@task()
def send_message(message_id: int) -> str:
    """Deliver one queued message; returns what happened (sent, retry, failed, ...)."""
    from digibank.messaging.sending import send_queued_message

    return send_queued_message(message_id)


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
