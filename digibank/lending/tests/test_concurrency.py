"""Parallel allocations on the configured database (SQLite with `make test-sqlite`, PostgreSQL
with `make test-postgres`): exactly one of many simultaneous reservations succeeds.

The cases live in `parallel_cases.py`. They run here in a pytest process of their own, whose test
database every thread can open: a SQLite file instead of the suite's private in-memory database,
or a PostgreSQL database under a name of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CASES = Path(__file__).with_name("parallel_cases.py")
ROOT = Path(__file__).resolve().parents[3]


def test_many_parallel_allocations_give_exactly_one_reservation_each():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(CASES), "-q", "-p", "no:xdist", "-W", "error"],
        cwd=ROOT,
        env={**os.environ, "DIGIBANK_TEST_DATABASE_FILE": "1", "DJANGO_ALLOW_ASYNC_UNSAFE": "true"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = result.stdout[-5000:] + result.stderr[-5000:]
    assert result.returncode == 0, report
    assert "3 passed" in result.stdout, report
