"""Who may use each plan page (see core/tests/matrix.py): only roles with `MANAGE_PLANS` (the
coordinator). Another digibank's person or plan under the own slug is a 404."""

import datetime

from django.utils import timezone

from digibank.core.tests.matrix import STAFF, Spec, roles
from digibank.organisations.permissions import SYSTEM
from digibank.plans import services
from digibank.plans.models import PlanStep
from digibank.skills.tests.sessions_helpers import a_module

COORDINATOR = roles("coordinator")


def a_person(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "person_id": object_bank.person.pk}


def a_plan(slug_bank, object_bank):
    plan = services.make_plan(
        by=SYSTEM,
        person=object_bank.person,
        modules=[services.ModuleStep(module=a_module(object_bank))],
    )
    return {"digibank": slug_bank.digibank.slug, "plan_id": plan.pk}


def a_step(slug_bank, object_bank):
    kwargs = a_plan(slug_bank, object_bank)
    step = PlanStep.objects.get(plan_id=kwargs["plan_id"])
    return {**kwargs, "step_id": step.pk}


def following_up(world):
    return {"note": "Called", "next_on": str(timezone.localdate() + datetime.timedelta(days=7))}


SPECS = {
    "plans:list": Spec(STAFF, allowed=COORDINATOR),
    "plans:new": Spec(STAFF, a_person, allowed=COORDINATOR, has_object=True),
    "plans:detail": Spec(STAFF, a_plan, allowed=COORDINATOR, has_object=True),
    "plans:follow_up": Spec(
        STAFF,
        a_plan,
        allowed=COORDINATOR,
        method="post",
        data=following_up,
        success=302,
        has_object=True,
    ),
    "plans:step_session": Spec(STAFF, a_step, allowed=COORDINATOR, has_object=True),
}
