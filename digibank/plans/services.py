"""Every write of a personal plan: making it in one step, and recording its follow-up.

`make_plan` is the point of the app: the coordinator ticks what to propose and submits one form;
the plan calls skills' `enrol`, lending's `submit_request` and help's `book_appointment` (each
checking its own permission and rules, each audited by its own app) inside ONE transaction. When
one of them refuses, the `DomainError` leaves the transaction, so nothing is kept: no plan, no
enrolment, no request, no appointment, no message in the outbox. The error names the form field
of the step it belongs to (`session_<module id>`, `needs`, `slot`, ...) so the page shows it next
to that field.

A session that is full refuses the step (a plan proposes a seat, not a place on a waiting list):
staff choose another session, or none for now.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.help import services as help_services
from digibank.help.models import HelpTopic, Slot, Visit
from digibank.lending import services as lending_services
from digibank.organisations.permissions import Actor, Perm, require, require_person
from digibank.people.models import Person
from digibank.people.snapshot import figures_of
from digibank.plans.models import (
    NOTE_MAX,
    PersonalPlan,
    PlanFollowUp,
    PlanSource,
    PlanStatus,
    PlanStep,
    StepKind,
)
from digibank.plans.states import PLAN_STATES
from digibank.skills import services as skills_services
from digibank.skills.models import Enrolment, EnrolmentStatus, Module, Session, SkillsCheck

MANAGE = Perm.MANAGE_PLANS


@dataclass(frozen=True)
class ModuleStep:
    module: Module
    session: Session | None = None

    @property
    def field(self) -> str:
        return f"session_{self.module.pk}"


@dataclass(frozen=True)
class DeviceStep:
    device_kind: str
    needs: Sequence[str] = field(default_factory=list)


@dataclass(frozen=True)
class AppointmentStep:
    topic: HelpTopic
    slot: Slot


def session_full_message() -> str:
    return _("This session is full. Choose another session, or none for now.")


def _checked_note(note: str, field_name: str = "note") -> str:
    text = note.strip()
    if len(text) > NOTE_MAX:
        raise DomainError(
            _("Keep the note under %(count)d characters.") % {"count": NOTE_MAX}, field=field_name
        )
    return text


def _checked_date(day: datetime.date | None, field_name: str) -> datetime.date | None:
    if day is not None and day < timezone.localdate():
        raise DomainError(_("Choose a date from today on."), field=field_name)
    return day


def _figures_of_the_day(person: Person) -> dict[str, object]:
    """The person's groups, age band and municipality today, as every event keeps them; a plan
    reaches no one by itself, so it keeps no `reach_key`."""
    figures = figures_of(person).fields()
    del figures["reach_key"]
    return figures


def _source(
    person: Person, skills_check: SkillsCheck | None, visit: Visit | None
) -> dict[str, object]:
    if skills_check is not None:
        if skills_check.person_id != person.pk or skills_check.completed_at is None:
            raise DomainError(_("This skills check is not a finished check of this person."))
        return {"source": PlanSource.SKILLS_CHECK, "skills_check": skills_check}
    if visit is not None:
        if visit.person_id != person.pk:
            raise DomainError(_("This visit is not a visit of this person."))
        return {"source": PlanSource.VISIT, "visit": visit}
    return {"source": PlanSource.NONE}


def _passed_on(error: DomainError, field_name: str, own: Sequence[str] = ()) -> DomainError:
    """The domain's refusal, put next to the plan form's field of that step."""
    return DomainError(error.message, field=error.field if error.field in own else field_name)


def _seat(by: Actor, session: Session, person: Person, field_name: str) -> Enrolment:
    """A seat for the person through skills' `enrol`; its refusal, or a place on the waiting
    list only (a plan proposes a seat), is put next to the form's field `field_name`."""
    try:
        enrolment = skills_services.enrol(by=by, session=session, person=person)
    except DomainError as error:
        raise _passed_on(error, field_name) from error
    if enrolment.status == EnrolmentStatus.WAITING:
        raise DomainError(session_full_message(), field=field_name)
    return enrolment


def _module_step(by: Actor, plan: PersonalPlan, person: Person, step: ModuleStep) -> PlanStep:
    module = step.module
    digibank = plan.digibank
    if module.region_id != digibank.region_id or module.digibank_id not in (None, digibank.pk):
        raise DomainError(_("This module is not offered here."), field=step.field)
    enrolment = None
    if step.session is not None:
        if step.session.module_id != module.pk:
            raise DomainError(_("Choose a session of this module."), field=step.field)
        enrolment = _seat(by, step.session, person, step.field)
    return PlanStep(
        plan=plan, kind=StepKind.MODULE, module=module, session=step.session, enrolment=enrolment
    )


def _device_step(by: Actor, plan: PersonalPlan, person: Person, step: DeviceStep) -> PlanStep:
    try:
        request = lending_services.submit_request(
            digibank=plan.digibank,
            person=person,
            by=by,
            needs=list(step.needs),
            device_kind=step.device_kind,
        )
    except DomainError as error:
        raise _passed_on(error, "request_device", own=("needs", "device_kind")) from error
    return PlanStep(
        plan=plan,
        kind=StepKind.DEVICE,
        device_kind=request.device_kind,
        needs=list(request.needs),
        device_request=request,
    )


