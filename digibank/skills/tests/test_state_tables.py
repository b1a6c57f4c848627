"""The tables of an enrolment and a session: every allowed move works with each of its
permissions and is kept in the history; every other pair, and every move without its permission,
is refused and leaves nothing behind. Moves into and out of a seat keep the session's count."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from digibank.core.errors import DomainError
from digibank.core.machine_checks import (
    MachineCase,
    check_allowed_move,
    check_move_needs_its_permission,
    check_refused_move,
    check_rollback_leaves_neither,
)
from digibank.core.states import StateMachine, system_can
from digibank.organisations.permissions import SYSTEM
from digibank.skills.models import HOLDS_A_SEAT, Enrolment, EnrolmentStatus, Session
from digibank.skills.states import ENROLMENT_STATES, SESSION_STATES
from digibank.skills.tests.sessions_helpers import plain_enrolment, plain_session
from digibank.testing import World

pytestmark = pytest.mark.django_db


def _enrolment_case(world: World) -> MachineCase:
    return MachineCase(
        machine=ENROLMENT_STATES,
        make=lambda status: plain_enrolment(plain_session(world.a), status),
        history=lambda enrolment: enrolment.events.all(),
        actor=world.a.users["trainer"],
    )


def _session_case(world: World) -> MachineCase:
    def make(status: str) -> Session:
        session = plain_session(world.a)
        Session.objects.filter(pk=session.pk).update(status=status)
        session.refresh_from_db()
        return session

    return MachineCase(
        machine=SESSION_STATES,
        make=make,
        history=lambda session: session.events.all(),
        actor=world.a.users["coordinator"],
    )


CASES = {"enrolment": _enrolment_case, "session": _session_case}
MACHINES: dict[str, StateMachine] = {"enrolment": ENROLMENT_STATES, "session": SESSION_STATES}


def _pairs(kind: str) -> list:
    machine = MACHINES[kind]
    return [(kind, *pair) for pair in machine.moves()]


def _refused(kind: str) -> list:
    return [(kind, *pair) for pair in MACHINES[kind].refused_moves()]


ALLOWED = [row for kind in MACHINES for row in _pairs(kind)]
REFUSED = [row for kind in MACHINES for row in _refused(kind)]


@pytest.mark.parametrize(("kind", "source", "target"), ALLOWED)
def test_every_allowed_move_works_with_each_of_its_permissions(world, kind, source, target):
    check_allowed_move(CASES[kind](world), source, target)


@pytest.mark.parametrize(("kind", "source", "target"), ALLOWED)
def test_every_move_is_refused_without_its_permission(world, kind, source, target):
    check_move_needs_its_permission(CASES[kind](world), source, target)


@pytest.mark.parametrize(("kind", "source", "target"), REFUSED)
def test_every_other_pair_is_refused_and_leaves_nothing(world, kind, source, target):
    check_refused_move(CASES[kind](world), source, target)


@pytest.mark.parametrize("kind", list(MACHINES))
def test_a_rolled_back_move_leaves_neither_state_nor_history(world, kind):
    source, target = MACHINES[kind].moves()[0]
    check_rollback_leaves_neither(CASES[kind](world), source, target)


@pytest.mark.parametrize(("source", "target"), ENROLMENT_STATES.moves())
def test_each_move_keeps_the_seat_count_equal_to_the_seats_held(world, source, target):
    enrolment = plain_enrolment(plain_session(world.a), source)
    ENROLMENT_STATES.transition(enrolment, target, by=SYSTEM, can=system_can)
    session = Session.objects.get(pk=enrolment.session_id)
    held = Enrolment.objects.filter(session=session, status__in=sorted(HOLDS_A_SEAT)).count()
    assert session.seats_taken == held == (1 if target in HOLDS_A_SEAT else 0)


def test_promoting_into_a_full_session_is_refused_and_takes_no_seat(world):
    session = plain_session(world.a, capacity=1)
    plain_enrolment(session, EnrolmentStatus.ENROLLED)
    waiting = plain_enrolment(session, EnrolmentStatus.WAITING)
    with pytest.raises(DomainError, match="full"):
        ENROLMENT_STATES.transition(waiting, EnrolmentStatus.ENROLLED, by=SYSTEM, can=system_can)
    waiting.refresh_from_db()
    session.refresh_from_db()
    assert (waiting.status, session.seats_taken) == (EnrolmentStatus.WAITING, 1)
    assert not waiting.events.exists()


def test_the_database_refuses_more_seats_than_places(world):
    session = plain_session(world.a, capacity=1)
    plain_enrolment(session, EnrolmentStatus.ENROLLED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") + 1)
