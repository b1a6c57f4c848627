"""Two coordinators choose a session for the same 'enrol later' step at the same moment, each a
different session of the module: the person is enrolled once, the step keeps that enrolment, and
the other is told the step already has a place.

Each thread has its own database connection and they start together at a barrier;
`test_concurrency.py` runs this module in a pytest process of its own, on a SQLite file or on
PostgreSQL (see `digibank.core.tests.parallel`).
"""

from __future__ import annotations

import pytest

from digibank.core.tests.parallel import refuse_a_private_database, run_together
from digibank.plans import services
from digibank.plans.models import PlanStep, StepKind
from digibank.plans.tests.helpers import start
from digibank.skills.models import ACTIVE_STATES, Enrolment
from digibank.skills.tests.sessions_helpers import scheduled
from digibank.testing import act

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def shared_database() -> None:
    refuse_a_private_database()


def test_two_choices_at_once_enrol_the_person_once(world):
    begin = start(world.a)
    plan = services.make_plan(
        by=act(world.a.users["coordinator"]),
        person=begin.person,
        modules=[services.ModuleStep(module=begin.module)],
    )
    step = PlanStep.objects.get(plan=plan, kind=StepKind.MODULE)
    sessions = [begin.session, scheduled(world.a, module=begin.module, days=14)]
    outcomes = run_together(
        [
            lambda session=session: services.choose_session(
                by=act(world.a.users["coordinator"]),
                step=PlanStep.objects.get(pk=step.pk),
                session=session,
            )
            for session in sessions
        ]
    )
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["ok", "refused"], outcomes
    held = Enrolment.objects.filter(person=begin.person, status__in=sorted(ACTIVE_STATES))
    assert held.count() == 1
    step.refresh_from_db()
    assert step.enrolment == held.get()
