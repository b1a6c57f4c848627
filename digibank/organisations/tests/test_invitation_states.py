"""The table of an invitation: only the invited person accepts, the coordinator withdraws; both
moves are final and kept in the history."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone

from digibank.core.machine_checks import (
    MachineCase,
    check_allowed_move,
    check_move_needs_its_permission,
    check_refused_move,
    check_rollback_leaves_neither,
)
from digibank.organisations.models import Invitation, InvitationStatus
from digibank.organisations.permissions import ROLE_PERMISSIONS, Perm
from digibank.organisations.states import ACCEPT_INVITATION, INVITATION_STATES

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


def _invitation(world, status: str) -> Invitation:
    number = next(_numbers)
    return Invitation.objects.create(
        digibank=world.a.digibank,
        email=f"persoon{number}@example.be",
        roles=["trainer"],
        key_hash=Invitation.hash_key(f"key-{number}"),
        status=status,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )


@pytest.fixture
def case(world) -> MachineCase:
    return MachineCase(
        machine=INVITATION_STATES,
        make=lambda status: _invitation(world, status),
        history=lambda invitation: invitation.events.all(),
        actor=world.a.users["coordinator"],
    )


def test_no_role_may_accept_for_someone_else():
    assert INVITATION_STATES.permissions("pending", "accepted") == {ACCEPT_INVITATION}
    assert not any(ACCEPT_INVITATION in perms for perms in ROLE_PERMISSIONS.values())
    assert INVITATION_STATES.permissions("pending", "withdrawn") == {Perm.MANAGE_SETTINGS}
    assert INVITATION_STATES.final_states == {InvitationStatus.ACCEPTED, InvitationStatus.WITHDRAWN}


@pytest.mark.parametrize(("source", "target"), INVITATION_STATES.moves())
def test_every_allowed_move_works_with_its_permission(case, source, target):
    check_allowed_move(case, source, target)


@pytest.mark.parametrize(("source", "target"), INVITATION_STATES.moves())
def test_it_refuses_an_allowed_move_without_its_permission(case, source, target):
    check_move_needs_its_permission(case, source, target)


@pytest.mark.parametrize(("source", "target"), INVITATION_STATES.refused_moves())
def test_it_refuses_every_move_outside_the_table(case, source, target):
    check_refused_move(case, source, target)


def test_a_rollback_leaves_neither_the_status_nor_its_history(case):
    check_rollback_leaves_neither(case, "pending", "withdrawn")