def _appointment_step(
    by: Actor, plan: PersonalPlan, person: Person, step: AppointmentStep
) -> PlanStep:
    if step.slot.digibank_id != plan.digibank_id:
        raise DomainError(_("Choose a time of this digibank."), field="slot")
    try:
        appointment = help_services.book_appointment(
            slot=step.slot, topic=step.topic, by=by, person=person
        )
    except DomainError as error:
        raise _passed_on(error, "book_appointment", own=("slot", "topic")) from error
    return PlanStep(plan=plan, kind=StepKind.APPOINTMENT, topic=step.topic, appointment=appointment)


@transaction.atomic
def make_plan(
    *,
    by: Actor,
    person: Person,
    modules: Sequence[ModuleStep] = (),
    device: DeviceStep | None = None,
    appointment: AppointmentStep | None = None,
    skills_check: SkillsCheck | None = None,
    visit: Visit | None = None,
    follow_up_on: datetime.date | None = None,
    note: str = "",
) -> PersonalPlan:
    """The plan and every step it proposes, all kept or none (see the module docstring)."""
    require_person(by, person, MANAGE)
    if not (modules or device or appointment):
        raise DomainError(_("Tick at least one thing to propose."), field="modules")
    plan = PersonalPlan.objects.create(
        digibank=person.digibank,
        person=person,
        made_by=getattr(by, "user", None),
        follow_up_on=_checked_date(follow_up_on, "follow_up_on"),
        note=_checked_note(note),
        **_figures_of_the_day(person),
        **_source(person, skills_check, visit),
    )
    steps = [_module_step(by, plan, person, step) for step in modules]
    if device is not None:
        steps.append(_device_step(by, plan, person, device))
    if appointment is not None:
        steps.append(_appointment_step(by, plan, person, appointment))
    for position, step in enumerate(steps):
        step.position = position
    PlanStep.objects.bulk_create(steps)
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=plan,
        digibank=plan.digibank,
        fields=["person", "source", "follow_up_on", *(["note"] if plan.note else [])],
        note=", ".join(sorted({str(step.kind) for step in steps})),
    )
    return plan


@transaction.atomic
def record_follow_up(
    *,
    by: Actor,
    plan: PersonalPlan,
    note: str = "",
    next_on: datetime.date | None = None,
    close: bool = False,
) -> PlanFollowUp:
    """What came of the plan so far, and when to look again; or the plan is closed."""
    require(by, plan.digibank, MANAGE)
    if plan.person is not None:
        require_person(by, plan.person, MANAGE)
    if plan.status == PlanStatus.CLOSED:
        raise DomainError(_("This plan is closed."))
    text = _checked_note(note)
    next_on = None if close else _checked_date(next_on, "next_on")
    if not close and next_on is None:
        raise DomainError(
            _("Give the date of the next follow-up, or close the plan."), field="next_on"
        )
    before = plan.status
    if close:
        PLAN_STATES.transition(
            plan, PlanStatus.CLOSED, by=by, can=by.can, also={"follow_up_on": None}
        )
    elif plan.status == PlanStatus.OPEN:
        PLAN_STATES.transition(
            plan, PlanStatus.FOLLOWED_UP, by=by, can=by.can, also={"follow_up_on": next_on}
        )
    else:
        plan.follow_up_on = next_on
        plan.save(update_fields=["follow_up_on"])
    follow_up = PlanFollowUp.objects.create(
        plan=plan, by=getattr(by, "user", None), note=text, next_on=next_on, closed=close
    )
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=plan,
        digibank=plan.digibank,
        fields=[
            *(["status"] if plan.status != before else []),
            "follow_up_on",
            *(["follow_up_note"] if text else []),
        ],
    )
    return follow_up


@transaction.atomic
def choose_session(*, by: Actor, step: PlanStep, session: Session) -> PlanStep:
    """Enrol the plan's person in `session` for a module step that has no seat yet, and keep the
    enrolment with the step. Skills' `enrol` checks its own permission and rules; a full session
    refuses the step, as when the plan is made. The step's row is locked, so two people choosing
    at once enrol the person once."""
    plan = step.plan
    require(by, plan.digibank, MANAGE)
    # The step's row alone: joined rows would be read as they were before the wait on
    # PostgreSQL (an enrolment made meanwhile would look absent), so plan and enrolment are
    # read after the lock is held.
    locked = PlanStep.objects.select_for_update().get(pk=step.pk)
    plan = locked.plan
    if plan.person is None:
        raise DomainError(_("This person's details were erased."))
    require_person(by, plan.person, MANAGE)
    if plan.status == PlanStatus.CLOSED:
        raise DomainError(_("This plan is closed."))
    if not locked.takes_a_session_later:
        raise DomainError(_("The person already has a place for this step."), field="session")
    if session.module_id != locked.module_id or session.digibank_id != plan.digibank_id:
        raise DomainError(_("Choose a session of this module."), field="session")
    enrolment = _seat(by, session, plan.person, "session")
    locked.session, locked.enrolment = session, enrolment
    locked.save(update_fields=["session", "enrolment"])
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=plan,
        digibank=plan.digibank,
        fields=["steps"],
        note=str(locked.module),
    )
    return locked
