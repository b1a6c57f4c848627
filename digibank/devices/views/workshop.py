"""The technician's pages: state changes, drives and wipes, the checklist, repairs, recycling."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digibank.core.errors import DomainError
from digibank.devices import checklists, services
from digibank.devices.forms import (
    ChecklistForm,
    MediumForm,
    RecycleForm,
    RepairFinishForm,
    RepairStartForm,
    TransitionForm,
    WipeForm,
)
from digibank.devices.models import DeviceState, RefurbishChecklist
from digibank.devices.views.common import (
    add_error,
    device_for_page,
    medium_for_page,
    repair_for_page,
    to_device,
)
from digibank.organisations.permissions import Perm, StaffRequest, staff_view


@staff_view(Perm.MANAGE_DEVICES)
@require_http_methods(["GET", "POST"])
def device_transition(request: StaffRequest, device_id: int) -> HttpResponse:
    device = device_for_page(request, device_id)
    form = TransitionForm(request.POST if request.method == "POST" else None, device=device)
    if request.method == "POST" and form.is_valid():
        try:
            services.transition(
                device=device,
                to=form.cleaned_data["to"],
                by=request.access,
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            add_error(form, error, fallback="to")
        else:
            messages.success(
                request,
                _("%(tag)s is now %(state)s.")
                % {"tag": device.asset_tag, "state": DeviceState(device.state).label},
            )
            return to_device(request, device)
    return render(request, "devices/staff/transition.html", {"device": device, "form": form})


@staff_view(Perm.MANAGE_DEVICES)
@require_http_methods(["GET", "POST"])
def medium_add(request: StaffRequest, device_id: int) -> HttpResponse:
    device = device_for_page(request, device_id)
    form = MediumForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_medium(device=device, by=request.access, **form.cleaned_data)
        except DomainError as error:
            add_error(form, error, fallback="kind")
        else:
            messages.success(request, _("The storage medium is added."))
            return to_device(request, device, "storage")
    return render(request, "devices/staff/medium_form.html", {"device": device, "form": form})


@staff_view(Perm.MANAGE_DEVICES)
@require_POST
def medium_remove(request: StaffRequest, device_id: int, medium_id: int) -> HttpResponse:
    device = device_for_page(request, device_id)
    medium = medium_for_page(request, device, medium_id)
    try:
        services.remove_medium(medium=medium, by=request.access)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The drive is marked as taken out of the device."))
    return to_device(request, device, "storage")


@staff_view(Perm.MANAGE_DEVICES)
@require_http_methods(["GET", "POST"])
def wipe_record(request: StaffRequest, device_id: int, medium_id: int) -> HttpResponse:
    device = device_for_page(request, device_id)
    medium = medium_for_page(request, device, medium_id)
    form = WipeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_wipe(medium=medium, by=request.access, **form.cleaned_data)
        except DomainError as error:
            add_error(form, error, fallback="method")
        else:
            messages.success(request, _("The wipe is recorded."))
            return to_device(request, device, "storage")
    return render(
        request,
        "devices/staff/wipe_form.html",
        {"device": device, "medium": medium, "form": form},
    )


@staff_view(Perm.MANAGE_DEVICES)
@require_http_methods(["GET", "POST"])
def checklist(request: StaffRequest, device_id: int) -> HttpResponse:
    device = device_for_page(request, device_id)
    saved = RefurbishChecklist.objects.filter(device=device, cycle=device.cycle).first()
    initial: dict[str, Any] = {"battery_health": device.battery_health}
    if saved is not None:
        initial.update(checked=saved.checked, grade=saved.grade, notes=saved.notes)
    form = ChecklistForm(
        request.POST if request.method == "POST" else None, device=device, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            result = services.save_checklist(
                device=device,
                by=request.access,
                checked=form.cleaned_data["checked"],
                grade=form.cleaned_data["grade"],
                notes=form.cleaned_data["notes"],
                battery_health=form.cleaned_data.get("battery_health"),
            )
        except DomainError as error:
            add_error(form, error, fallback="checked")
        else:
            if result.complete:
                messages.success(
                    request, _("The checklist is complete. The device can be made ready.")
                )
            else:
                messages.success(request, _("The checklist is saved; some items are still open."))
            return to_device(request, device, "checklist")
    return render(
        request,
        "devices/staff/checklist_form.html",
        {"device": device, "form": form, "total": len(checklists.BY_KIND[device.kind])},
    )


@staff_view(Perm.MANAGE_DEVICES)
@require_http_methods(["GET", "POST"])
def repair_start(request: StaffRequest, device_id: int) -> HttpResponse:
    device = device_for_page(request, device_id)
    form = RepairStartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.start_repair(
                device=device, by=request.access, fault=form.cleaned_data["fault"]
            )
        except DomainError as error:
            add_error(form, error, fallback="fault")
        else:
            messages.success(request, _("The repair is started."))
            return to_device(request, device, "repairs")
    return render(request, "devices/staff/repair_start.html", {"device": device, "form": form})


@staff_view(Perm.MANAGE_DEVICES)
@require_http_methods(["GET", "POST"])
def repair_finish(request: StaffRequest, device_id: int, repair_id: int) -> HttpResponse:
    device = device_for_page(request, device_id)
    repair = repair_for_page(request, device, repair_id)
    form = RepairFinishForm(
        request.POST if request.method == "POST" else None,
        initial={"minutes": repair.minutes or None, "parts": repair.parts},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.finish_repair(repair=repair, by=request.access, **form.cleaned_data)
        except DomainError as error:
            add_error(form, error, fallback="outcome")
        else:
            messages.success(request, _("The repair is saved."))
            return to_device(request, device, "repairs")
    return render(
        request,
        "devices/staff/repair_finish.html",
        {"device": device, "repair": repair, "form": form},
    )


@staff_view(Perm.MANAGE_DEVICES)
@require_http_methods(["GET", "POST"])
def recycle(request: StaffRequest, device_id: int) -> HttpResponse:
    device = device_for_page(request, device_id)
    form = RecycleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recycle_device(device=device, by=request.access, **form.cleaned_data)
        except DomainError as error:
            add_error(form, error, fallback="recycler")
        else:
            messages.success(request, _("The device is recorded as recycled."))
            return to_device(request, device)
    return render(request, "devices/staff/recycle.html", {"device": device, "form": form})
