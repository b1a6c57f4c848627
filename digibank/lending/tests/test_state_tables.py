"""The tables of a request, a reservation and a loan: every allowed move works with each of its
permissions and is kept in the history; every other pair, and every move without its permission,
is refused and leaves nothing behind."""

from __future__ import annotations

import pytest

from digibank.core.machine_checks import (
    MachineCase,
    check_allowed_move,
    check_move_needs_its_permission,
    check_refused_move,
    check_rollback_leaves_neither,
)
from digibank.lending.models import Allocation, AllocationStatus, DeviceRequest, Loan, LoanStatus
from digibank.lending.states import ALLOCATION_STATES, LOAN_STATES, REQUEST_STATES
from digibank.lending.tests.helpers import handed_over, new_request, reserved_request, rule
from digibank.testing import World

pytestmark = pytest.mark.django_db


def _request_case(world: World) -> MachineCase:
    bank = world.a

    def make(status: str) -> DeviceRequest:
        request = new_request(bank)
        # Put straight into `status`, with a rule so it fits every move onto the waiting list.
        DeviceRequest.objects.filter(pk=request.pk).update(
            status=status, eligibility_rule=rule(bank)
        )
        request.refresh_from_db()
        return request

    return MachineCase(
        machine=REQUEST_STATES,
        make=make,
        history=lambda request: request.events.all(),
        actor=bank.users["coordinator"],
    )


def _allocation_case(world: World) -> MachineCase:
    bank = world.a

    def make(status: str) -> Allocation:
        allocation = Allocation.objects.get(request=reserved_request(bank))
        Allocation.objects.filter(pk=allocation.pk).update(status=status)
        allocation.refresh_from_db()
        return allocation

    return MachineCase(
        machine=ALLOCATION_STATES,
        make=make,
        history=lambda allocation: allocation.events.all(),
        actor=bank.users["coordinator"],
    )


def _loan_case(world: World) -> MachineCase:
    bank = world.a

    def make(status: str) -> Loan:
        loan = handed_over(bank)
        Loan.objects.filter(pk=loan.pk).update(status=status)
        loan.refresh_from_db()
        return loan

    return MachineCase(
        machine=LOAN_STATES,
        make=make,
        history=lambda loan: loan.events.all(),
        actor=bank.users["coordinator"],
    )


CASES = {"request": _request_case, "allocation": _allocation_case, "loan": _loan_case}
MACHINES = {"request": REQUEST_STATES, "allocation": ALLOCATION_STATES, "loan": LOAN_STATES}


def _params(moves_of: str) -> list:
    return [
        pytest.param(name, source, target, id=f"{name}:{source}->{target}")
        for name, machine in MACHINES.items()
        for source, target in getattr(machine, moves_of)()
    ]


def test_the_tables_hold_the_moves_the_services_make():
    assert REQUEST_STATES.final_states == {"handed_over", "cancelled"}
    assert ALLOCATION_STATES.moves() == [
        (AllocationStatus.ACTIVE, AllocationStatus.RELEASED),
        (AllocationStatus.ACTIVE, AllocationStatus.HANDED_OVER),
    ]
    assert {target for _source, target in LOAN_STATES.moves()} == {
        LoanStatus.RETURNED,
        LoanStatus.OWNED,
        LoanStatus.LOST,
    }


@pytest.mark.parametrize(("name", "source", "target"), _params("moves"))
def test_every_allowed_move_works_with_each_of_its_permissions(world, name, source, target):
    check_allowed_move(CASES[name](world), source, target)


@pytest.mark.parametrize(("name", "source", "target"), _params("moves"))
def test_it_refuses_an_allowed_move_without_its_permission(world, name, source, target):
    check_move_needs_its_permission(CASES[name](world), source, target)


@pytest.mark.parametrize(("name", "source", "target"), _params("refused_moves"))
def test_it_refuses_every_move_outside_the_table(world, name, source, target):
    check_refused_move(CASES[name](world), source, target)


@pytest.mark.parametrize(
    ("name", "source", "target"),
    [
        ("request", "waiting", "reserved"),
        ("allocation", "active", "released"),
        ("loan", "active", "returned"),
    ],
)
def test_a_rollback_leaves_neither_the_status_nor_its_history(world, name, source, target):
    check_rollback_leaves_neither(CASES[name](world), source, target)
