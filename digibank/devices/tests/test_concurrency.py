"""Asset tags under concurrency, on the configured database (SQLite with `make test-sqlite`,
PostgreSQL with `make test-postgres`): no two devices ever get the same tag.

The cases live in `parallel_cases.py` and run in a pytest process of their own, whose test
database every thread can open: a SQLite file instead of the suite's private in-memory database,
or a PostgreSQL database under a name of its own.
"""

from __future__ import annotations

from pathlib import Path

from digibank.core.tests.parallel import run_parallel_cases

CASES = Path(__file__).with_name("parallel_cases.py")


def test_devices_registered_at_the_same_moment_get_different_asset_tags():
    result, report = run_parallel_cases(CASES)
    assert result.returncode == 0, report
    assert "1 passed" in result.stdout, report
