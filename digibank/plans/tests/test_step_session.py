"""A module step proposed 'to enrol later' takes its session from the plan's page: the person is
enrolled through skills, the step keeps the enrolment and shows its state; a full session, a
session of another module, a closed plan or a step that already has a place are refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.plans import services
from digibank.plans.models import PersonalPlan, PlanStep, StepKind
from digibank.plans.tests.helpers import start
from digibank.skills import services as skills_services
from digibank.skills.models import Enrolment, EnrolmentStatus, Module
from digibank.skills.tests.sessions_helpers import a_module, enrol_public, scheduled
from digibank.testing import act

pytestmark = pytest.mark.django_db


def later_plan(bank, begin) -> PersonalPlan:
    """A plan whose module step has no session yet."""
    return services.make_plan(
        by=act(bank.users["coordinator"]),
        person=begin.person,
        modules=[services.ModuleStep(module=begin.module)],
        skills_check=begin.check,
    )


def step_of(plan: PersonalPlan) -> PlanStep:
    return plan.steps.get(kind=StepKind.MODULE)


def step_url(plan: PersonalPlan, step: PlanStep) -> str:
    return reverse(
        "plans:step_session",
        kwargs={"digibank": plan.digibank.slug, "plan_id": plan.pk, "step_id": step.pk},
    )


def plan_url(plan: PersonalPlan) -> str:
    return reverse("plans:detail", kwargs={"digibank": plan.digibank.slug, "plan_id": plan.pk})


def test_choosing_a_session_enrols_the_person_and_the_step_keeps_the_enrolment(world):
    begin = start(world.a)
    plan = later_plan(world.a, begin)
    step = step_of(plan)
    assert step.takes_a_session_later

    services.choose_session(by=act(world.a.users["coordinator"]), step=step, session=begin.session)

    step.refresh_from_db()
    assert step.session == begin.session
    assert step.enrolment.person == begin.person
    assert step.enrolment.status == EnrolmentStatus.ENROLLED
    assert not step.takes_a_session_later
    assert AuditEntry.objects.filter(
        object_type="plans.personalplan", object_id=str(plan.pk), fields=["steps"]
    ).exists()


def test_a_step_with_a_place_is_refused_and_nothing_more_is_enrolled(world):
    begin = start(world.a)
    plan = later_plan(world.a, begin)
    step = step_of(plan)
    by = act(world.a.users["coordinator"])
    services.choose_session(by=by, step=step, session=begin.session)
    other = scheduled(world.a, module=begin.module, days=14)
    with pytest.raises(DomainError) as refused:
        services.choose_session(by=by, step=step, session=other)
    assert refused.value.field == "session"
    assert Enrolment.objects.filter(person=begin.person).count() == 1


def test_after_a_cancelled_enrolment_another_session_can_be_chosen(world):
    begin = start(world.a)
    plan = later_plan(world.a, begin)
    step = step_of(plan)
    by = act(world.a.users["coordinator"])
    services.choose_session(by=by, step=step, session=begin.session)
    step.refresh_from_db()
    skills_services.cancel_enrolment(by=by, enrolment=step.enrolment)
    step.refresh_from_db()
    assert step.takes_a_session_later

    other = scheduled(world.a, module=begin.module, days=14)
    services.choose_session(by=by, step=step, session=other)
    step.refresh_from_db()
    assert step.session == other and step.enrolment.status == EnrolmentStatus.ENROLLED


def test_a_full_session_is_refused_and_leaves_no_place_on_its_waiting_list(world):
    begin = start(world.a, capacity=1)
    enrol_public(begin.session)
    plan = later_plan(world.a, begin)
    with pytest.raises(DomainError) as refused:
        services.choose_session(
            by=act(world.a.users["coordinator"]), step=step_of(plan), session=begin.session
        )
    assert refused.value.field == "session" and "full" in refused.value.message
    assert not Enrolment.objects.filter(person=begin.person).exists()
    assert step_of(plan).enrolment is None


def test_a_session_of_another_module_or_digibank_is_refused(world):
    begin = start(world.a)
    plan = later_plan(world.a, begin)
    other_module = a_module(world.a)
    assert other_module != begin.module
    elsewhere = [
        scheduled(world.a, module=other_module),
        scheduled(world.b, module=begin.module),
    ]
    for session in elsewhere:
        with pytest.raises(DomainError) as refused:
            services.choose_session(
                by=act(world.a.users["coordinator"]), step=step_of(plan), session=session
            )
        assert refused.value.field == "session"
    assert not Enrolment.objects.filter(person=begin.person).exists()


def test_a_closed_plan_takes_no_session(world):
    begin = start(world.a)
    plan = later_plan(world.a, begin)
    by = act(world.a.users["coordinator"])
    services.record_follow_up(by=by, plan=plan, close=True)
    with pytest.raises(DomainError, match="closed"):
        services.choose_session(by=by, step=step_of(plan), session=begin.session)


@pytest.mark.parametrize("role", ["hub_volunteer", "trainer", "referrer", "analyst"])
def test_only_the_roles_that_make_plans_choose_a_session(world, role):
    begin = start(world.a)
    plan = later_plan(world.a, begin)
    with pytest.raises(PermissionDenied):
        services.choose_session(
            by=act(world.a.users[role]), step=step_of(plan), session=begin.session
        )
    assert not Enrolment.objects.filter(person=begin.person).exists()


def test_the_plan_page_links_a_later_step_to_its_choice_and_not_a_step_with_a_place(client, world):
    begin = start(world.a)
    later = later_plan(world.a, begin)
    client.force_login(world.a.users["coordinator"])
    body = client.get(plan_url(later)).content.decode()
    assert step_url(later, step_of(later)) in body

    services.choose_session(
        by=act(world.a.users["coordinator"]), step=step_of(later), session=begin.session
    )
    body = client.get(plan_url(later)).content.decode()
    assert step_url(later, step_of(later)) not in body
    assert "Enrolled" in body


def test_the_page_offers_the_modules_sessions_and_enrols_the_person(client, world):
    begin = start(world.a)
    plan = later_plan(world.a, begin)
    step = step_of(plan)
    other_module = scheduled(world.a, module=a_module(world.a))
    client.force_login(world.a.users["coordinator"])

    page = client.get(step_url(plan, step))
    assert page.status_code == 200
    body = page.content.decode()
    assert f'value="{begin.session.pk}"' in body
    assert f'value="{other_module.pk}"' not in body

    sent = client.post(step_url(plan, step), {"session": str(begin.session.pk)})
    assert sent.status_code == 302 and sent["Location"] == plan_url(plan)
    step.refresh_from_db()
    assert step.enrolment is not None and step.enrolment.session == begin.session


def test_sending_no_choice_or_a_full_session_says_why_next_to_the_field(client, world):
    begin = start(world.a, capacity=1)
    plan = later_plan(world.a, begin)
    step = step_of(plan)
    client.force_login(world.a.users["coordinator"])

    empty = client.post(step_url(plan, step), {})
    assert empty.status_code == 200
    assert "Choose a session." in empty.content.decode()
    assert 'class="error-summary"' in empty.content.decode()

    enrol_public(begin.session)  # the last seat goes while the page was open
    full = client.post(step_url(plan, step), {"session": str(begin.session.pk)})
    assert full.status_code == 200
    body = full.content.decode()
    assert 'id="id_session_error"' in body and "This session is full" in body
    assert step_of(plan).enrolment is None


def test_a_step_with_a_place_or_a_closed_plan_sends_the_page_back_to_the_plan(client, world):
    begin = start(world.a)
    plan = later_plan(world.a, begin)
    step = step_of(plan)
    by = act(world.a.users["coordinator"])
    services.choose_session(by=by, step=step, session=begin.session)
    client.force_login(world.a.users["coordinator"])
    assert client.get(step_url(plan, step))["Location"] == plan_url(plan)
    assert client.post(step_url(plan, step), {"session": str(begin.session.pk)}).status_code == 302
    assert Enrolment.objects.filter(person=begin.person).count() == 1


def test_without_upcoming_sessions_the_page_says_so_and_offers_to_schedule_one(client, world):
    begin = start(world.a)
    quiet = (
        Module.objects.filter(region=world.a.digibank.region, digibank=None, active=True)
        .exclude(sessions__isnull=False)
        .first()
    )
    assert quiet is not None
    plan = services.make_plan(
        by=act(world.a.users["coordinator"]),
        person=begin.person,
        modules=[services.ModuleStep(module=quiet)],
    )
    client.force_login(world.a.users["coordinator"])
    body = client.get(step_url(plan, step_of(plan))).content.decode()
    assert 'name="session"' not in body
    assert "no upcoming session" in body
    assert reverse("skills:session_add", kwargs={"digibank": "mechelen"}) in body


def test_the_page_costs_the_same_queries_with_more_sessions(client, world):
    begin = start(world.a)
    plan = later_plan(world.a, begin)
    step = step_of(plan)
    client.force_login(world.a.users["coordinator"])
    client.get(step_url(plan, step))
    with CaptureQueriesContext(connection) as few:
        client.get(step_url(plan, step))
    for days in range(8, 20):
        scheduled(world.a, module=begin.module, days=days)
    with CaptureQueriesContext(connection) as many:
        client.get(step_url(plan, step))
    assert len(many.captured_queries) == len(few.captured_queries)
