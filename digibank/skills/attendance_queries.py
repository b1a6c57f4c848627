"""Reads of the attendance pages and the trainer's lists, each in a fixed number of queries.

A trainer's own sessions are those they give (`Session.trainer`); the pages that take attendance
accept any session of the digibank for a holder of `RECORD_ATTENDANCE` (a colleague may stand in).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from digibank.organisations.permissions import Access
from digibank.skills.models import (
    HOLDS_A_SEAT,
    Attendance,
    Enrolment,
    EnrolmentStatus,
    Session,
    SessionDate,
    SessionStatus,
)


def sessions_of(access: Access) -> QuerySet[Session]:
    return access.scope(Session.objects.all()).select_related("module", "hub", "trainer")


def get_session_for(access: Access, session_id: int) -> Session:
    return get_object_or_404(sessions_of(access), pk=session_id)


def get_date_for(session: Session, date_id: int) -> SessionDate:
    return get_object_or_404(SessionDate.objects.filter(session=session), pk=date_id)


def get_enrolment_for(access: Access, enrolment_id: int) -> Enrolment:
    return get_object_or_404(
        access.scope(Enrolment.objects.all()).select_related(
            "person", "session__module", "session__hub", "session__trainer", "digibank"
        ),
        pk=enrolment_id,
    )


def with_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Each session with its waiting list, no-shows and completions counted by the database."""
    return sessions.annotate(
        waiting=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING)),
        no_shows=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.NO_SHOW)),
        completed=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.COMPLETED)),
    )


def upcoming_for(access: Access, *, own: bool, days_back: int = 14) -> QuerySet[Session]:
    """Scheduled sessions still running or starting later (and those that ended in the last
    `days_back` days, whose attendance may still be taken), soonest first, with their dates."""
    since = timezone.now() - datetime.timedelta(days=days_back)
    sessions = sessions_of(access).filter(status=SessionStatus.SCHEDULED, ends_at__gte=since)
    if own:
        sessions = sessions.filter(trainer=access.user)
    return (
        with_counts(sessions)
        .prefetch_related(Prefetch("dates", queryset=SessionDate.objects.order_by("starts")))
        .order_by("starts_at", "pk")
    )


@dataclass
class Row:
    enrolment: Enrolment
    marks: list[bool | None]  # per date: came, did not come, not taken yet

    @property
    def attended(self) -> int:
        return sum(1 for mark in self.marks if mark)


@dataclass
class Grid:
    dates: list[SessionDate]
    rows: list[Row]
    taken: set[int]  # the ids of the dates whose attendance was taken


def attendance_grid(session: Session) -> Grid:
    """The participants (holding a seat) and their attendance per date: three queries."""
    dates = list(session.dates.order_by("starts"))
    enrolments = list(
        session.enrolments.filter(status__in=sorted(HOLDS_A_SEAT))
        .select_related("person")
        .order_by("created_at", "pk")
    )
    marks = {
        (row.enrolment_id, row.session_date_id): row.present
        for row in Attendance.objects.filter(session_date__session=session)
    }
    taken = {date_id for _enrolment, date_id in marks}
    return Grid(
        dates=dates,
        rows=[
            Row(enrolment, [marks.get((enrolment.pk, date.pk)) for date in dates])
            for enrolment in enrolments
        ],
        taken=taken,
    )


def waiting_list_of(session: Session) -> QuerySet[Enrolment]:
    return session.enrolments.filter(status=EnrolmentStatus.WAITING).order_by("queued_at", "pk")
