"""Sessions and enrolments for the skills tests, through the services as the pages make them."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from digibank.core.states import system_can
from digibank.organisations.permissions import SYSTEM
from digibank.skills.models import (
    HOLDS_A_SEAT,
    Enrolment,
    EnrolmentStatus,
    Module,
    Session,
    SessionDate,
)
from digibank.skills.states import ENROLMENT_STATES
from digibank.testing import Bank

_codes = itertools.count(1)


def a_module(bank: Bank, key: str = "M01") -> Module:
    return Module.objects.get(region=bank.digibank.region, key=key)


def next_week(days: int = 7, hour: int = 14) -> tuple[datetime.datetime, datetime.datetime]:
    day = timezone.localdate() + datetime.timedelta(days=days)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    return starts, starts + datetime.timedelta(hours=2)


def plain_session(bank: Bank, capacity: int = 2) -> Session:
    """A session row as the scheduling service leaves it, for the state-table tests."""
    starts, ends = next_week()
    session = Session.objects.create(
        digibank=bank.digibank,
        module=a_module(bank),
        hub=bank.hub,
        capacity=capacity,
        starts_at=starts,
        ends_at=ends,
    )
    SessionDate.objects.create(session=session, starts=starts, ends=ends)
    return session


def plain_enrolment(session: Session, status: str) -> Enrolment:
    """An enrolment row in `status`, holding a seat where that state holds one."""
    enrolment = Enrolment.objects.create(
        digibank=session.digibank,
        session=session,
        name="Test Resident",
        phone="+32470000000",
        code=f"T{next(_codes):07d}",
        status=EnrolmentStatus.WAITING,
        queued_at=timezone.now(),
    )
    if status in HOLDS_A_SEAT:
        ENROLMENT_STATES.transition(enrolment, EnrolmentStatus.ENROLLED, by=SYSTEM, can=system_can)
    if status != enrolment.status:
        Enrolment.objects.filter(pk=enrolment.pk).update(status=status)
        enrolment.refresh_from_db()
    return enrolment
