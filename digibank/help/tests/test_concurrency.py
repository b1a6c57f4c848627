"""Parallel bookings on the configured database (SQLite here, PostgreSQL with
`make test-postgres`): a time never gets more bookings than helpers.

The cases live in `parallel_cases.py` and run in a pytest process of their own, whose test
database every thread can open.
"""

from __future__ import annotations

from pathlib import Path

from digibank.core.tests.parallel import run_parallel_cases

CASES = Path(__file__).with_name("parallel_cases.py")


def test_parallel_bookings_never_overbook_a_time():
    result, report = run_parallel_cases(CASES)
    assert result.returncode == 0, report
    assert "3 passed" in result.stdout, report
