"""A plan from a first help visit, for a person who has done no skills check: the visit's topic
pre-selects the appointment, and the plan says it came from that visit."""

from __future__ import annotations

import pytest

from digibank.core.errors import DomainError
from digibank.help.tests.helpers import slot
from digibank.help.tests.visit_helpers import logged_visit, topic
from digibank.plans import services
from digibank.plans.models import PlanSource, StepKind
from digibank.plans.proposal import proposal_for
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_without_a_check_the_proposal_starts_from_the_latest_visit_and_its_topic(world):
    person = world.a.person
    volunteer = act(world.a.users["hub_volunteer"])
    logged_visit(world.a, by=volunteer, person=person, consent=True)
    latest = logged_visit(
        world.a, by=volunteer, person=person, consent=True, topics=[topic(world.a, "H02")]
    )
    proposal = proposal_for(act(world.a.users["coordinator"]), person)
    assert proposal.skills_check is None and proposal.modules == []
    assert proposal.visit == latest
    assert proposal.topic_id == topic(world.a, "H02").pk


def test_a_plan_made_from_a_visit_keeps_the_visit_as_its_source(world):
    person = world.a.person
    visit = logged_visit(
        world.a, by=act(world.a.users["hub_volunteer"]), person=person, consent=True
    )
    plan = services.make_plan(
        by=act(world.a.users["coordinator"]),
        person=person,
        appointment=services.AppointmentStep(topic=topic(world.a), slot=slot(world.a)),
        visit=visit,
    )
    assert (plan.source, plan.visit) == (PlanSource.VISIT, visit)
    assert [step.kind for step in plan.steps.all()] == [StepKind.APPOINTMENT]


def test_it_refuses_a_visit_of_someone_else(world):
    other = logged_visit(world.a, by=act(world.a.users["hub_volunteer"]))  # anonymous walk-in
    with pytest.raises(DomainError, match="not a visit of this person"):
        services.make_plan(
            by=act(world.a.users["coordinator"]),
            person=world.a.person,
            appointment=services.AppointmentStep(topic=topic(world.a), slot=slot(world.a)),
            visit=other,
        )
