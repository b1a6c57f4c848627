"""Runs a module of parallel test cases in a pytest process of its own, on a shared database.

Cases where several threads write at once (two staff members reserving the last device, asset
tags handed out at the same moment) need one database that every thread's connection opens, with
real locking. The suite's in-memory SQLite is one connection's private database, so such a module
(named `parallel_cases.py`, which the suite does not collect) runs in a child pytest with
DIGIBANK_TEST_DATABASE_FILE set: a SQLite file, or a PostgreSQL database of its own (see
`digibank/test_settings.py`). Both databases thus prove the same cases. The cases themselves
start their threads with `run_together` and refuse the suite's private database with
`refuse_a_private_database` (in an autouse fixture).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

from digibank.core.errors import DomainError

ROOT = Path(__file__).resolve().parents[3]


def run_parallel_cases(cases: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """The finished child pytest run of `cases` and the end of its output, for the assertion."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(cases), "-q", "-p", "no:xdist", "-W", "error"],
        cwd=ROOT,
        env={**os.environ, "DIGIBANK_TEST_DATABASE_FILE": "1", "DJANGO_ALLOW_ASYNC_UNSAFE": "true"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return result, result.stdout[-5000:] + result.stderr[-5000:]


def run_together(tasks: list[Callable[[], Any]]) -> list[tuple[str, Any]]:
    """Run each task in its own thread with its own connection, all released at once by a
    barrier, as web server workers would: ("ok", result), ("refused", DomainError) or
    ("error", exception) for each task, in order."""
    barrier = threading.Barrier(len(tasks))
    results: list[tuple[str, Any]] = [("missing", None)] * len(tasks)

    def work(index: int, task: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = ("ok", task())
        except DomainError as error:
            results[index] = ("refused", error)
        except Exception as error:
            results[index] = ("error", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=pair) for pair in enumerate(tasks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return results


def refuse_a_private_database() -> None:
    """Fail a parallel case run by the suite itself: its in-memory SQLite is one connection's
    private database, so the threads would not meet. `run_parallel_cases` runs them on a file."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    if isinstance(wrapper, SQLiteWrapper) and wrapper.is_in_memory_db():
        pytest.fail("Run these through test_concurrency.py: threads need a database file.")
