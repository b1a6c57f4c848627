"""Staff pages for device requests: list, new request, the request page, eligibility."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from digibank.core.errors import DomainError
from digibank.core.http import query_without
from digibank.lending import queries, services, worklist
from digibank.lending.forms import (
    DecisionForm,
    EvidenceForm,
    PersonSearchForm,
    ReasonForm,
    RequestFilterForm,
    RequestForm,
)
from digibank.lending.models import RequestStatus
from digibank.lending.next_step import next_step
from digibank.lending.services.eligibility import DECIDABLE
from digibank.lending.views.common import (
    add_error,
    page_of,
    query_without_page,
    record_view,
    request_for_page,
    to_request,
)
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.people.queries import people_for, search_people


@staff_view(Perm.VIEW_REQUESTS)
@require_GET
def request_list(request: StaffRequest) -> HttpResponse:
    access = request.access
    form = RequestFilterForm(request.GET, access=access)
    found = queries.search_requests(
        queries.requests_for(access),
        text=form.value("q") or "",
        status=form.value("status") or "",
        need=form.value("need") or "",
        kind=form.value("kind") or "",
    )
    found = worklist.with_proof(found, form.value("proof") or "")
    found = worklist.with_pickup(found, form.value("pickup") or "", timezone.localdate())
    if hub := form.value("hub"):
        found = worklist.at_hub(found, hub.pk)
    if partner := form.value("partner"):
        found = found.filter(person__referrer_partner=partner)
    page = page_of(request, queries.with_list_details(found).order_by("-submitted_at", "-id"))
    return render(
        request,
        "lending/staff/request_list.html",
        {
            "form": form,
            "page": page,
            "filtered": any(request.GET.get(name) for name in form.fields),
            "query": query_without_page(request),
        },
    )


@staff_view(Perm.SUBMIT_REQUESTS)
@require_GET
def request_choose_person(request: StaffRequest) -> HttpResponse:
    """Step 1 of a request by staff: find the resident it is for, or register them and come back
    (`?person=<id>`, from the registration page) to the request for them."""
    access = request.access
    registered = request.GET.get("person", "")
    if registered.isdigit():
        person = people_for(access, Perm.SUBMIT_REQUESTS).filter(pk=int(registered)).first()
        if person is not None:
            return redirect(
                "lending:request_create", digibank=access.digibank.slug, person_id=person.pk
            )
    form = PersonSearchForm(request.GET)
    people = None
    if form.is_valid() and form.cleaned_data["q"]:
        people = page_of(
            request,
            search_people(
                people_for(access, Perm.SUBMIT_REQUESTS), text=form.cleaned_data["q"]
            ).select_related("municipality"),
        )
    return render(
        request,
        "lending/staff/request_choose_person.html",
        {
            "form": form,
            "page": people,
            "query": query_without_page(request),
            "register_url": _register_and_come_back(request, form),
        },
    )


def _register_and_come_back(request: StaffRequest, form: PersonSearchForm) -> str:
    """The registration page, filled in with the name searched for, that leads back here."""
    words = (form.cleaned_data.get("q", "") if form.is_valid() else "").split()
    typed = {"first_name": words[0], "last_name": " ".join(words[1:])} if words else {}
    if words and words[0].isdigit() and len(words[0]) == 4:  # a postcode was searched for
        typed = {"postcode": words[0]}
    query = query_without(request.GET, "page", "person")
    back = request.path + (f"?{query}" if query else "")
    people_page = reverse("people:create", kwargs={"digibank": request.access.digibank.slug})
    return f"{people_page}?{urlencode({'next': back, **typed})}"


@staff_view(Perm.SUBMIT_REQUESTS)
@require_http_methods(["GET", "POST"])
def request_create(request: StaffRequest, person_id: int) -> HttpResponse:
    access = request.access
    person = get_object_or_404(people_for(access, Perm.SUBMIT_REQUESTS), pk=person_id)
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            try:
                created = services.submit_request(
                    digibank=access.digibank,
                    person=person,
                    by=request.access,
                    language=person.preferred_language,
                    **form.service_values(),
                )
            except DomainError as error:
                add_error(form, error)
            else:
                messages.success(
                    request,
                    _("The request is saved. Its reference code is %(code)s.")
                    % {"code": created.reference_display},
                )
                return to_request(request, created.pk)
    else:
        form = RequestForm()
    return render(request, "lending/staff/request_form.html", {"form": form, "person": person})


@staff_view(Perm.VIEW_REQUESTS)
@require_GET
def request_detail(request: StaffRequest, request_id: int) -> HttpResponse:
    access = request.access
    device_request = request_for_page(request, request_id)
    record_view(request, device_request)
    allocations = list(queries.allocations_of(device_request))
    active = next((item for item in allocations if item.status == "active"), None)
    place = None
    if device_request.status == RequestStatus.WAITING:
        places = queries.waiting_places(access, [device_request])
        place = places[0] if places else None
    loan = getattr(device_request, "loan", None) if device_request.status == "handed_over" else None
    evidence = list(queries.evidence_of(device_request))
    step = next_step(device_request, proof_seen=bool(evidence))
    # The request of an erased person is kept for the statistics only: nothing more can change.
    decidable = device_request.status in DECIDABLE and device_request.person_id is not None
    return render(
        request,
        "lending/staff/request_detail.html",
        {
            "device_request": device_request,
            "evidence": evidence,
            "next_step": step,
            "can_take_next_step": step.perm is not None and access.can(step.perm),
            "decisions": queries.decisions_of(device_request),
            "allocations": allocations,
            "active_allocation": active,
            "place": place,
            "skips": queries.skips_of(device_request),
            # The words about passing over may speak of the person chosen instead: only for
            # those who reserve devices, not for a referrer.
            "skip_details": access.can(Perm.ALLOCATE_DEVICES),
            "loan": loan,
            "can_decide": access.can(Perm.DECIDE_ELIGIBILITY) and decidable,
            "can_record_evidence": access.can(Perm.RECORD_EVIDENCE) and decidable,
            "can_change": access.can(Perm.SUBMIT_REQUESTS) and decidable,
            "can_cancel": access.can(Perm.SUBMIT_REQUESTS) and decidable,
            "can_allocate": access.can(Perm.ALLOCATE_DEVICES)
            and device_request.status == RequestStatus.WAITING,
            "can_release": access.can(Perm.ALLOCATE_DEVICES) and active is not None,
            "can_hand_over": access.can(Perm.HAND_OVER_DEVICES) and active is not None,
            "can_view_person": access.can(Perm.VIEW_PEOPLE),
        },
    )


@staff_view(Perm.SUBMIT_REQUESTS)
@require_http_methods(["GET", "POST"])
def request_edit(request: StaffRequest, request_id: int) -> HttpResponse:
    device_request = request_for_page(request, request_id)
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            try:
                services.update_request(
                    request=device_request, by=request.access, **form.service_values()
                )
            except DomainError as error:
                add_error(form, error)
            else:
                messages.success(request, _("The changes are saved."))
                return to_request(request, device_request.pk)
    else:
        record_view(request, device_request)
        form = RequestForm(initial=RequestForm.initial_for(device_request))
    return render(
        request,
        "lending/staff/request_form.html",
        {"form": form, "person": device_request.person, "device_request": device_request},
    )


@staff_view(Perm.SUBMIT_REQUESTS)
@require_http_methods(["GET", "POST"])
def request_cancel(request: StaffRequest, request_id: int) -> HttpResponse:
    device_request = request_for_page(request, request_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_request(
                request=device_request, by=request.access, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(
                request,
                _("Request %(code)s is cancelled.") % {"code": device_request.reference_display},
            )
            return to_request(request, device_request.pk)
    return render(
        request,
        "lending/staff/request_cancel.html",
        {"form": form, "device_request": device_request},
    )


@staff_view(Perm.RECORD_EVIDENCE)
@require_http_methods(["GET", "POST"])
def evidence_add(request: StaffRequest, request_id: int) -> HttpResponse:
    device_request = request_for_page(request, request_id)
    form = EvidenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_evidence(
                request=device_request,
                by=request.access,
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The proof you saw is noted."))
            return to_request(request, device_request.pk, "eligibility")
    return render(
        request,
        "lending/staff/evidence_form.html",
        {"form": form, "device_request": device_request},
    )


@staff_view(Perm.DECIDE_ELIGIBILITY)
@require_http_methods(["GET", "POST"])
def decide(request: StaffRequest, request_id: int) -> HttpResponse:
    access = request.access
    device_request = request_for_page(request, request_id)
    form = DecisionForm(request.POST or None, access=access)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decide_eligibility(
                request=device_request,
                by=request.access,
                outcome=form.cleaned_data["outcome"],
                rule=form.cleaned_data["rule"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            add_error(form, error)
        else:
            if decision.rule is not None:
                message = _("Eligible under the rule “%(rule)s”.") % {"rule": decision.rule.label}
            else:
                message = _("The request is not eligible. The reason is noted.")
            messages.success(request, message)
            return to_request(request, device_request.pk, "eligibility")
    return render(
        request,
        "lending/staff/decide.html",
        {
            "form": form,
            "device_request": device_request,
            "evidence": queries.evidence_of(device_request),
            "rules": queries.rules_for(access, active_only=True),
        },
    )
