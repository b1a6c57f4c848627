"""Sessions with dates that have started, and people enrolled in them, for the attendance tests.

The rows are made as the scheduling and enrolment services leave them (a seat taken through the
enrolment state machine)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from digibank.core.codes import new_code
from digibank.core.models import User
from digibank.core.states import system_can
from digibank.organisations.permissions import SYSTEM
from digibank.people.models import Person
from digibank.skills.models import Enrolment, EnrolmentStatus, Session, SessionDate
from digibank.skills.states import ENROLMENT_STATES
from digibank.skills.tests.sessions_helpers import a_module
from digibank.testing import Bank


def at(days: int, hour: int = 14) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def session_on(
    bank: Bank,
    days: tuple[int, ...] = (-2, -1, 0),
    *,
    trainer: User | None = None,
    key: str = "M02",
    capacity: int = 8,
) -> Session:
    """A session of module `key` at the bank's hub, one date on each of `days` (from today)."""
    starts = [at(day, hour=9) for day in days]
    session = Session.objects.create(
        digibank=bank.digibank,
        module=a_module(bank, key),
        hub=bank.hub,
        capacity=capacity,
        trainer=trainer if trainer is not None else bank.users["trainer"],
        starts_at=starts[0],
        ends_at=starts[-1] + datetime.timedelta(hours=2),
    )
    SessionDate.objects.bulk_create(
        SessionDate(session=session, starts=start, ends=start + datetime.timedelta(hours=2))
        for start in starts
    )
    return session


def enrolled(
    session: Session, person: Person | None = None, name: str = "Ann Peeters"
) -> Enrolment:
    enrolment = Enrolment.objects.create(
        digibank=session.digibank,
        session=session,
        person=person,
        name="" if person else name,
        phone="" if person else "+32470000000",
        code=new_code(),
        status=EnrolmentStatus.WAITING,
        queued_at=timezone.now(),
    )
    ENROLMENT_STATES.transition(enrolment, EnrolmentStatus.ENROLLED, by=SYSTEM, can=system_can)
    return enrolment


def dates_of(session: Session) -> list[SessionDate]:
    return list(session.dates.order_by("starts"))
