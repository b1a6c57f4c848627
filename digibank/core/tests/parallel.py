"""Runs a module of parallel test cases in a pytest process of its own, on a shared database.

Cases where several threads write at once (two staff members reserving the last device, asset
tags handed out at the same moment) need one database that every thread's connection opens, with
real locking. The suite's in-memory SQLite is one connection's private database, so such a module
(named `parallel_cases.py`, which the suite does not collect) runs in a child pytest with
DIGIBANK_TEST_DATABASE_FILE set: a SQLite file, or a PostgreSQL database of its own (see
`digibank/test_settings.py`). Both databases thus prove the same cases.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
