"""What erasing or merging a person means for their plans, and the plans section of their page.

An erasure keeps the plan rows (their target groups, age band and municipality count in the
figures) but takes out everything about the person: the link to them and every note."""

from __future__ import annotations

from typing import Any

from digibank.organisations.permissions import Access
from digibank.people.erasure import Erased
from digibank.people.merging import MovingRows, PersonMerged, repoint
from digibank.people.models import Person
from digibank.plans import queries
from digibank.plans.models import PersonalPlan, PlanFollowUp


def detach_plans_of(person: Person) -> list[Erased]:
    plans = PersonalPlan.objects.filter(person=person)
    follow_ups = PlanFollowUp.objects.filter(plan__person=person).update(note="")
    if not plans.update(person=None, note="", skills_check=None, visit=None):
        return []
    erased = [Erased(PersonalPlan, ("person", "note", "skills_check", "visit"))]
    if follow_ups:
        erased.append(Erased(PlanFollowUp, ("note",)))
    return erased


def count_plans_of(person: Person) -> list[MovingRows]:
    return [
        MovingRows(
            PersonalPlan, "personal_plans", PersonalPlan.objects.filter(person=person).count()
        )
    ]


def move_plans(merged: PersonMerged) -> list[MovingRows]:
    rows = PersonalPlan.objects.filter(person=merged.remove)
    return [MovingRows(PersonalPlan, "personal_plans", repoint(rows, "person", merged.keep))]


def plans_section(access: Access, person: Person) -> dict[str, Any]:
    """The person's plans on their page (the action "Make a personal plan" leads to a new one):
    two queries."""
    return {"plans": queries.plans_of(access, person)}
