"""What the "make a personal plan" page proposes for a person, read from the domains' query
functions in a fixed number of queries:

- from their latest finished skills check (linked to them): the areas where they scored low, and
  the modules its recommendation rules (`skills.report`) propose, less those they already follow,
  each with its next sessions in this digibank, near the person's postcode first, then soonest;
- without a check, from their latest help visit (its topics pre-select the appointment's topic);
- a device request, proposed when they have no open request and no device on loan;
- the free bookable times of the digibank's hubs, for a help appointment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from digibank.help import queries as help_queries
from digibank.help.models import HelpTopic, Slot, Visit
from digibank.lending.models import OPEN_STATUSES, DeviceRequest, Loan, LoanStatus
from digibank.organisations.permissions import Access
from digibank.people.models import Person
from digibank.skills import session_queries
from digibank.skills.models import ACTIVE_STATES, AreaScore, Enrolment, Module, Session, SkillsCheck
from digibank.skills.outcomes import finished_checks_of
from digibank.skills.report import report_for

# An area scored below this (out of 100) is one to work on.
WEAK_BELOW = 50
SESSIONS_PER_MODULE = 3
SLOTS_SHOWN = 60


@dataclass(frozen=True)
class WeakArea:
    name: str
    score: int


@dataclass(frozen=True)
class ModuleOffer:
    module: Module
    because: list[str]
    sessions: list[Session]
    recommended: bool = True


@dataclass
class Proposal:
    skills_check: SkillsCheck | None = None
    visit: Visit | None = None
    weak_areas: list[WeakArea] = field(default_factory=list)
    modules: list[ModuleOffer] = field(default_factory=list)
    has_device: bool = False
    slots: list[Slot] = field(default_factory=list)
    topics: QuerySet[HelpTopic] | None = None
    topic_id: int | None = None


def _weak_areas(check: SkillsCheck) -> list[WeakArea]:
    scores = AreaScore.objects.filter(skills_check=check, score__lt=WEAK_BELOW).select_related(
        "area"
    )
    return [WeakArea(name=row.area.name, score=row.score) for row in scores]


def _followed(person: Person) -> set[int]:
    return set(
        Enrolment.objects.filter(person=person, status__in=sorted(ACTIVE_STATES)).values_list(
            "session__module_id", flat=True
        )
    )


def next_sessions(
    access: Access, module_ids: list[int], *, near: str = "", at_most: int = SESSIONS_PER_MODULE
) -> dict[int, list[Session]]:
    """The next sessions of each module in this digibank, those near the person's postcode (or
    online) first, then the soonest (two queries, plus one to read the postcode's places)."""
    return session_queries.first_of_each_module(
        session_queries.upcoming().filter(digibank=access.digibank),
        module_ids,
        at_most=at_most,
        near=near,
    )


def _modules(access: Access, check: SkillsCheck, person: Person) -> list[ModuleOffer]:
    followed = _followed(person)
    advice = [item for item in report_for(check).modules if item.module.pk not in followed]
    sessions = next_sessions(access, [item.module.pk for item in advice], near=person.postcode)
    return [
        ModuleOffer(module=item.module, because=item.because, sessions=sessions[item.module.pk])
        for item in advice
    ]


def has_device(person: Person) -> bool:
    """An open request or a device on loan: no new request is proposed."""
    return (
        DeviceRequest.objects.filter(person=person, status__in=sorted(OPEN_STATUSES)).exists()
        or Loan.objects.filter(person=person, status=LoanStatus.ACTIVE).exists()
    )


def free_slots(access: Access, *, also_full: bool = False) -> list[Slot]:
    """The coming times with a seat left. `also_full` keeps the full ones too: a form sent
    after its time filled up is then told so by the booking service, next to the field."""
    now = timezone.now()
    return [
        slot
        for slot in help_queries.slots_for(access).select_related("hub__municipality")[:SLOTS_SHOWN]
        if (slot.free or also_full) and slot.starts_at > now
    ]


def proposal_for(access: Access, person: Person, *, sent: bool = False) -> Proposal:
    """`sent`: the form came back, so a time that filled up meanwhile stays a known choice."""
    proposal = Proposal(
        has_device=has_device(person),
        slots=free_slots(access, also_full=sent),
        topics=HelpTopic.offered_in(access.digibank).order_by("position", "code"),
    )
    check = finished_checks_of(person).last()
    if check is not None:
        proposal.skills_check = check
        proposal.weak_areas = _weak_areas(check)
        proposal.modules = _modules(access, check, person)
        return proposal
    visit = (
        Visit.objects.filter(person=person, digibank=access.digibank)
        .order_by("-visited_at", "-pk")
        .first()
    )
    if visit is not None:
        proposal.visit = visit
        proposal.topic_id = visit.topics.order_by("position").values_list("pk", flat=True).first()
    return proposal
