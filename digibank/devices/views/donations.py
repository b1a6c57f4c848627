"""Donations: the list, recording and changing one, importing its asset list, its documents."""

from __future__ import annotations

import copy
import csv
import io
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.devices import impact, pdfs, queries, services
from digibank.devices.forms import DonationForm, DonationStatusForm, ImportForm
from digibank.devices.models import Device, Donation, DonationStatus, Wipe
from digibank.devices.services.importing import TEMPLATE_EXAMPLE, TEMPLATE_HEADER
from digibank.devices.views.common import (
    add_error,
    donation_for_page,
    pdf_response,
    safe_filename,
    to_donation,
)
from digibank.organisations.models import Partner, PartnerKind
from digibank.organisations.permissions import Perm, StaffRequest, staff_view

PAGE_SIZE = 50


@staff_view(Perm.MANAGE_DONATIONS)
@require_GET
def donation_list(request: StaffRequest) -> HttpResponse:
    donations = queries.donations_list(request.access)
    status = request.GET.get("status", "")
    if status in DonationStatus.values:
        donations = donations.filter(status=status)
    page = Paginator(donations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "devices/staff/donation_list.html",
        {
            "page": page,
            "status": status,
            "statuses": DonationStatus.choices,
            "query": f"status={status}" if status else "",
        },
    )


@staff_view(Perm.MANAGE_DONATIONS)
@require_http_methods(["GET", "POST"])
def donation_create(request: StaffRequest) -> HttpResponse:
    access = request.access
    form = DonationForm(request.POST if request.method == "POST" else None, access=access)
    if request.method == "POST" and form.is_valid():
        try:
            donation = services.create_donation(
                digibank=access.digibank, by=request.access, **form.service_values()
            )
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(
                request,
                _("Donation %(reference)s is recorded. Now register its devices.")
                % {"reference": donation.reference},
            )
            return to_donation(request, donation)
    return render(request, "devices/staff/donation_form.html", {"form": form})


@staff_view(Perm.MANAGE_DONATIONS)
@require_GET
def donation_detail(request: StaffRequest, donation_id: int) -> HttpResponse:
    donation = donation_for_page(request, donation_id)
    audit.record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=donation,
        digibank=request.access.digibank,
    )
    devices = queries.with_list_details(donation.devices.all())
    figures = impact.impact_of(donation.devices.all())
    return render(
        request,
        "devices/staff/donation_detail.html",
        {
            "donation": donation,
            "devices": list(devices.order_by("pk")[:50]),
            "impact": figures,
            "imports": list(donation.imports.select_related("created_by")[:20]),
            "expected": [
                (label, donation.expected_counts.get(kind))
                for kind, label in _kind_labels()
                if donation.expected_counts.get(kind)
            ],
            "import_form": ImportForm(),
        },
    )


def _kind_labels() -> list[tuple[str, str]]:
    from digibank.devices.models import DeviceKind

    return [(kind.value, str(kind.label)) for kind in DeviceKind]


