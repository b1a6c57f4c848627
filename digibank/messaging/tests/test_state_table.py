"""The table of a message: the worker's moves need the system, staff only send a failed message
again; every move is kept in the history; the recovery of stalled messages keeps to the table."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from digibank.core.machine_checks import (
    MachineCase,
    check_allowed_move,
    check_move_needs_its_permission,
    check_refused_move,
    check_rollback_leaves_neither,
)
from digibank.core.states import SYSTEM
from digibank.messaging import sending, tasks
from digibank.messaging.models import Channel, Message, MessageKind, MessageReason, MessageStatus
from digibank.messaging.states import MESSAGE_STATES
from digibank.organisations.permissions import Perm

pytestmark = pytest.mark.django_db


def _message(world, status: str) -> Message:
    return Message.objects.create(
        digibank=world.a.digibank,
        kind=MessageKind.DONATION_RECEIVED,
        channel=Channel.EMAIL,
        recipient="an@example.be",
        language="nl",
        subject="Bedankt",
        body="Uw toestellen zijn aangekomen.",
        status=status,
    )


@pytest.fixture
def case(world) -> MachineCase:
    return MachineCase(
        machine=MESSAGE_STATES,
        make=lambda status: _message(world, status),
        history=lambda message: message.events.all(),
        actor=world.a.users["coordinator"],
    )


def test_only_sending_again_is_open_to_staff():
    for source, target in MESSAGE_STATES.moves():
        staff_move = (source, target) in {("failed", "queued"), ("failed", "skipped")}
        expected = {Perm.VIEW_MESSAGES} if staff_move else {SYSTEM}
        assert MESSAGE_STATES.permissions(source, target) == expected


@pytest.mark.parametrize(("source", "target"), MESSAGE_STATES.moves())
def test_every_allowed_move_works_with_its_permission(case, source, target):
    check_allowed_move(case, source, target)


@pytest.mark.parametrize(("source", "target"), MESSAGE_STATES.moves())
def test_it_refuses_an_allowed_move_without_its_permission(case, source, target):
    check_move_needs_its_permission(case, source, target)


@pytest.mark.parametrize(("source", "target"), MESSAGE_STATES.refused_moves())
def test_it_refuses_every_move_outside_the_table(case, source, target):
    check_refused_move(case, source, target)


def test_a_rollback_leaves_neither_the_status_nor_its_history(case):
    check_rollback_leaves_neither(case, "sending", "sent")


def test_the_recovery_fails_only_stalled_messages_and_keeps_their_history(world):
    stalled, sent = _message(world, "sending"), _message(world, "sent")
    later = timezone.now() + sending.SENDING_TIMEOUT + datetime.timedelta(minutes=1)

    assert tasks.recover_stalled_messages(now=later) >= 1

    stalled.refresh_from_db()
    sent.refresh_from_db()
    assert (stalled.status, stalled.reason) == (MessageStatus.FAILED, MessageReason.INTERRUPTED)
    assert list(stalled.events.values_list("from_state", "to_state", "by")) == [
        ("sending", "failed", None)
    ]
    assert sent.status == MessageStatus.SENT and not sent.events.exists()
