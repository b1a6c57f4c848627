"""Reads of plans for the pages: scoped to the digibank and to the people `MANAGE_PLANS` reaches,
each list in a fixed number of queries (the steps come with what they link to, so the plan page
shows each step's current state as the owning domain keeps it)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from digibank.organisations.permissions import Access, Perm
from digibank.people.models import Person
from digibank.plans.models import ACTIVE_STATUSES, PersonalPlan, PlanFollowUp, PlanStep, StepKind

MANAGE = Perm.MANAGE_PLANS


def plans_for(access: Access) -> QuerySet[PersonalPlan]:
    return access.scope_people(
        PersonalPlan.objects.all(), MANAGE, path="person__referrer_partner"
    ).select_related("person", "made_by")


def get_plan_for(access: Access, plan_id: int) -> PersonalPlan:
    """The plan, or 404 for another digibank's (or beyond a referrer's reach)."""
    return get_object_or_404(
        plans_for(access).select_related("skills_check", "visit__hub", "digibank"), pk=plan_id
    )


def steps_of(plan: PersonalPlan) -> list[PlanStep]:
    """The steps with the rows they made, for their live state: one query."""
    return list(
        PlanStep.objects.filter(plan=plan).select_related(
            "module",
            "session__hub",
            "enrolment",
            "device_request",
            "topic",
            "appointment__slot__hub",
        )
    )


def follow_ups_of(plan: PersonalPlan) -> list[PlanFollowUp]:
    return list(PlanFollowUp.objects.filter(plan=plan).select_related("by"))


def due(access: Access) -> QuerySet[PersonalPlan]:
    """Plans still open whose follow-up date has come, the longest due first."""
    return (
        plans_for(access)
        .filter(status__in=ACTIVE_STATUSES, follow_up_on__lte=timezone.localdate())
        .order_by("follow_up_on", "pk")
    )


def due_count(access: Access) -> int:
    if not access.can(MANAGE):
        return 0
    return due(access).count()


def plans_of(access: Access, person: Person) -> list[PersonalPlan]:
    """A person's plans, newest first, with their steps: two queries."""
    return list(
        plans_for(access)
        .filter(person=person)
        .prefetch_related(Prefetch("steps", queryset=PlanStep.objects.order_by("position", "id")))
    )


def get_step_for(access: Access, plan_id: int, step_id: int) -> PlanStep:
    """A module step of a plan in reach, or 404."""
    return get_object_or_404(
        PlanStep.objects.select_related("plan__person", "plan__digibank", "module", "enrolment"),
        pk=step_id,
        kind=StepKind.MODULE,
        plan__in=plans_for(access),
        plan_id=plan_id,
    )
