"""The region's dashboard: every digibank of the region together, and side by side
(region admin and region analyst: `VIEW_REGION`). Figures only, each protected."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse

from digibank.insights import exports
from digibank.insights.region import digibanks_side_by_side
from digibank.insights.report.forms import ReportForm
from digibank.insights.views.common import Chosen, board_for, choose, render_dashboard
from digibank.organisations.models import Digibank, Hub, Municipality
from digibank.organisations.permissions import RegionPerm, RegionRequest, region_view


def _digibanks(request: RegionRequest) -> list[Digibank]:
    return list(Digibank.objects.filter(region=request.region_access.region).order_by("name"))


def _chosen(request: RegionRequest, digibanks: list[Digibank]) -> Chosen:
    region = request.region_access.region
    return choose(
        request,
        [bank.pk for bank in digibanks],
        Municipality.objects.filter(digibanks__region=region).distinct().order_by("name_nl"),
        Hub.objects.filter(digibank__region=region).order_by("name"),
    )


@region_view(RegionPerm.VIEW_REGION)
def dashboard(request: RegionRequest) -> HttpResponse:
    digibanks = _digibanks(request)
    chosen = _chosen(request, digibanks)
    return render_dashboard(
        request,
        "insights/region/dashboard.html",
        chosen,
        board_for(chosen),
        region=request.region_access.region,
        side_by_side=digibanks_side_by_side(chosen.window, digibanks),
        report_form=ReportForm(
            None,
            digibanks=Digibank.objects.filter(region=request.region_access.region).order_by("name"),
        ),
    )


def _filename(request: RegionRequest, chosen: Chosen, what: str) -> str:
    return f"{request.region_access.region.slug}-{what}-{chosen.period.key}"


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@region_view(RegionPerm.VIEW_REGION)
def figures_csv(request: RegionRequest) -> HttpResponse:
    chosen = _chosen(request, _digibanks(request))
    return exports.dashboard_csv(board_for(chosen), _filename(request, chosen, "figures") + ".csv")


@region_view(RegionPerm.VIEW_REGION)
def figures_json(request: RegionRequest) -> HttpResponse:
    chosen = _chosen(request, _digibanks(request))
    scope = {"region": request.region_access.region.slug}
    body = exports.dashboard_json(board_for(chosen), scope)
    return _attachment(JsonResponse(body), _filename(request, chosen, "figures") + ".json")


@region_view(RegionPerm.VIEW_REGION)
def digibanks_csv(request: RegionRequest) -> HttpResponse:
    """Every digibank of the region side by side, one line per digibank and measure."""
    digibanks = _digibanks(request)
    chosen = _chosen(request, digibanks)
    table = digibanks_side_by_side(chosen.window, digibanks)
    return exports.csv_response(
        exports.table_rows(table),
        exports.CSV_HEADER,
        _filename(request, chosen, "digibanks") + ".csv",
    )


@region_view(RegionPerm.VIEW_REGION)
def digibanks_json(request: RegionRequest) -> HttpResponse:
    digibanks = _digibanks(request)
    chosen = _chosen(request, digibanks)
    table = digibanks_side_by_side(chosen.window, digibanks)
    body = {
        "scope": {"region": request.region_access.region.slug},
        "period": {
            "key": chosen.period.key,
            "start": chosen.period.start.date().isoformat(),
            "end": chosen.period.end.date().isoformat(),
        },
        "tables": [exports.table_json(table)],
    }
    return _attachment(JsonResponse(body), _filename(request, chosen, "digibanks") + ".json")
