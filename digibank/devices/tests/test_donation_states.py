"""The table of a donation: every allowed move works with each of its permissions and is kept in
the history; every other pair, and every move without its permission, is refused."""

from __future__ import annotations

import pytest

from digibank.core.machine_checks import (
    MachineCase,
    check_allowed_move,
    check_move_needs_its_permission,
    check_refused_move,
    check_rollback_leaves_neither,
)
from digibank.devices.lifecycle import DONATION_STATES
from digibank.devices.models import Donation
from digibank.devices.tests.helpers import make_donation

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world) -> MachineCase:
    def make(status: str) -> Donation:
        donation = make_donation(world.a.digibank)
        Donation.objects.filter(pk=donation.pk).update(status=status)
        donation.refresh_from_db()
        return donation

    return MachineCase(
        machine=DONATION_STATES,
        make=make,
        history=lambda donation: donation.events.all(),
        actor=world.a.users["technician"],
    )


@pytest.mark.parametrize(("source", "target"), DONATION_STATES.moves())
def test_every_allowed_move_works_with_each_of_its_permissions(case, source, target):
    check_allowed_move(case, source, target)


@pytest.mark.parametrize(("source", "target"), DONATION_STATES.moves())
def test_it_refuses_an_allowed_move_without_its_permission(case, source, target):
    check_move_needs_its_permission(case, source, target)


@pytest.mark.parametrize(("source", "target"), DONATION_STATES.refused_moves())
def test_it_refuses_every_move_outside_the_table(case, source, target):
    check_refused_move(case, source, target)


def test_a_rollback_leaves_neither_the_status_nor_its_history(case):
    check_rollback_leaves_neither(case, "offered", "accepted")
