"""`manage.py run_worker` as `make demo` and production start it: a separate process that takes
the tasks from the shared database, sends the mail, and stops cleanly on SIGTERM.
"""

from __future__ import annotations

import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django_tasks_db.models import DBTaskResult

from digibank.messaging.models import MessageKind
from digibank.messaging.reminders import plan_reminders
from digibank.messaging.services import queue_message
from digibank.messaging.testing import contactable

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def database_url_for_another_process(tmp_path: Path) -> str:
    """The test database, as another process can open it (committed rows only)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        # The test database lives in memory: give the worker a copy in a file.
        path = tmp_path / "worker.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_the_worker_process_sends_what_the_app_queued_and_stops_on_sigterm(
    world, smtp_server, tmp_path
):
    person = contactable(world.a, language="fr")
    queue_message(
        digibank=world.a.digibank,
        kind=MessageKind.OVERDUE,
        person=person,
        context={"device": "laptop", "due_date": datetime.date(2025, 3, 4)},
    )
    database_url = database_url_for_another_process(tmp_path)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "digibank.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "a-secret-key-for-the-worker-process-test-only",
        "VAR_DIR": str(tmp_path),
        "EMAIL_BACKEND": "smtp",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_server.port),
        "SMS_BACKEND": "file",
        "LOG_LEVEL": "WARNING",
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--plan-every", "15", "--interval", "0.2"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if smtp_server.received and planner_statuses(database_url) == ["SUCCESSFUL"]:
                break
            if worker.poll() is not None:
                break
            time.sleep(0.2)
        assert worker.poll() is None, worker.communicate()[0]
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()

    assert len(smtp_server.received) == 1, output
    assert smtp_server.received[0]["To"] == person.email
    assert "4 mars 2025" in smtp_server.received[0].get_content()
    assert worker.returncode == 0, output
    assert "Worker running" in output
    assert planner_statuses(database_url) == ["SUCCESSFUL"]  # planned once at start


def planner_statuses(database_url: str) -> list[str]:
    """What became of the reminder planner tasks in the worker's database."""
    if database_url.startswith("sqlite:///"):
        with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as db:
            rows = db.execute(
                "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path = ?",
                [plan_reminders.module_path],
            ).fetchall()
        return [status for (status,) in rows]
    return list(
        DBTaskResult.objects.filter(task_path=plan_reminders.module_path).values_list(
            "status", flat=True
        )
    )


def test_it_refuses_a_negative_planning_interval():
    with pytest.raises(CommandError, match="between 0 and 10000"):
        call_command("run_worker", "--plan-every", "-5")
