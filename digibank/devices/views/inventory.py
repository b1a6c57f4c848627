"""The inventory: list with filters and search, exports, labels, the device page, intake."""

from __future__ import annotations

import copy

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.forms import form_field
from digibank.core.fragments import macros
from digibank.core.models import AuditAction
from digibank.devices import exports, impact, pdfs, queries, services
from digibank.devices.forms import DeviceFilterForm, DeviceForm, RegisterDeviceForm
from digibank.devices.models import Device, DeviceKind, DeviceState, Grade, Wipe
from digibank.devices.views.common import (
    add_error,
    device_for_page,
    pdf_response,
    query_string,
    to_device,
)
from digibank.organisations.models import Hub
from digibank.organisations.permissions import Access, Perm, StaffRequest, staff_view

MAX_LABELS = 480  # 20 sheets


def _filtered(request: StaffRequest) -> tuple[DeviceFilterForm, queries.InventoryFilter]:
    access = request.access
    form = DeviceFilterForm(request.GET, access=access)
    hub, donor = form.value("hub"), form.value("donor")
    donation_id = request.GET.get("donation", "")
    chosen = queries.InventoryFilter(
        state=form.value("state") or "",
        kind=form.value("kind") or "",
        hub_id=hub.pk if hub else None,
        donor_id=donor.pk if donor else None,
        donation_id=int(donation_id) if donation_id.isdigit() and len(donation_id) < 18 else None,
        grade=form.value("grade") or "",
        text=form.value("q") or "",
    )
    return form, chosen


@staff_view(Perm.VIEW_DEVICES)
@require_GET
def device_list(request: StaffRequest) -> HttpResponse:
    access = request.access
    form, chosen = _filtered(request)
    devices = queries.list_rows(chosen.apply(queries.devices_for(access)))
    page = queries.keyset_page(
        devices, after=request.GET.get("after"), before=request.GET.get("before")
    )
    counts = queries.counts_per_state(access.digibank)
    # This page is read most: labels are translated once per request, not once per row, and the
    # table rows and filter options are Jinja2 macros (Django's engine took longer than the
    # database on 50 rows).
    states = {state.value: capfirst(str(state.label)) for state in DeviceState}
    kinds = {kind.value: capfirst(str(kind.label)) for kind in DeviceKind}
    return render(
        request,
        "devices/staff/list.html",
        {
            "form": form,
            "page": page,
            "counts": [(state, states[state], count) for state, count in counts],
            "total": sum(count for _state, count in counts),
            "filtered": chosen.active,
            "query": query_string(request),
            "list_url": request.path,
            "rows": macros("devices/staff/_list_rows.html").rows(
                page.items, request.path, states, kinds
            ),
            "selects": _filter_selects(request, form, states, kinds),
            "text": request.GET.get("q", "")[:60],
        },
    )


def _filter_selects(
    request: HttpRequest, form: DeviceFilterForm, states: dict, kinds: dict
) -> list[tuple[str, str, str]]:
    """(name, label, <option>s) of each drop-down of the inventory's filters.

    The options are drawn by a Jinja2 macro, as the rows are: Django's widget templates took
    longer than the page's queries. Values and texts are plain strings, compared as such.
    """
    options = {
        "state": [("", _("All states")), *states.items()],
        "kind": [("", _("All kinds")), *kinds.items()],
        "hub": [("", _("All hubs"))]
        + [
            (str(hub.pk), hub.name)
            for hub in form_field(form, "hub", forms.ModelChoiceField).queryset or ()
        ],
        "donor": [("", _("All donors"))]
        + [
            (str(partner.pk), partner.name)
            for partner in form_field(form, "donor", forms.ModelChoiceField).queryset or ()
        ],
        "grade": [("", _("All grades")), *((value, str(label)) for value, label in Grade.choices)],
    }
    draw = macros("includes/_options.html").options
    return [
        (name, str(form.fields[name].label), draw(choices, request.GET.get(name, "")))
        for name, choices in options.items()
    ]


