"""Volunteer shifts: the coordinator plans them and sees the gaps in coverage
(`MANAGE_SHIFTS`); hub volunteers see the coming shifts, their own next ones, and sign up or
withdraw (`TAKE_SHIFTS`). Each page costs the same few queries whatever the number of shifts."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digibank.core.errors import DomainError
from digibank.help import visit_queries as queries
from digibank.help.models import Shift
from digibank.help.services import shifts as services
from digibank.help.visit_forms import ShiftForm
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.organisations.views.common import add_domain_error


@staff_view(Perm.TAKE_SHIFTS)
@require_http_methods(["GET"])
def shift_list(request: StaffRequest) -> HttpResponse:
    access = request.access
    return render(
        request,
        "help/staff/shift_list.html",
        {
            "mine": queries.next_shifts_of(access),
            "shifts": list(queries.upcoming_shifts(access)),
        },
    )


def _shift(request: StaffRequest, shift_id: int) -> Shift:
    return get_object_or_404(request.access.scope(Shift.objects.all()), pk=shift_id)


@staff_view(Perm.TAKE_SHIFTS)
@require_POST
def shift_sign_up(request: StaffRequest, shift_id: int) -> HttpResponse:
    try:
        services.sign_up(shift=_shift(request, shift_id), by=request.access)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You are signed up. Thank you."))
    return redirect("help:shift_list", digibank=request.access.digibank.slug)


@staff_view(Perm.TAKE_SHIFTS)
@require_POST
def shift_withdraw(request: StaffRequest, shift_id: int) -> HttpResponse:
    try:
        services.withdraw(shift=_shift(request, shift_id), by=request.access)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You are no longer signed up for this shift."))
    return redirect("help:shift_list", digibank=request.access.digibank.slug)


@staff_view(Perm.MANAGE_SHIFTS)
@require_http_methods(["GET", "POST"])
def shift_plan(request: StaffRequest) -> HttpResponse:
    """Plan a shift, and see the coming shifts that still miss volunteers."""
    access = request.access
    hubs = queries.hubs_for(access).order_by("name")
    form = ShiftForm(request.POST or None, hubs=hubs)
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.moments()
        try:
            services.plan_shift(
                hub=form.cleaned_data["hub"],
                starts_at=starts_at,
                ends_at=ends_at,
                volunteers_needed=form.cleaned_data["volunteers_needed"],
                by=access,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The shift is planned."))
            return redirect("help:shift_plan", digibank=access.digibank.slug)
    return render(
        request,
        "help/staff/shift_plan.html",
        {
            "form": form,
            "gaps": list(queries.coverage_gaps(access)),
            "shifts": list(queries.upcoming_shifts(access)),
        },
    )


@staff_view(Perm.MANAGE_SHIFTS)
@require_POST
def shift_cancel(request: StaffRequest, shift_id: int) -> HttpResponse:
    services.cancel_shift(shift=_shift(request, shift_id), by=request.access)
    messages.success(request, _("The shift is removed."))
    return redirect("help:shift_plan", digibank=request.access.digibank.slug)
