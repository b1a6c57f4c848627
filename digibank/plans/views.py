"""The plan pages: make a plan for a person (one form), the plan with the live state of its steps
and its follow-up, and the digibank's plans still open (those due first). Thin: the proposal and
the lists come from `proposal` and `queries`, every write from `services`."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digibank.core.errors import DomainError
from digibank.help.models import Slot
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.organisations.views.common import add_domain_error, page_of
from digibank.people.queries import get_person_for
from digibank.plans import queries, services
from digibank.plans.forms import FollowUpForm, PlanForm, StepSessionForm
from digibank.plans.models import ACTIVE_STATUSES, PersonalPlan
from digibank.plans.proposal import Proposal, next_sessions, proposal_for
from digibank.skills.models import Session

MANAGE = Perm.MANAGE_PLANS


def _steps(form: PlanForm, proposal: Proposal) -> dict[str, object]:
    """The services' arguments from the form's ticks."""
    data = form.cleaned_data
    sessions: dict[int, Session] = {
        session.pk: session for offer in proposal.modules for session in offer.sessions
    }
    ticked = set(data.get("modules") or [])
    modules = [
        services.ModuleStep(
            module=offer.module, session=sessions.get(data.get(f"session_{offer.module.pk}") or 0)
        )
        for offer in proposal.modules
        if offer.module.pk in ticked
    ]
    device = (
        services.DeviceStep(device_kind=data["device_kind"], needs=data["needs"])
        if data.get("request_device")
        else None
    )
    appointment = None
    if data.get("book_appointment"):
        slots: dict[int, Slot] = {slot.pk: slot for slot in proposal.slots}
        appointment = services.AppointmentStep(topic=data["topic"], slot=slots[data["slot"]])
    return {"modules": modules, "device": device, "appointment": appointment}


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def plan_new(request: StaffRequest, person_id: int) -> HttpResponse:
    person = get_person_for(request.access, person_id)
    proposal = proposal_for(request.access, person, sent=request.method == "POST")
    form = PlanForm(request.POST or None, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.make_plan(
                by=request.access,
                person=person,
                skills_check=proposal.skills_check,
                visit=proposal.visit,
                follow_up_on=form.cleaned_data["follow_up_on"],
                note=form.cleaned_data["note"],
                **_steps(form, proposal),  # type: ignore[arg-type]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The personal plan is made."))
            return redirect("plans:detail", digibank=request.access.digibank.slug, plan_id=plan.pk)
    return render(
        request,
        "plans/staff/new.html",
        {"form": form, "person": person, "proposal": proposal},
    )


def _detail(request: StaffRequest, plan: PersonalPlan, form: FollowUpForm) -> HttpResponse:
    return render(
        request,
        "plans/staff/detail.html",
        {
            "plan": plan,
            "steps": queries.steps_of(plan),
            "follow_ups": queries.follow_ups_of(plan),
            "form": form,
            "active": plan.status in ACTIVE_STATUSES,
        },
    )


@staff_view(MANAGE)
@require_http_methods(["GET"])
def plan_detail(request: StaffRequest, plan_id: int) -> HttpResponse:
    plan = queries.get_plan_for(request.access, plan_id)
    return _detail(request, plan, FollowUpForm())


@staff_view(MANAGE)
@require_POST
def plan_follow_up(request: StaffRequest, plan_id: int) -> HttpResponse:
    plan = queries.get_plan_for(request.access, plan_id)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.record_follow_up(
                by=request.access,
                plan=plan,
                note=form.cleaned_data["note"],
                next_on=form.cleaned_data["next_on"],
                close=form.cleaned_data["close"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The follow-up is recorded."))
            return redirect("plans:detail", digibank=request.access.digibank.slug, plan_id=plan.pk)
    return _detail(request, plan, form)


# The sessions offered for a step chosen later: near the person first, then the soonest.
SESSIONS_TO_CHOOSE = 10


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def step_session(request: StaffRequest, plan_id: int, step_id: int) -> HttpResponse:
    """Choose the session of a module step that has no place yet: the person is enrolled in it
    and the plan shows the enrolment's state."""
    step = queries.get_step_for(request.access, plan_id, step_id)
    plan = step.plan
    back = redirect("plans:detail", digibank=request.access.digibank.slug, plan_id=plan.pk)
    if plan.person is None or plan.status not in ACTIVE_STATUSES:
        return back
    module_id = step.module_id
    if module_id is None or not step.takes_a_session_later:
        return back
    sessions = next_sessions(
        request.access, [module_id], near=plan.person.postcode, at_most=SESSIONS_TO_CHOOSE
    )[module_id]
    form = StepSessionForm(request.POST if request.method == "POST" else None, sessions=sessions)
    if request.method == "POST" and form.is_valid():
        try:
            services.choose_session(
                by=request.access, step=step, session=form.sessions[form.cleaned_data["session"]]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is enrolled.") % {"name": plan.person.full_name},
            )
            return back
    return render(
        request,
        "plans/staff/step_session.html",
        {"form": form, "plan": plan, "step": step, "sessions": sessions},
    )


@staff_view(MANAGE)
@require_http_methods(["GET"])
def plan_list(request: StaffRequest) -> HttpResponse:
    """The open plans, the longest due first: a fixed number of queries per page."""
    plans = queries.plans_for(request.access).filter(status__in=ACTIVE_STATUSES)
    return render(
        request,
        "plans/staff/list.html",
        {
            "page": page_of(request, plans.order_by("follow_up_on", "pk")),
            "due_count": queries.due_count(request.access),
        },
    )