def _export_audit(request: StaffRequest, kind: str) -> None:
    audit.record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=request.access.digibank,
        digibank=request.access.digibank,
        note=f"devices {kind}",
    )


@staff_view(Perm.VIEW_DEVICES, confirm_password=True)
@require_GET
def export_csv(request: StaffRequest) -> StreamingHttpResponse:
    _form, chosen = _filtered(request)
    _export_audit(request, "csv")
    devices = chosen.apply(queries.devices_for(request.access))
    response = StreamingHttpResponse(exports.csv_lines(devices), content_type="text/csv")
    name = f"devices-{request.access.digibank.slug}-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view(Perm.VIEW_DEVICES, confirm_password=True)
@require_GET
def export_xlsx(request: StaffRequest) -> HttpResponse:
    _form, chosen = _filtered(request)
    _export_audit(request, "xlsx")
    devices = chosen.apply(queries.devices_for(request.access))
    response = HttpResponse(
        exports.xlsx_bytes(devices),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"devices-{request.access.digibank.slug}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view(Perm.VIEW_DEVICES)
@require_GET
def labels(request: StaffRequest) -> HttpResponse:
    """Labels for the devices of the current filter (at most 20 sheets), newest first."""
    _form, chosen = _filtered(request)
    devices = list(
        chosen.apply(queries.devices_for(request.access))
        .select_related("digibank")
        .order_by("pk")[:MAX_LABELS]
    )
    return pdf_response(pdfs.label_sheet(devices), "labels.pdf")


@staff_view(Perm.VIEW_DEVICES)
@require_GET
def device_label(request: StaffRequest, device_id: int) -> HttpResponse:
    device = device_for_page(request, device_id)
    return pdf_response(pdfs.label_sheet([device]), f"label-{device.asset_tag}.pdf")


@staff_view(Perm.MANAGE_DEVICES)
@require_http_methods(["GET", "POST"])
def device_create(request: StaffRequest) -> HttpResponse:
    access = request.access
    if request.method == "POST":
        form = RegisterDeviceForm(request.POST, request.FILES, access=access)
        if form.is_valid():
            try:
                device = services.register_device(
                    digibank=access.digibank,
                    by=request.access,
                    donation=form.cleaned_data.get("donation"),
                    media=form.storage_media(),
                    photo=form.new_photo(),
                    **form.service_values(),
                )
            except DomainError as error:
                add_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(tag)s is registered. Write the tag on the device or print its label.")
                    % {"tag": device.asset_tag},
                )
                if "another" in request.POST:
                    return _register_another(request, device)
                return to_device(request, device)
    else:
        form = RegisterDeviceForm(access=access, initial=_initial_for_new(request))
    return render(request, "devices/staff/device_form.html", {"form": form, "creating": True})


def _register_another(request: StaffRequest, device: Device) -> HttpResponse:
    """Back to an empty form that keeps the donation, kind and hub of the device just added."""
    response = redirect("devices:create", digibank=request.access.digibank.slug)
    pairs: list[tuple[str, str | int]] = [("kind", device.kind)]
    if device.donation_id:
        pairs.append(("donation", device.donation_id))
    if device.hub_id:
        pairs.append(("hub", device.hub_id))
    response["Location"] += "?" + urlencode(pairs)
    return response


def _initial_for_new(request: StaffRequest) -> dict:
    access: Access = request.access
    initial: dict = {}
    donation_id = request.GET.get("donation", "")
    if donation_id.isdigit() and len(donation_id) < 18:
        found = queries.donations_for(access).filter(pk=int(donation_id)).first()
        if found is not None:
            initial["donation"] = found
            initial["hub"] = found.hub
    hub_id = request.GET.get("hub", "")
    if hub_id.isdigit() and len(hub_id) < 18:
        hub = access.scope(Hub.objects.filter(active=True)).filter(pk=int(hub_id)).first()
        if hub is not None:
            initial["hub"] = hub
    if request.GET.get("kind") in DeviceKind.values:
        initial["kind"] = request.GET["kind"]
    return initial


