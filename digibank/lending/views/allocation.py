"""The waiting list, reserving a device for a request, and handing it over."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from digibank.core.errors import DomainError
from digibank.devices.models import Device
from digibank.lending import queries, queue, services
from digibank.lending.agreement import agreement_pdf, data_for_draft
from digibank.lending.forms import AllocateForm, HandOverForm, LoanTermsForm, ReasonForm
from digibank.lending.matching import matching_devices
from digibank.lending.models import DeviceRequest, RequestStatus
from digibank.lending.views.common import (
    add_error,
    page_of,
    query_without_page,
    request_for_page,
    to_loan,
    to_request,
)
from digibank.organisations.permissions import Perm, StaffRequest, staff_view

# Ready devices shown on the waiting list with the person first in line for each.
OFFERS_SHOWN = 10


@staff_view(Perm.VIEW_REQUESTS)
@require_GET
def waiting_list(request: StaffRequest) -> HttpResponse:
    """The list in its fair order, who was passed over and why; for those who reserve devices,
    the ready devices with the person each is offered to first."""
    access = request.access
    page = page_of(
        request,
        queries.waiting_order(
            queries.with_skips(queries.with_list_details(queries.requests_for(access)))
        ),
    )
    can_allocate = access.can(Perm.ALLOCATE_DEVICES)
    offers, more_offers = (
        queue.ready_for_the_line(access.digibank.pk, limit=OFFERS_SHOWN)
        if can_allocate
        else ([], False)
    )
    return render(
        request,
        "lending/staff/waiting_list.html",
        {
            "page": page,
            "places": queries.waiting_places(access, page.object_list),
            "query": query_without_page(request),
            "can_allocate": can_allocate,
            "offers": offers,
            "more_offers": more_offers,
        },
    )


@staff_view(Perm.ALLOCATE_DEVICES)
@require_http_methods(["GET", "POST"])
def allocate(request: StaffRequest, request_id: int) -> HttpResponse:
    """The devices that fit the request, best first, and the form to reserve one."""
    access = request.access
    device_request = request_for_page(request, request_id)
    devices = access.scope(Device.objects.all())
    matches = (
        matching_devices(devices, device_request)
        if device_request.status == RequestStatus.WAITING
        else []
    )
    choosable = devices.filter(pk__in=[match.device.pk for match in matches])
    lines = queue.lines_for(
        [match.device for match in matches],
        queue.line_for(access.digibank.pk, {device_request.device_kind}) if matches else [],
    )
    # For each device that fits, those ahead of this request whom it fits too.
    rows = [
        (match, line.passed_over_by(device_request))
        for match, line in zip(matches, lines, strict=True)
    ]
    form = AllocateForm(request.POST or None, devices=choosable, access=access)
    if not any(ahead for _, ahead in rows):
        del form.fields["skip_reason"], form.fields["skip_note"]
    if request.method == "POST" and form.is_valid():
        try:
            allocation = services.allocate(
                request=device_request,
                device=form.cleaned_data["device"],
                by=request.access,
                hub=form.cleaned_data["hub"],
                pickup_on=form.cleaned_data["pickup_on"],
                pickup_time=form.cleaned_data["pickup_time"],
                skip_reason=form.cleaned_data.get("skip_reason", ""),
                skip_note=form.cleaned_data.get("skip_note", ""),
            )
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(
                request,
                _("Device %(tag)s is reserved for request %(code)s. The resident gets a message.")
                % {
                    "tag": allocation.device.asset_tag,
                    "code": device_request.reference_display,
                },
            )
            return to_request(request, device_request.pk)
    places = (
        queries.waiting_places(access, [device_request])
        if device_request.status == RequestStatus.WAITING
        else []
    )
    return render(
        request,
        "lending/staff/allocate.html",
        {
            "form": form,
            "device_request": device_request,
            "rows": rows,
            "place": places[0] if places else None,
        },
    )


@staff_view(Perm.ALLOCATE_DEVICES)
@require_http_methods(["GET", "POST"])
def release(request: StaffRequest, request_id: int) -> HttpResponse:
    device_request = request_for_page(request, request_id)
    allocation = services.active_allocation(device_request)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.release(
                request=device_request, by=request.access, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(
                request, _("The reservation is released. The request is back on the waiting list.")
            )
            return to_request(request, device_request.pk)
    return render(
        request,
        "lending/staff/release.html",
        {"form": form, "device_request": device_request, "allocation": allocation},
    )


def _initial_terms(device_request: DeviceRequest) -> dict[str, Any]:
    person = device_request.person
    return {
        "kind": "loan",
        "due_date": LoanTermsForm.default_due_date(),
        "language": services.agreement_language_for(person.preferred_language if person else None),
    }


@staff_view(Perm.HAND_OVER_DEVICES)
@require_http_methods(["GET", "POST"])
def hand_over(request: StaffRequest, request_id: int) -> HttpResponse:
    """Loan terms, the agreement to print and sign, the checklist, then the hand-over itself."""
    access = request.access
    device_request = request_for_page(request, request_id)
    allocation = services.active_allocation(device_request)
    if request.method == "POST":
        form = HandOverForm(request.POST)
        if form.is_valid():
            try:
                loan = services.hand_over(
                    request=device_request,
                    by=request.access,
                    checklist=form.cleaned_data["checklist"],
                    language=form.cleaned_data["language"],
                    **form.terms(),
                )
            except DomainError as error:
                add_error(form, error)
            else:
                messages.success(
                    request,
                    _("Device %(tag)s is handed over to %(name)s.")
                    % {"tag": loan.device.asset_tag, "name": loan.resident_name},
                )
                return to_loan(request, loan.pk)
    else:
        form = HandOverForm(initial=_initial_terms(device_request))
    return render(
        request,
        "lending/staff/hand_over.html",
        {
            "form": form,
            "device_request": device_request,
            "allocation": allocation,
            "regulation": services.current_regulation(access.digibank),
        },
    )


@staff_view(Perm.HAND_OVER_DEVICES)
@require_http_methods(["GET", "POST"])
def hand_over_agreement(request: StaffRequest, request_id: int) -> HttpResponse:
    """The agreement to print and sign before the hand-over, with the terms typed on that page.

    The hand-over form posts its fields here with a second button (`formaction`), so this works
    without JavaScript; nothing is saved. Asked without terms (GET), it shows the usual ones: a
    loan for a year. When a term is not valid, the hand-over page comes back with the message.
    """
    access = request.access
    device_request = request_for_page(request, request_id)
    allocation = services.active_allocation(device_request)
    regulation = services.current_regulation(access.digibank)
    if allocation is None or regulation is None:
        messages.error(request, _("Reserve a device for this request first."))
        return redirect(
            "lending:hand_over", digibank=access.digibank.slug, request_id=device_request.pk
        )
    initial = _initial_terms(device_request)
    terms: dict[str, Any] | None
    if request.method != "POST":
        terms = {**initial, "conditions": [], "other_conditions": ""}
        language = terms.pop("language")
    else:
        form = HandOverForm(request.POST)
        form.full_clean()
        form.errors.pop("checklist", None)  # the checklist is done after signing
        terms = None
        if not form.errors:
            try:
                terms = services.check_terms(**form.terms(), today=timezone.localdate())
            except DomainError as error:
                add_error(form, error)
        if terms is None:
            return render(
                request,
                "lending/staff/hand_over.html",
                {
                    "form": form,
                    "device_request": device_request,
                    "allocation": allocation,
                    "regulation": regulation,
                },
            )
        language = form.cleaned_data["language"]
    pdf = agreement_pdf(
        data_for_draft(
            request=device_request,
            allocation=allocation,
            regulation=regulation,
            terms=terms,
            language=language,
        )
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="agreement-{device_request.reference_display}.pdf"'
    )
    return response
