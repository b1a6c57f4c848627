"""Making a plan in one step and following it up, through the services."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.help import services as help_services
from digibank.help.models import Appointment, AppointmentStatus
from digibank.help.tests.helpers import book
from digibank.lending import services as lending_services
from digibank.lending.models import DeviceRequest, RequestStatus
from digibank.messaging.models import Message
from digibank.people.services import delete_person, merge_people
from digibank.plans import services
from digibank.plans.models import PersonalPlan, PlanEvent, PlanSource, PlanStatus, StepKind
from digibank.plans.tests.helpers import make, start
from digibank.skills.models import Enrolment, EnrolmentStatus
from digibank.skills.tests.helpers import another_person
from digibank.skills.tests.sessions_helpers import a_module, enrol_public
from digibank.testing import act

pytestmark = pytest.mark.django_db


def _counts() -> list[int]:
    models = (PersonalPlan, Enrolment, DeviceRequest, Appointment, Message, AuditEntry)
    return [model.objects.count() for model in models]


def test_it_makes_the_plan_with_an_enrolment_a_request_and_an_appointment(world):
    begin = start(world.a)
    plan = make(world.a, begin)
    assert plan.status == PlanStatus.OPEN and plan.source == PlanSource.SKILLS_CHECK
    assert plan.target_groups == sorted(begin.person.target_groups.values_list("code", flat=True))
    steps = {step.kind: step for step in plan.steps.all()}
    assert steps[StepKind.MODULE].enrolment.status == EnrolmentStatus.ENROLLED
    assert steps[StepKind.DEVICE].device_request.status == RequestStatus.SUBMITTED
    assert steps[StepKind.APPOINTMENT].appointment.status == AppointmentStatus.BOOKED
    assert steps[StepKind.APPOINTMENT].appointment.person == begin.person
    assert AuditEntry.objects.filter(object_type="plans.personalplan").count() == 1


def test_it_keeps_nothing_when_the_appointment_is_refused(world):
    begin = start(world.a)
    book(world.a, begin.slot)
    book(world.a, begin.slot)  # the time is now full
    before = _counts()
    with pytest.raises(DomainError) as refused:
        make(world.a, begin)
    assert refused.value.field == "slot"
    assert "fully booked" in refused.value.message
    assert _counts() == before


def test_it_refuses_a_full_session_with_a_clear_message_and_keeps_nothing(world):
    begin = start(world.a, capacity=1)
    enrol_public(begin.session)  # the only seat: the session is full
    before = _counts()
    with pytest.raises(DomainError) as refused:
        make(world.a, begin)
    assert refused.value.field == f"session_{begin.module.pk}"
    assert "This session is full" in refused.value.message
    assert _counts() == before


def test_it_keeps_nothing_when_the_device_request_is_refused(world):
    begin = start(world.a)
    before = _counts()
    with pytest.raises(DomainError) as refused:
        make(world.a, begin, device=services.DeviceStep(device_kind="laptop", needs=[]))
    assert refused.value.field == "needs"
    assert _counts() == before


def test_it_refuses_a_role_without_the_permission(world):
    begin = start(world.a)
    for role in ("hub_volunteer", "trainer", "referrer", "technician", "analyst"):
        with pytest.raises(PermissionDenied):
            services.make_plan(
                by=act(world.a.users[role]),
                person=begin.person,
                modules=[services.ModuleStep(module=begin.module)],
            )
    assert not PersonalPlan.objects.exists()


def test_it_refuses_a_person_of_another_digibank(world):
    begin = start(world.a)
    with pytest.raises(PermissionDenied):
        services.make_plan(
            by=act(world.b.users["coordinator"]),
            person=begin.person,
            modules=[services.ModuleStep(module=begin.module)],
        )
    assert not PersonalPlan.objects.exists()


def test_it_refuses_a_check_of_someone_else_and_an_empty_plan(world):
    begin = start(world.a)
    coordinator = act(world.a.users["coordinator"])
    with pytest.raises(DomainError):
        services.make_plan(
            by=coordinator,
            person=world.a.referred_person,
            skills_check=begin.check,
            modules=[services.ModuleStep(module=begin.module)],
        )
    with pytest.raises(DomainError, match="Tick at least one"):
        services.make_plan(by=coordinator, person=begin.person)


def test_a_follow_up_moves_the_plan_then_closes_it_with_history(world):
    plan = make(world.a, start(world.a))
    coordinator = act(world.a.users["coordinator"])
    later = timezone.localdate() + datetime.timedelta(days=7)
    with pytest.raises(DomainError) as refused:
        services.record_follow_up(by=coordinator, plan=plan, note="Called")
    assert refused.value.field == "next_on"
    services.record_follow_up(by=coordinator, plan=plan, note="Called", next_on=later)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.FOLLOWED_UP and plan.follow_up_on == later
    services.record_follow_up(by=coordinator, plan=plan, next_on=later + datetime.timedelta(1))
    services.record_follow_up(by=coordinator, plan=plan, close=True)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED and plan.follow_up_on is None
    assert list(PlanEvent.objects.filter(plan=plan).values_list("to_state", flat=True)) == [
        "followed_up",
        "closed",
    ]
    with pytest.raises(DomainError, match="closed"):
        services.record_follow_up(by=coordinator, plan=plan, next_on=later)


def test_a_follow_up_is_refused_to_another_digibank_and_to_other_roles(world):
    plan = make(world.a, start(world.a))
    later = timezone.localdate() + datetime.timedelta(days=7)
    with pytest.raises(PermissionDenied):
        services.record_follow_up(by=act(world.b.users["coordinator"]), plan=plan, next_on=later)
    with pytest.raises(PermissionDenied):
        services.record_follow_up(by=act(world.a.users["hub_volunteer"]), plan=plan, next_on=later)


def test_erasing_the_person_keeps_the_plan_naming_nobody(world):
    plan = make(world.a, start(world.a), note="Wants to call her grandchildren")
    coordinator = act(world.a.users["coordinator"])
    services.record_follow_up(
        by=coordinator,
        plan=plan,
        note="Came to the session",
        next_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    help_services.cancel_appointment(appointment=Appointment.objects.get(), by=coordinator)
    lending_services.cancel_request(request=DeviceRequest.objects.get(), by=coordinator)
    delete_person(person=plan.person, by=coordinator)
    plan.refresh_from_db()
    assert plan.person is None and plan.note == "" and plan.target_groups is not None
    assert plan.follow_ups.get().note == ""


def test_merging_moves_the_plans_to_the_kept_record(world):
    coordinator = act(world.a.users["coordinator"])
    twin = another_person(world.a)
    plan = services.make_plan(
        by=coordinator,
        person=twin,
        modules=[services.ModuleStep(module=a_module(world.a))],
    )
    merge_people(keep=world.a.person, remove=twin, by=coordinator)
    plan.refresh_from_db()
    assert plan.person == world.a.person
