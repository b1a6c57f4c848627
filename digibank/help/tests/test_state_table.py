"""The table of an appointment: staff (or the resident, through the service's own checks) cancel,
staff note who came; every move is kept in the history."""

from __future__ import annotations

import pytest

from digibank.core.machine_checks import (
    MachineCase,
    check_allowed_move,
    check_move_needs_its_permission,
    check_refused_move,
    check_rollback_leaves_neither,
)
from digibank.help.models import Appointment
from digibank.help.states import APPOINTMENT_STATES
from digibank.help.tests.helpers import book, in_the_past, slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world) -> MachineCase:
    def make(status: str) -> Appointment:
        at = in_the_past(slot(world.a))
        appointment = book(world.a, slot(world.a))
        Appointment.objects.filter(pk=appointment.pk).update(slot=at, **{"status": status})
        appointment.refresh_from_db()
        return appointment

    return MachineCase(
        machine=APPOINTMENT_STATES,
        make=make,
        history=lambda appointment: appointment.events.all(),
        actor=world.a.users["coordinator"],
    )


@pytest.mark.parametrize(("source", "target"), APPOINTMENT_STATES.moves())
def test_every_allowed_move_works_with_its_permission(case, source, target):
    check_allowed_move(case, source, target)


@pytest.mark.parametrize(("source", "target"), APPOINTMENT_STATES.moves())
def test_it_refuses_an_allowed_move_without_its_permission(case, source, target):
    check_move_needs_its_permission(case, source, target)


@pytest.mark.parametrize(("source", "target"), APPOINTMENT_STATES.refused_moves())
def test_it_refuses_every_move_outside_the_table(case, source, target):
    check_refused_move(case, source, target)


def test_a_rollback_leaves_neither_the_status_nor_its_history(case):
    check_rollback_leaves_neither(case, "booked", "no_show")
