from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from digibank.core.models import AuditEntry, User
from digibank.demo.reset import reset_demo
from digibank.organisations.models import Region


def seed(*args: str) -> str:
    """Runs `seed_demo` as `make demo` does: on an installation that says it is a demo."""
    out = StringIO()
    with override_settings(DEMO_MODE=True):
        call_command("seed_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture(scope="package")
def demo_output(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The demo, built once for these tests (it takes seconds) and committed to the test database.

    Each test still runs in its own transaction (`pytestmark = pytest.mark.django_db`), so what a
    test changes, including `--reset` or `--scale`, is rolled back and the next test finds the
    same demo. Afterwards `reset_demo` must leave the database as empty as it found it, or the
    other apps' tests on this worker would meet the demo's rows.
    """
    with django_db_blocker.unblock():
        output = seed()
    yield output
    with django_db_blocker.unblock():
        reset_demo()
        leftovers = {
            "regions": Region.objects.count(),
            "users": User.objects.count(),
            "audit entries": AuditEntry.objects.count(),
        }
    assert leftovers == dict.fromkeys(leftovers, 0), leftovers


@pytest.fixture
def output(demo_output, db) -> str:
    return demo_output
