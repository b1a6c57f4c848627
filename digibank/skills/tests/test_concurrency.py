"""Parallel enrolments on the configured database (SQLite file, or PostgreSQL): the seats of a
session never exceed its places, and cancellations promote each waiting person once.

The cases live in `parallel_cases.py`; they run here in a pytest process of their own, whose test
database every thread can open (see `digibank.core.tests.parallel`).
"""

from __future__ import annotations

from pathlib import Path

from digibank.core.tests.parallel import run_parallel_cases

CASES = Path(__file__).with_name("parallel_cases.py")


def test_parallel_enrolments_never_overbook_and_promote_once():
    result, report = run_parallel_cases(CASES)
    assert result.returncode == 0, report
    assert "3 passed" in result.stdout, report