@staff_view(Perm.MANAGE_DONATIONS)
@require_http_methods(["GET", "POST"])
def donation_edit(request: StaffRequest, donation_id: int) -> HttpResponse:
    access = request.access
    donation = donation_for_page(request, donation_id)
    form = DonationForm(
        request.POST if request.method == "POST" else None,
        access=access,
        instance=copy.copy(donation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_donation(donation=donation, by=request.access, **form.service_values())
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return to_donation(request, donation)
    return render(request, "devices/staff/donation_form.html", {"form": form, "donation": donation})


@staff_view(Perm.MANAGE_DONATIONS)
@require_POST
def donation_status(request: StaffRequest, donation_id: int) -> HttpResponse:
    donation = donation_for_page(request, donation_id)
    form = DonationStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the donation."))
        return to_donation(request, donation)
    try:
        services.set_donation_status(
            donation=donation,
            by=request.access,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The donation is now %(status)s.")
            % {"status": DonationStatus(donation.status).label},
        )
    return to_donation(request, donation)


@staff_view(Perm.MANAGE_DEVICES)
@require_http_methods(["GET", "POST"])
def donation_import(request: StaffRequest, donation_id: int) -> HttpResponse:
    donation = donation_for_page(request, donation_id)
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    row_errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = services.import_devices(
                donation=donation, by=request.access, file_name=upload.name, content=upload.read()
            )
        except services.ImportRejected as rejected:
            row_errors = rejected.errors
            form.add_error("file", rejected.message)
        except DomainError as error:
            add_error(form, error, fallback="file")
        else:
            if report.already_imported and report.device_import is not None:
                messages.warning(
                    request,
                    _("This file was already imported on %(date)s: nothing new was created.")
                    % {"date": report.device_import.created_at.strftime("%d/%m/%Y")},
                )
            else:
                text = _("%(count)d devices imported.") % {"count": len(report.created)}
                if report.skipped:
                    text += " " + _(
                        "%(count)d rows were skipped: their serial numbers are already registered."
                    ) % {"count": len(report.skipped)}
                messages.success(request, text)
            return to_donation(request, donation, "devices")
    return render(
        request,
        "devices/staff/import.html",
        {
            "donation": donation,
            "form": form,
            "row_errors": row_errors,
            "columns": TEMPLATE_HEADER,
        },
    )


@staff_view(Perm.MANAGE_DEVICES)
@require_GET
def import_template(request: StaffRequest) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(TEMPLATE_HEADER)
    writer.writerow(TEMPLATE_EXAMPLE)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="asset-list-template.csv"'
    return response


def _with_wipes(devices: QuerySet[Device]) -> QuerySet[Device]:
    return devices.select_related("digibank").prefetch_related(
        Prefetch(
            "wipes",
            queryset=Wipe.objects.select_related("medium", "operator").order_by("ended_at"),
        )
    )


@staff_view(Perm.MANAGE_DONATIONS)
@require_GET
def donation_certificate(request: StaffRequest, donation_id: int) -> HttpResponse:
    donation = donation_for_page(request, donation_id)
    devices = list(_with_wipes(donation.devices.order_by("tag_number")))
    content = pdfs.erasure_certificate(
        digibank=request.access.digibank, devices=devices, donation=donation
    )
    return pdf_response(content, f"erasure-certificate-{donation.reference}.pdf")


def _report_context(donations: list[Donation], devices: QuerySet[Device]) -> dict[str, Any]:
    return {"donations": donations, "impact": impact.impact_of(devices)}


@staff_view(Perm.MANAGE_DONATIONS)
@require_GET
def donor_report(request: StaffRequest, partner_id: int) -> HttpResponse:
    partner = _donor_partner(request, partner_id)
    donations = list(queries.donations_for(request.access).filter(donor_partner=partner))
    devices = queries.devices_for(request.access).filter(donation__donor_partner=partner)
    return render(
        request,
        "devices/staff/donor_report.html",
        {
            "donor_name": partner.name,
            "partner": partner,
            **_report_context(donations, devices),
            "table": impact.table_rows(),
            "sources": impact.SOURCES,
        },
    )


def _donor_partner(request: StaffRequest, partner_id: int) -> Partner:
    return get_object_or_404(
        request.access.scope(Partner.objects.filter(kind=PartnerKind.COMPANY)), pk=partner_id
    )


@staff_view(Perm.MANAGE_DONATIONS)
@require_GET
def donor_report_pdf(request: StaffRequest, partner_id: int) -> HttpResponse:
    partner = _donor_partner(request, partner_id)
    donations = list(queries.donations_for(request.access).filter(donor_partner=partner))
    devices = queries.devices_for(request.access).filter(donation__donor_partner=partner)
    content = pdfs.donor_report(
        digibank=request.access.digibank,
        donor_name=partner.name,
        donations=donations,
        impact=impact.impact_of(devices),
    )
    return pdf_response(content, f"donor-report-{safe_filename(partner.name)}.pdf")


@staff_view(Perm.MANAGE_DONATIONS)
@require_GET
def donation_report_pdf(request: StaffRequest, donation_id: int) -> HttpResponse:
    """The donor report of one donation (a donor who is not a partner company)."""
    donation = donation_for_page(request, donation_id)
    content = pdfs.donor_report(
        digibank=request.access.digibank,
        donor_name=donation.donor_display,
        donations=[donation],
        impact=impact.impact_of(donation.devices.all()),
    )
    return pdf_response(content, f"donor-report-{donation.reference}.pdf")
