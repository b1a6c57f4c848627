"""Many residents press "Book" for the last seats at the same moment: never more bookings than
helpers.

Each thread has its own database connection, as web server workers would, and all start together
at a barrier. `test_concurrency.py` runs this module in a pytest process of its own, on a SQLite
file or on PostgreSQL (see DIGIBANK_TEST_DATABASE_FILE in test_settings.py).
"""

from __future__ import annotations

import pytest

from digibank.core.tests.parallel import refuse_a_private_database, run_together
from digibank.help import services
from digibank.help.models import Appointment, AppointmentStatus, Slot
from digibank.help.tests.helpers import book, slot
from digibank.organisations.permissions import PUBLIC

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

THREADS = 8


@pytest.fixture(autouse=True)
def shared_database() -> None:
    refuse_a_private_database()


def seats_held(at: Slot) -> int:
    return Appointment.objects.filter(slot=at).exclude(status=AppointmentStatus.CANCELLED).count()


def test_many_residents_booking_the_last_two_seats_at_once(world):
    at = slot(world.a, capacity=2)
    outcomes = run_together(
        [
            lambda index=index: book(world.a, at, name=f"Resident {index}")
            for index in range(THREADS)
        ]
    )
    kinds = [kind for kind, _ in outcomes]
    assert kinds.count("ok") == 2, outcomes
    assert kinds.count("refused") == THREADS - 2, outcomes
    for kind, error in outcomes:
        if kind == "refused":
            assert "fully booked" in error.message
    at.refresh_from_db()
    assert at.booked == 2 == seats_held(at)


def test_many_appointments_moving_to_the_last_seat_at_once(world):
    target = slot(world.a, days=6, capacity=1)
    sources = [slot(world.a, days=3 + index / 10, capacity=1) for index in range(THREADS)]
    appointments = [book(world.a, source) for source in sources]
    outcomes = run_together(
        [
            lambda appointment=appointment: services.move_appointment(
                appointment=appointment, slot=target, by=PUBLIC
            )
            for appointment in appointments
        ]
    )
    kinds = [kind for kind, _ in outcomes]
    assert kinds.count("ok") == 1, outcomes
    assert kinds.count("refused") == THREADS - 1, outcomes
    target.refresh_from_db()
    assert target.booked == 1 == seats_held(target)
    assert sum(Slot.objects.get(pk=s.pk).booked for s in sources) == THREADS - 1


def test_cancelling_one_appointment_many_times_at_once_gives_back_one_seat(world):
    at = slot(world.a, capacity=3)
    appointment = book(world.a, at)
    book(world.a, at)
    outcomes = run_together(
        [
            lambda: services.cancel_appointment(appointment=appointment, by=PUBLIC)
            for _ in range(THREADS)
        ]
    )
    kinds = [kind for kind, _ in outcomes]
    assert kinds.count("ok") == 1, outcomes
    at.refresh_from_db()
    assert at.booked == 1 == seats_held(at)
