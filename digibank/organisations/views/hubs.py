"""Staff pages for hubs: list, detail, create and edit, weekly hours, exceptions, closing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digibank.core.errors import DomainError
from digibank.organisations import queries, services
from digibank.organisations.forms import HubForm, OpeningExceptionForm, weekly_hours_formset
from digibank.organisations.models import Hub, OpeningException, Weekday
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.organisations.schedule import Interval
from digibank.organisations.views.common import add_domain_error, page_of

HOURS_ROWS = 10


def _hub_fields(form: HubForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in HubForm.Meta.fields}


def _to_hub(request: StaffRequest, hub: Hub) -> HttpResponse:
    return redirect(
        "organisations:hub_detail", digibank=request.access.digibank.slug, hub_id=hub.pk
    )


@staff_view(Perm.VIEW_ORGANISATION)
def hub_list(request: StaffRequest) -> HttpResponse:
    page = page_of(request, queries.hubs_for(request.access).order_by("-active", "name", "pk"))
    return render(request, "organisations/staff/hub_list.html", {"page": page})


def weekly_table(hub: Hub) -> list[dict[str, Any]]:
    """Monday to Sunday with the walk-in and the by-appointment times of each day."""
    rows = []
    for day in Weekday:
        slots = [
            Interval(hours.opens, hours.closes, hours.kind)
            for hours in hub.opening_hours.all()
            if hours.weekday == day.value
        ]
        rows.append(
            {
                "day": day.label,
                "appointment": [s for s in slots if not s.is_walk_in],
                "walk_in": [s for s in slots if s.is_walk_in],
            }
        )
    return rows


@staff_view(Perm.VIEW_ORGANISATION)
def hub_detail(request: StaffRequest, hub_id: int) -> HttpResponse:
    hub = queries.hub_with_schedule(queries.hubs_for(request.access), hub_id)
    today = timezone.localdate()
    return render(
        request,
        "organisations/staff/hub_detail.html",
        {
            "hub": hub,
            "weekly": weekly_table(hub),
            "week": services.week_schedule(hub, today),
            "exceptions": hub.opening_exceptions.all(),
            "can_manage": request.access.can(Perm.MANAGE_ORGANISATION),
        },
    )


@staff_view(Perm.MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def hub_create(request: StaffRequest) -> HttpResponse:
    digibank = request.access.digibank
    form = HubForm(request.POST or None, digibank=digibank)
    if request.method == "POST" and form.is_valid():
        try:
            hub = services.create_hub(digibank=digibank, by=request.access, **_hub_fields(form))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The hub is added. Now fill in its opening hours."))
            return redirect("organisations:hub_hours", digibank=digibank.slug, hub_id=hub.pk)
    return render(request, "organisations/staff/hub_form.html", {"form": form, "hub": None})


@staff_view(Perm.MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def hub_edit(request: StaffRequest, hub_id: int) -> HttpResponse:
    hub = queries.get_hub_for(request.access, hub_id)
    form = HubForm(
        request.POST or None,
        initial=model_to_dict(hub, fields=HubForm.Meta.fields),
        digibank=request.access.digibank,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_hub(hub=hub, by=request.access, **_hub_fields(form))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return _to_hub(request, hub)
    return render(request, "organisations/staff/hub_form.html", {"form": form, "hub": hub})


@staff_view(Perm.MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def hub_hours(request: StaffRequest, hub_id: int) -> HttpResponse:
    hub = queries.get_hub_for(request.access, hub_id)
    existing = [
        {"weekday": h.weekday, "opens": h.opens, "closes": h.closes, "kind": h.kind}
        for h in hub.opening_hours.all()
    ]
    formset_class = weekly_hours_formset(rows=max(HOURS_ROWS - len(existing), 3))
    formset = formset_class(request.POST or None, initial=existing)
    if request.method == "POST" and formset.is_valid():
        filled = formset.filled_forms()
        try:
            services.set_weekly_hours(hub=hub, by=request.access, hours=formset.hours())
        except services.WeeklyHoursError as error:
            add_domain_error(filled[error.index], error)
        else:
            messages.success(request, _("The opening hours are saved."))
            return _to_hub(request, hub)
    has_errors = bool(formset.non_form_errors()) or any(f.errors for f in formset.forms)
    return render(
        request,
        "organisations/staff/hub_hours.html",
        {"hub": hub, "formset": formset, "has_errors": has_errors},
    )


@staff_view(Perm.MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def hub_exceptions(request: StaffRequest, hub_id: int) -> HttpResponse:
    hub = queries.get_hub_for(request.access, hub_id)
    form = OpeningExceptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_opening_exception(
                hub=hub,
                by=request.access,
                date=data["date"],
                closed=form.closed,
                opens=data["opens"],
                closes=data["closes"],
                kind=form.kind,
                reason=data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The change to the opening hours is saved."))
            return redirect(
                "organisations:hub_exceptions", digibank=request.access.digibank.slug, hub_id=hub.pk
            )
    exceptions = hub.opening_exceptions.filter(date__gte=timezone.localdate())
    return render(
        request,
        "organisations/staff/hub_exceptions.html",
        {"hub": hub, "form": form, "exceptions": exceptions},
    )


@staff_view(Perm.MANAGE_ORGANISATION)
@require_POST
def hub_exception_remove(request: StaffRequest, hub_id: int, exception_id: int) -> HttpResponse:
    hub = queries.get_hub_for(request.access, hub_id)
    exception = get_object_or_404(OpeningException.objects.filter(hub=hub), pk=exception_id)
    services.remove_opening_exception(exception=exception, by=request.access)
    messages.success(request, _("The change is removed. The usual hours apply again."))
    return redirect(
        "organisations:hub_exceptions", digibank=request.access.digibank.slug, hub_id=hub.pk
    )


@staff_view(Perm.MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def hub_deactivate(request: StaffRequest, hub_id: int) -> HttpResponse:
    hub = queries.get_hub_for(request.access, hub_id)
    error = None
    if request.method == "POST":
        try:
            services.deactivate_hub(hub=hub, by=request.access)
        except DomainError as refused:
            error = refused.message
        else:
            messages.success(request, _("The hub is closed. Residents no longer find it."))
            return _to_hub(request, hub)
    return render(request, "organisations/staff/hub_deactivate.html", {"hub": hub, "error": error})


@staff_view(Perm.MANAGE_ORGANISATION)
@require_POST
def hub_reactivate(request: StaffRequest, hub_id: int) -> HttpResponse:
    hub = queries.get_hub_for(request.access, hub_id)
    try:
        services.reactivate_hub(hub=hub, by=request.access)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The hub is open again."))
    return _to_hub(request, hub)
