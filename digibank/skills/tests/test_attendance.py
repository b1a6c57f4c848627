"""Taking attendance: who came per date, the module's completion rule, no-shows, and a completed
module meeting a loan condition through the `module_completed` hook."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.lending.models import LoanCondition, LoanConditionMet
from digibank.lending.tests.helpers import handed_over
from digibank.skills.attendance_rules import path, standing
from digibank.skills.models import Attendance, EnrolmentEvent, EnrolmentStatus
from digibank.skills.services.attendance import record_attendance
from digibank.skills.tests.attendance_helpers import dates_of, enrolled, session_on
from digibank.testing import act

pytestmark = pytest.mark.django_db
E = EnrolmentStatus


@pytest.mark.parametrize(
    ("present", "recorded", "total", "min_percent", "expected"),
    [
        (3, 3, 3, 80, E.COMPLETED),
        (4, 5, 5, 80, E.COMPLETED),  # 80 % exactly
        (3, 5, 5, 80, E.ATTENDED),  # 60 %: came, but too little to complete
        (2, 2, 3, 50, E.ATTENDED),  # a date still to come
        (0, 2, 3, 80, E.NO_SHOW),
        (0, 3, 3, 80, E.NO_SHOW),
        (1, 1, 1, 100, E.COMPLETED),
        (1, 2, 2, 50, E.COMPLETED),
    ],
)
def test_the_completion_rule(present, recorded, total, min_percent, expected):
    result = standing(present=present, recorded=recorded, total=total, min_percent=min_percent)
    assert result == expected


@pytest.mark.parametrize(
    ("current", "target", "steps"),
    [
        (E.ENROLLED, E.COMPLETED, (E.COMPLETED,)),
        (E.NO_SHOW, E.COMPLETED, (E.ATTENDED, E.COMPLETED)),
        (E.ATTENDED, E.NO_SHOW, (E.NO_SHOW,)),
        (E.ATTENDED, E.ATTENDED, ()),
        (E.COMPLETED, E.NO_SHOW, ()),
    ],
)
def test_the_moves_from_one_standing_to_another(current, target, steps):
    assert path(current, target) == steps


def test_attendance_per_date_leads_to_completion_on_the_last_date(world):
    session = session_on(world.a, days=(-2, -1, 0))
    ann, bob, cas = enrolled(session), enrolled(session), enrolled(session)
    first, second, last = dates_of(session)
    trainer = act(world.a.users["trainer"])
    taken = record_attendance(session_date=first, present=[ann.pk, bob.pk], by=trainer)
    assert (taken.present, taken.absent, taken.completed) == (2, 1, [])
    ann.refresh_from_db(), bob.refresh_from_db(), cas.refresh_from_db()
    assert (ann.status, bob.status, cas.status) == (E.ATTENDED, E.ATTENDED, E.NO_SHOW)
    record_attendance(session_date=second, present=[ann.pk, bob.pk, cas.pk], by=trainer)
    taken = record_attendance(session_date=last, present=[ann.pk, cas.pk], by=trainer)
    for enrolment in (ann, bob, cas):
        enrolment.refresh_from_db()
    # 80 % of 3 dates: all three. Bob came twice (67 %), Cas twice.
    assert (ann.status, bob.status, cas.status) == (E.COMPLETED, E.ATTENDED, E.ATTENDED)
    assert taken.completed == [ann]
    assert Attendance.objects.filter(session_date=last, present=False).count() == 1
    assert AuditEntry.objects.filter(object_type="skills.sessiondate").count() == 3
    assert (
        EnrolmentEvent.objects.filter(enrolment=ann, to_state=E.COMPLETED).get().by
        == (world.a.users["trainer"])
    )


def test_taking_attendance_again_corrects_it(world):
    session = session_on(world.a, days=(0,))
    ann = enrolled(session)
    (today,) = dates_of(session)
    coordinator = act(world.a.users["coordinator"])
    record_attendance(session_date=today, present=[], by=coordinator)
    ann.refresh_from_db()
    assert ann.status == E.NO_SHOW
    record_attendance(session_date=today, present=[ann.pk], by=coordinator)
    ann.refresh_from_db()
    assert ann.status == E.COMPLETED
    assert Attendance.objects.get(enrolment=ann).present


def test_a_lower_rule_completes_with_fewer_dates(world):
    session = session_on(world.a, days=(-1, 0))
    session.module.min_attendance_percent = 50
    session.module.save(update_fields=["min_attendance_percent"])
    ann = enrolled(session)
    first, last = dates_of(session)
    trainer = act(world.a.users["trainer"])
    record_attendance(session_date=first, present=[], by=trainer)
    record_attendance(session_date=last, present=[ann.pk], by=trainer)
    ann.refresh_from_db()
    assert ann.status == E.COMPLETED


def test_completing_a_starter_module_meets_the_loan_condition(world):
    loan = handed_over(world.a, conditions=(LoanCondition.STARTER_COURSE,))
    session = session_on(world.a, days=(0,), key="M02")
    enrolment = enrolled(session, person=loan.person)
    (today,) = dates_of(session)
    record_attendance(session_date=today, present=[enrolment.pk], by=act(world.a.users["trainer"]))
    met = LoanConditionMet.objects.get(loan=loan)
    assert met.condition == LoanCondition.STARTER_COURSE
    assert met.by == world.a.users["trainer"]


def test_a_public_enrolment_completes_without_telling_lending(world):
    session = session_on(world.a, days=(0,))
    enrolment = enrolled(session)
    (today,) = dates_of(session)
    taken = record_attendance(
        session_date=today, present=[enrolment.pk], by=act(world.a.users["trainer"])
    )
    assert taken.completed == [enrolment] and not LoanConditionMet.objects.exists()


@pytest.mark.parametrize("role", ["hub_volunteer", "technician", "referrer", "analyst"])
def test_it_refuses_a_role_that_does_not_record_attendance(world, role):
    session = session_on(world.a, days=(0,))
    (today,) = dates_of(session)
    with pytest.raises(PermissionDenied):
        record_attendance(session_date=today, present=[], by=act(world.a.users[role]))
    assert not Attendance.objects.exists()


def test_it_refuses_a_trainer_of_another_digibank(world):
    session = session_on(world.a, days=(0,))
    (today,) = dates_of(session)
    with pytest.raises(PermissionDenied):
        record_attendance(session_date=today, present=[], by=act(world.b.users["trainer"]))


def test_it_refuses_a_date_still_to_come_and_someone_not_in_the_session(world):
    session = session_on(world.a, days=(0, 3))
    other = enrolled(session_on(world.a, days=(0,)))
    today, later = dates_of(session)
    trainer = act(world.a.users["trainer"])
    with pytest.raises(DomainError):
        record_attendance(session_date=later, present=[], by=trainer)
    with pytest.raises(DomainError):
        record_attendance(session_date=today, present=[other.pk], by=trainer)
    assert not Attendance.objects.exists()
