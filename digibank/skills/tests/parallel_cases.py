"""Many residents press "Enrol" for the last places at the same moment: never more seats than
places, the rest on the waiting list in a fair order; parallel cancellations promote each waiting
person once.

Each thread has its own database connection, as web server workers would, and all start together
at a barrier. `test_concurrency.py` runs this module in a pytest process of its own, on a SQLite
file or on PostgreSQL (see DIGIBANK_TEST_DATABASE_FILE in test_settings.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pytest

from digibank.core.tests.parallel import refuse_a_private_database, run_together
from digibank.organisations.permissions import PUBLIC
from digibank.skills import services
from digibank.skills.models import HOLDS_A_SEAT, Enrolment, EnrolmentStatus, Session
from digibank.skills.tests.sessions_helpers import contact, enrol_public, scheduled

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

THREADS = 8


@pytest.fixture(autouse=True)
def shared_database() -> None:
    refuse_a_private_database()


def _seats(session: Session) -> tuple[int, int]:
    session.refresh_from_db()
    held = Enrolment.objects.filter(session=session, status__in=sorted(HOLDS_A_SEAT)).count()
    return session.seats_taken, held


def test_parallel_enrolments_never_overbook(world):
    session = scheduled(world.a, capacity=3)
    outcomes = run_together(
        [
            lambda index=index: services.enrol(
                by=PUBLIC, session=session, contact=contact(f"Resident {index}")
            )
            for index in range(THREADS)
        ]
    )
    assert [kind for kind, _ in outcomes].count("ok") == THREADS, outcomes
    statuses = [enrolment.status for _kind, enrolment in outcomes]
    assert statuses.count(EnrolmentStatus.ENROLLED) == 3
    assert statuses.count(EnrolmentStatus.WAITING) == THREADS - 3
    assert _seats(session) == (3, 3)


def test_parallel_cancellations_promote_each_waiting_person_once(world):
    session = scheduled(world.a, capacity=THREADS // 2)
    seated = [enrol_public(session, f"Seated {index}") for index in range(THREADS // 2)]
    waiting = [enrol_public(session, f"Waiting {index}") for index in range(THREADS // 2)]
    outcomes = run_together(
        [
            lambda enrolment=enrolment: services.cancel_enrolment(by=PUBLIC, enrolment=enrolment)
            for enrolment in seated
        ]
    )
    assert [kind for kind, _ in outcomes].count("ok") == len(seated), outcomes
    promoted = [e.pk for _kind, group in outcomes for e in group]
    assert sorted(promoted) == sorted(e.pk for e in waiting)
    assert _seats(session) == (THREADS // 2, THREADS // 2)


def test_enrolments_and_cancellations_together_keep_the_count(world):
    session = scheduled(world.a, capacity=2)
    seated = [enrol_public(session, f"Seated {index}") for index in range(2)]
    tasks: list[Callable[[], Any]] = [
        partial(services.cancel_enrolment, by=PUBLIC, enrolment=enrolment) for enrolment in seated
    ]
    for index in range(THREADS - 2):
        tasks.append(partial(enrol_public, session, f"New {index}"))
    outcomes = run_together(tasks)
    assert all(kind == "ok" for kind, _ in outcomes), outcomes
    assert _seats(session) == (2, 2)
