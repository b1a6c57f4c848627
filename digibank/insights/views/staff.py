"""The digibank's dashboard and its downloads (coordinator and analyst: `VIEW_AGGREGATES`).

Only protected figures leave these views: no name, no row, no count from 1 to 9.
"""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse

from digibank.insights import exports
from digibank.insights.report.forms import ReportForm
from digibank.insights.views.common import Chosen, board_for, choose, render_dashboard
from digibank.organisations.models import Hub
from digibank.organisations.permissions import Perm, StaffRequest, staff_view


def _chosen(request: StaffRequest) -> Chosen:
    digibank = request.access.digibank
    return choose(
        request,
        [digibank.pk],
        digibank.municipalities.order_by("name_nl"),
        Hub.objects.filter(digibank=digibank).order_by("name"),
    )


@staff_view(Perm.VIEW_AGGREGATES)
def dashboard(request: StaffRequest) -> HttpResponse:
    chosen = _chosen(request)
    return render_dashboard(
        request,
        "insights/staff/dashboard.html",
        chosen,
        board_for(chosen),
        side_by_side=None,
        report_form=ReportForm(None),
    )


def _filename(request: StaffRequest, chosen: Chosen, extension: str) -> str:
    return f"{request.access.digibank.slug}-figures-{chosen.period.key}.{extension}"


@staff_view(Perm.VIEW_AGGREGATES)
def figures_csv(request: StaffRequest) -> HttpResponse:
    chosen = _chosen(request)
    return exports.dashboard_csv(board_for(chosen), _filename(request, chosen, "csv"))


@staff_view(Perm.VIEW_AGGREGATES)
def figures_json(request: StaffRequest) -> HttpResponse:
    chosen = _chosen(request)
    body = exports.dashboard_json(board_for(chosen), {"digibank": request.access.digibank.slug})
    response = JsonResponse(body)
    response["Content-Disposition"] = f'attachment; filename="{_filename(request, chosen, "json")}"'
    return response