@staff_view(Perm.VIEW_DEVICES)
@require_GET
def device_detail(request: StaffRequest, device_id: int) -> HttpResponse:
    from digibank.devices import checklists, lifecycle
    from digibank.devices.forms import TransitionForm

    device = device_for_page(request, device_id)
    details = queries.device_page_details(device)
    checklist = details["checklist"]
    done = set(checklist.checked) if checklist else set()
    return render(
        request,
        "devices/staff/detail.html",
        {
            "device": device,
            **details,
            "transition_form": TransitionForm(device=device),
            "checklist_items": [
                (label, code in done) for code, label in checklists.items_for(device.kind)
            ],
            "storage_problem": lifecycle.storage_problem(device),
            "open_repair": next((r for r in details["repairs"] if not r.finished_at), None),
            "can_wipe": device.state in {DeviceState.WIPING, DeviceState.END_OF_LIFE},
            "can_check": device.state in {DeviceState.REFURBISHING, DeviceState.IN_REPAIR},
            "is_final": device.state in lifecycle.FINAL_STATES,
            "has_wipes": any(medium.wipes.all() for medium in details["media"]),
        },
    )


@staff_view(Perm.VIEW_DEVICES)
@require_GET
def device_photo(request: StaffRequest, device_id: int) -> FileResponse:
    """The device's photo, served through the permission layer (uploads are never public)."""
    device = device_for_page(request, device_id)
    if not device.photo:
        raise Http404
    try:
        handle = device.photo.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(handle, content_type=_image_type(device.photo.name or ""))
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _image_type(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower()
    return {"png": "image/png", "gif": "image/gif", "webp": "image/webp"}.get(
        extension, "image/jpeg"
    )


@staff_view(Perm.MANAGE_DEVICES)
@require_http_methods(["GET", "POST"])
def device_edit(request: StaffRequest, device_id: int) -> HttpResponse:
    access = request.access
    device = device_for_page(request, device_id)
    if request.method == "POST":
        form = DeviceForm(request.POST, request.FILES, access=access, instance=copy.copy(device))
        if form.is_valid():
            try:
                services.update_device(
                    device=device,
                    by=request.access,
                    photo=form.new_photo(),
                    **form.service_values(),
                )
            except DomainError as error:
                add_error(form, error)
            else:
                messages.success(request, _("The changes are saved."))
                return to_device(request, device)
    else:
        form = DeviceForm(access=access, instance=device)
    return render(request, "devices/staff/device_form.html", {"form": form, "device": device})


@staff_view(Perm.VIEW_DEVICES)
@require_GET
def device_certificate(request: StaffRequest, device_id: int) -> HttpResponse:
    device = device_for_page(request, device_id)
    device_with_wipes = (
        queries.devices_for(request.access)
        .select_related("digibank")
        .prefetch_related(_wipes_prefetch())
        .get(pk=device.pk)
    )
    content = pdfs.erasure_certificate(
        digibank=request.access.digibank, devices=[device_with_wipes]
    )
    return pdf_response(content, f"erasure-certificate-{device.asset_tag}.pdf")


def _wipes_prefetch() -> Prefetch:
    return Prefetch(
        "wipes", queryset=Wipe.objects.select_related("medium", "operator").order_by("ended_at")
    )


@staff_view(Perm.MANAGE_DEVICES)
@require_GET
def work_queue(request: StaffRequest) -> HttpResponse:
    access = request.access
    state = request.GET.get("state", "")
    if state not in queries.WORK_STATES:
        state = ""
    counts = queries.work_counts(access)
    return render(
        request,
        "devices/staff/work_queue.html",
        {
            "devices": queries.work_queue(access, state=state),
            "state": state,
            "tabs": [(s, s.label, counts.get(s, 0)) for s in queries.WORK_STATES],
            "total": sum(counts.values()),
        },
    )


@staff_view(Perm.VIEW_DEVICES)
@require_GET
def impact_page(request: StaffRequest) -> HttpResponse:
    figures = impact.impact_of(queries.devices_for(request.access))
    return render(
        request,
        "devices/staff/impact.html",
        {"impact": figures, "table": impact.table_rows(), "sources": impact.SOURCES},
    )
