"""The trainer's work for the staff home: their next sessions and the dates whose attendance
waits, each read in one query whatever the number of sessions, enrolments and dates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from digibank.organisations.permissions import Access
from digibank.skills.models import (
    Attendance,
    Enrolment,
    EnrolmentStatus,
    Session,
    SessionDate,
    SessionStatus,
)

NEXT_SESSIONS = 5


@dataclass(frozen=True)
class NextSession:
    session: Session
    next_start: datetime.datetime | None
    waiting: int


@dataclass(frozen=True)
class TrainerWork:
    sessions: list[NextSession]
    dates_to_take: int  # dates that started, of sessions with participants, without attendance


def trainer_work(access: Access) -> TrainerWork:
    now = timezone.now()
    own = access.scope(Session.objects.filter(trainer=access.user, status=SessionStatus.SCHEDULED))
    next_start = (
        SessionDate.objects.filter(session=OuterRef("pk"), ends__gte=now)
        .order_by("starts")
        .values("starts")[:1]
    )
    waiting = (
        Enrolment.objects.filter(session=OuterRef("pk"), status=EnrolmentStatus.WAITING)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = list(
        own.filter(ends_at__gte=now)
        .select_related("module", "hub")
        .annotate(
            next_start=Subquery(next_start),
            waiting=Coalesce(Subquery(waiting, output_field=IntegerField()), 0),
        )
        .order_by("next_start", "pk")[:NEXT_SESSIONS]
    )
    dates_to_take = (
        SessionDate.objects.filter(session__in=own, starts__lte=now, session__seats_taken__gt=0)
        .exclude(Q(pk__in=Attendance.objects.values("session_date")))
        .count()
    )
    sessions = [
        NextSession(row, getattr(row, "next_start", None), getattr(row, "waiting", 0))
        for row in rows
    ]
    return TrainerWork(sessions=sessions, dates_to_take=dates_to_take)
