from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from digibank.core.permissions import RegionPerm, region_view


@region_view(RegionPerm.VIEW_REGION)
def overview(request: HttpRequest) -> HttpResponse:
    region = request.region_access.region
    return render(
        request,
        "organisations/region/overview.html",
        {"region": region, "digibanks": region.digibanks.all()},
    )
