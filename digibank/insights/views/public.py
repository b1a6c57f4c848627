"""The published data dictionary: what every figure counts, and how small numbers are hidden."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from digibank.insights.exports import CSV_HEADER
from digibank.insights.figures import STAGES, TIERS
from digibank.insights.impact import FACTORS
from digibank.insights.sources import registered
from digibank.organisations.permissions import public_view


@public_view
def data_dictionary(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "insights/public/data_dictionary.html",
        {
            "csv_header": CSV_HEADER,
            "stages": STAGES,
            "tiers": TIERS,
            "factors": sorted(FACTORS.items()),
            "sources": registered(),
        },
    )
