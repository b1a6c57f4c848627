"""Taking attendance for a session date, and what follows: each participant's standing (attended,
completed, did not come) by the module's completion rule, and for a completed module the
`people.hooks.module_completed` signal (lending meets a loan condition with it).

Any holder of `RECORD_ATTENDANCE` in the session's digibank may take it (a colleague stands in for
a trainer who is ill); who took it is kept on each row and in the audit trail (docs/roles.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.organisations.permissions import Actor, Perm, require
from digibank.people.hooks import CompletedModule, module_completed
from digibank.people.models import Person
from digibank.skills.attendance_rules import path, standing
from digibank.skills.models import (
    HOLDS_A_SEAT,
    Attendance,
    Enrolment,
    EnrolmentStatus,
    Session,
    SessionDate,
    SessionStatus,
)
from digibank.skills.states import ENROLMENT_STATES


@dataclass
class AttendanceTaken:
    present: int = 0
    absent: int = 0
    completed: list[Enrolment] = field(default_factory=list)


def participants_of(session: Session) -> list[Enrolment]:
    """The enrolments that hold a seat: those the trainer expects, in the order they enrolled."""
    return list(
        session.enrolments.filter(status__in=sorted(HOLDS_A_SEAT))
        .select_related("person")
        .order_by("created_at", "pk")
    )


def _check_date(session: Session, session_date: SessionDate) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise DomainError(_("This session was cancelled."))
    if timezone.localtime(session_date.starts).date() > timezone.localdate():
        raise DomainError(_("Attendance is taken on the day of the session, not before."))


@transaction.atomic
def record_attendance(
    *, session_date: SessionDate, present: Iterable[int], by: Actor
) -> AttendanceTaken:
    """Who came on `session_date` (`present`: enrolment ids; every other participant is absent).

    Taking it again corrects the rows. The session's row is locked, so two people taking
    attendance at once write one after the other."""
    session = (
        Session.objects.select_for_update().select_related("module").get(pk=session_date.session_id)
    )
    require(by, session.digibank, Perm.RECORD_ATTENDANCE)
    _check_date(session, session_date)
    participants = participants_of(session)
    came = {int(pk) for pk in present}
    if not came <= {enrolment.pk for enrolment in participants}:
        raise DomainError(_("Someone on this list is not a participant of the session."))
    now, user = timezone.now(), by.user
    kept = {row.enrolment_id: row for row in Attendance.objects.filter(session_date=session_date)}
    new, changed = [], []
    for enrolment in participants:
        row = kept.get(enrolment.pk)
        is_present = enrolment.pk in came
        if row is None:
            new.append(
                Attendance(
                    enrolment=enrolment,
                    session_date=session_date,
                    present=is_present,
                    recorded_by=user,
                    recorded_at=now,
                )
            )
        elif row.present != is_present:
            row.present, row.recorded_by, row.recorded_at = is_present, user, now
            changed.append(row)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["present", "recorded_by", "recorded_at"])
    taken = AttendanceTaken(present=len(came), absent=len(participants) - len(came))
    taken.completed = _update_standings(session, participants, by)
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=session_date,
        digibank=session.digibank,
        fields=["attendance"],
    )
    return taken


def _update_standings(
    session: Session, participants: list[Enrolment], by: Actor
) -> list[Enrolment]:
    total = session.dates.count()
    recorded = SessionDate.objects.filter(session=session, attendance__isnull=False).distinct()
    recorded_count = recorded.count()
    came = dict(
        Attendance.objects.filter(enrolment__in=participants)
        .values("enrolment_id")
        .annotate(n=Count("pk", filter=Q(present=True)))
        .values_list("enrolment_id", "n")
    )
    completed = []
    for enrolment in participants:
        target = standing(
            present=came.get(enrolment.pk, 0),
            recorded=recorded_count,
            total=total,
            min_percent=session.module.min_attendance_percent,
        )
        steps = path(enrolment.status, target)
        for step in steps:
            ENROLMENT_STATES.transition(enrolment, step, by=by, can=by.can)
        if steps and target == EnrolmentStatus.COMPLETED:
            completed.append(enrolment)
            _tell_other_apps(session, enrolment, by)
    return completed


def _tell_other_apps(session: Session, enrolment: Enrolment, by: Actor) -> None:
    person: Person | None = enrolment.person
    if person is None:
        return
    module = session.module
    module_completed.send(
        sender=Person,
        person=person,
        module=CompletedModule(key=module.key, title=module.title_nl, level=module.level),
        digibank=person.digibank,
        by=by,
    )
