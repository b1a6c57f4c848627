"""Demo plans: a couple of people with a finished skills check get a personal plan, made through
`make_plan` as the coordinator's page makes it (modules with a free session, a device when they
have none, a help appointment); one of them was followed up already."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from django.utils import timezone

from digibank.core.errors import DomainError
from digibank.core.models import User
from digibank.organisations.models import Digibank, Role
from digibank.organisations.permissions import Access, acting
from digibank.people.models import Person
from digibank.plans import services
from digibank.plans.models import PersonalPlan
from digibank.plans.proposal import Proposal, proposal_for
from digibank.skills.models import SkillsCheck

PLANS = 2
MODULES = 2


def _modules(proposal: Proposal) -> list[services.ModuleStep]:
    steps = []
    for offer in proposal.modules[:MODULES]:
        free = [s for s in offer.sessions if s.seats_taken < s.capacity]
        steps.append(services.ModuleStep(module=offer.module, session=free[0] if free else None))
    return steps


def _appointment(proposal: Proposal) -> services.AppointmentStep | None:
    for slot in proposal.slots:
        topic = next(iter(slot.topics.all()), None)
        if topic is not None:
            return services.AppointmentStep(topic=topic, slot=slot)
    return None


def _plan_for(coordinator: Access, person: Person, rng: random.Random) -> PersonalPlan | None:
    proposal = proposal_for(coordinator, person)
    try:
        return services.make_plan(
            by=coordinator,
            person=person,
            modules=_modules(proposal),
            device=None
            if proposal.has_device
            else services.DeviceStep(device_kind="laptop", needs=["training"]),
            appointment=_appointment(proposal),
            skills_check=proposal.skills_check,
            visit=proposal.visit,
            follow_up_on=timezone.localdate() + datetime.timedelta(days=rng.randint(7, 21)),
            note="Wil leren videobellen met de kleinkinderen.",
        )
    except DomainError:
        return None  # nothing to propose (or all full): no plan, nothing kept


def build_demo(
    *, digibank: Digibank, rng: random.Random, users: dict[str, User], people: Sequence[Person]
) -> None:
    if PersonalPlan.objects.filter(digibank=digibank).exists() or Role.COORDINATOR not in users:
        return  # built before: running the demo again changes nothing
    coordinator = acting(users[Role.COORDINATOR], digibank)
    ids = {person.pk for person in people}
    checked = (
        SkillsCheck.objects.filter(
            digibank=digibank, completed_at__isnull=False, person__isnull=False
        )
        .order_by("person_id")
        .values_list("person_id", flat=True)
        .distinct()
    )
    chosen = [pk for pk in checked if pk in ids][:PLANS]
    made = [
        plan
        for person in Person.objects.filter(pk__in=chosen).order_by("pk")
        if (plan := _plan_for(coordinator, person, rng)) is not None
    ]
    if made:
        services.record_follow_up(
            by=coordinator,
            plan=made[0],
            note="Gebeld: de eerste les was goed.",
            next_on=timezone.localdate() + datetime.timedelta(days=14),
        )
