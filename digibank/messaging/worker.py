"""The background worker: runs the tasks waiting in the database and plans reminders.

`manage.py run_worker` starts it. One worker process is enough for an installation: every app
process (gunicorn worker, machine) puts its tasks in the shared database, and the worker takes
them from there. The worker is the database backend's own (django_tasks_db), run in batch mode in
a loop, so that between two batches it can put `plan_reminders` in the queue every few minutes.
Several workers may run at once (each task is claimed by one of them; reminders carry a dedupe
key), but one is enough.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import time
from dataclasses import dataclass

from django.db import DatabaseError, OperationalError, connections
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from digibank.messaging.reminders import plan_reminders

logger = logging.getLogger(__name__)

TASK_RESULTS_KEPT = datetime.timedelta(days=30)


def _worker(worker_id: str = "") -> Worker:
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id=(worker_id or f"{socket.gethostname()}-{os.getpid()}")[:64],
        excluded_queue_names=[],
    )


def run_pending_tasks() -> None:
    """Run every task that is due now, then return (tests, one-off maintenance).

    Like the worker itself, call it outside any transaction: each task commits its own work.
    """
    _worker().run()


def queue_planning() -> bool:
    """Put `plan_reminders` in the queue, unless it is waiting there already."""
    waiting = DBTaskResult.objects.ready().filter(task_path=plan_reminders.module_path).exists()
    if waiting:
        return False
    plan_reminders.enqueue()
    return True


def prune_finished_tasks(now: datetime.datetime | None = None) -> int:
    """Forget finished task results after TASK_RESULTS_KEPT; the outbox keeps what matters."""
    cutoff = (now or timezone.now()) - TASK_RESULTS_KEPT
    deleted, _by_model = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted


@dataclass
class Loop:
    """Run due tasks; every `plan_every` seconds queue the reminder planner first."""

    plan_every: float
    poll_interval: float
    worker_id: str = ""

    def run(self) -> None:
        # The database worker logs every start and end of a batch at INFO: once a second here.
        logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
        worker = _worker(self.worker_id)
        worker.configure_signals()
        next_plan = time.monotonic()
        while worker.running:
            if self.plan_every and time.monotonic() >= next_plan:
                try:
                    queue_planning()
                    prune_finished_tasks()
                except OperationalError:  # SQLite busy: try again in the next round
                    logger.warning("Could not queue the reminder planner; trying again soon.")
                else:
                    next_plan = time.monotonic() + self.plan_every
            try:
                worker.run()
            except DatabaseError:
                # The database went away (restart, network): wait and try again, do not die.
                logger.exception("The worker cannot reach the database; trying again soon.")
                connections.close_all()
                time.sleep(max(self.poll_interval, 5))
                continue
            if worker.running:
                time.sleep(self.poll_interval)
