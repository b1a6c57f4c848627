"""The yearly report's download: the digibank's coordinator and analyst (`VIEW_AGGREGATES`) for
their digibank, the region's roles for any digibank of their region.

A year or digibank that cannot be chosen answers 400 with the form and a message, never an
error page; each report made is in the audit trail (who made which digibank's report, for which
year), like the other exports.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from digibank.core import audit
from digibank.core.models import AuditAction, User
from digibank.insights.report import yearly_report
from digibank.insights.report.forms import ReportForm
from digibank.organisations.models import Digibank
from digibank.organisations.permissions import (
    Perm,
    RegionPerm,
    RegionRequest,
    StaffRequest,
    region_view,
    staff_view,
)


def _download(request: HttpRequest, user: User, digibank: Digibank, year: int) -> HttpResponse:
    pdf = yearly_report(digibank, year, language=translation.get_language() or "")
    audit.record(
        actor=user,
        action=AuditAction.EXPORT,
        obj=digibank,
        digibank=digibank,
        note=f"yearly report {year}",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{digibank.slug}-yearly-report-{year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_view(Perm.VIEW_AGGREGATES)
def report(request: StaffRequest) -> HttpResponse:
    form = ReportForm(request.GET)
    if not form.is_valid():
        return render(request, "insights/staff/report.html", {"form": form}, status=400)
    digibank = request.access.digibank
    return _download(request, request.user, digibank, form.chosen_year())


@region_view(RegionPerm.VIEW_REGION)
def region_report(request: RegionRequest) -> HttpResponse:
    region = request.region_access.region
    form = ReportForm(
        request.GET,
        digibanks=Digibank.objects.filter(region=region).select_related("region").order_by("name"),
    )
    if not form.is_valid():
        context = {"form": form, "region": region}
        return render(request, "insights/region/report.html", context, status=400)
    digibank = form.cleaned_data["digibank"]
    return _download(request, request.user, digibank, form.chosen_year())
