"""Parallel choices of a plan step's session on the configured database (SQLite file, or
PostgreSQL): the person is enrolled once. The case lives in `parallel_cases.py` and runs in a
pytest process of its own, whose test database every thread can open."""

from __future__ import annotations

from pathlib import Path

from digibank.core.tests.parallel import run_parallel_cases

CASES = Path(__file__).with_name("parallel_cases.py")


def test_two_choices_of_a_steps_session_at_once_enrol_the_person_once():
    result, report = run_parallel_cases(CASES)
    assert result.returncode == 0, report
    assert "1 passed" in result.stdout, report
