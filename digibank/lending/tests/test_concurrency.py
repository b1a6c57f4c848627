"""Parallel allocations on the configured database (SQLite with `make test-sqlite`, PostgreSQL
with `make test-postgres`): exactly one of many simultaneous reservations succeeds.

The cases live in `parallel_cases.py`. They run here in a pytest process of their own, whose test
database every thread can open: a SQLite file instead of the suite's private in-memory database,
or a PostgreSQL database under a name of its own.
"""

from __future__ import annotations

from pathlib import Path

from digibank.core.tests.parallel import run_parallel_cases

CASES = Path(__file__).with_name("parallel_cases.py")


def test_many_parallel_allocations_give_exactly_one_reservation_each():
    result, report = run_parallel_cases(CASES)
    assert result.returncode == 0, report
    assert "3 passed" in result.stdout, report
