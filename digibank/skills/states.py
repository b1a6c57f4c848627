"""The state machines of training: an enrolment and a session (see `digibank.core.states`).

An enrolment:

    enrolled → cancelled                      (enrol people; a resident with their code)
    waiting → enrolled (promoted) / cancelled (enrol people)
    enrolled → attended / completed / no show (record attendance)
    attended → completed / no show, no show → attended (record attendance: corrections)

A move into a state that holds a seat (enrolled, attended, completed, no show) takes one of the
session's seats with the conditional UPDATE of `skills.seats`, and is refused when the session is
full; a move out of those states gives the seat back. So `Session.seats_taken` always equals the
number of enrolments holding a seat, and changes only in the transaction of the move.

A session: scheduled → cancelled (manage training).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.core.states import Change, StateHistory, StateMachine, user_of
from digibank.organisations.permissions import Perm
from digibank.skills.models import (
    HOLDS_A_SEAT,
    Enrolment,
    EnrolmentEvent,
    EnrolmentStatus,
    Session,
    SessionEvent,
    SessionStatus,
)
from digibank.skills.seats import release_seat, take_seat

E = EnrolmentStatus
ENROL = Perm.ENROL_PEOPLE
ATTEND = Perm.RECORD_ATTENDANCE


def _history(model: type[StateHistory], key: str) -> Callable[[Sequence[Change]], None]:
    def write(changes: Sequence[Change]) -> None:
        model._default_manager.bulk_create(
            model(
                **{f"{key}_id": change.pk},
                from_state=change.from_state,
                to_state=change.to_state,
                by=user_of(change.by),
            )
            for change in changes
        )

    return write


def session_full_message() -> str:
    return _("This session is full. The person can join the waiting list.")


def _move_seat(enrolment: Enrolment, source: str, target: str) -> list[str]:
    """Take or give back the seat the move asks for; refuse when there is none left."""
    had, has = source in HOLDS_A_SEAT, target in HOLDS_A_SEAT
    if has and not had and not take_seat(enrolment.session_id):
        raise DomainError(session_full_message())
    if had and not has:
        release_seat(enrolment.session_id)
    return []


def _enrolment_refusal(enrolment: Enrolment, to: str) -> str | None:
    status = EnrolmentStatus(enrolment.status)
    if to == E.CANCELLED and status == E.CANCELLED:
        return _("This enrolment was already cancelled.")
    if to == E.CANCELLED:
        return _("This enrolment is %(status)s: it can no longer be cancelled.") % {
            "status": status.label
        }
    return None


ENROLMENT_STATES = StateMachine(
    model=Enrolment,
    field="status",
    states=EnrolmentStatus,
    transitions={
        E.ENROLLED: {
            E.CANCELLED: ENROL,
            E.ATTENDED: ATTEND,
            E.COMPLETED: ATTEND,
            E.NO_SHOW: ATTEND,
        },
        E.WAITING: {E.ENROLLED: ENROL, E.CANCELLED: ENROL},
        E.ATTENDED: {E.COMPLETED: ATTEND, E.NO_SHOW: ATTEND},
        E.NO_SHOW: {E.ATTENDED: ATTEND},
        E.COMPLETED: {},
        E.CANCELLED: {},
    },
    history=_history(EnrolmentEvent, "enrolment"),
    refusal=_enrolment_refusal,
    on_move=_move_seat,
)

SESSION_STATES = StateMachine(
    model=Session,
    field="status",
    states=SessionStatus,
    transitions={
        SessionStatus.SCHEDULED: {SessionStatus.CANCELLED: Perm.MANAGE_TRAINING},
        SessionStatus.CANCELLED: {},
    },
    history=_history(SessionEvent, "session"),
)
