"""Sessions and enrolments for the skills tests, through the services as the pages make them."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from digibank.core.states import system_can
from digibank.organisations.permissions import PUBLIC, SYSTEM
from digibank.skills import services
from digibank.skills.models import (
    HOLDS_A_SEAT,
    Enrolment,
    EnrolmentChannel,
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


def scheduled(bank: Bank, capacity: int = 2, days: int = 7, **extra: object) -> Session:
    """A session scheduled through the service, as the staff page does."""
    return services.schedule_session(
        by=SYSTEM,
        digibank=bank.digibank,
        module=extra.pop("module", None) or a_module(bank),  # type: ignore[arg-type]
        dates=[next_week(days)],
        capacity=capacity,
        hub=bank.hub,
        **extra,  # type: ignore[arg-type]
    )


def contact(name: str = "Mina Peeters", phone: str = "+32470123456") -> services.Contact:
    return services.Contact(name=name, phone=phone)


def enrol_public(session: Session, name: str = "Mina Peeters") -> Enrolment:
    return services.enrol(
        by=PUBLIC, session=session, contact=contact(name), channel=EnrolmentChannel.PUBLIC
    )
