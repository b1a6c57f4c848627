"""What the digibank's and the region's dashboards share: filters, the window, the page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from digibank.insights import charts, period
from digibank.insights.figures import Dashboard, dashboard, impact_estimate
from digibank.insights.forms import FilterForm
from digibank.insights.impact import FACTORS
from digibank.insights.sources import Window
from digibank.insights.suppression import PRIMARY_MEANING, SECONDARY_MEANING
from digibank.organisations.models import Hub, Municipality


@dataclass(frozen=True)
class Chosen:
    form: FilterForm
    window: Window
    period: period.Period

    def query(self) -> str:
        """The filters as a query string, for the download links."""
        return self.form.data.urlencode() if hasattr(self.form.data, "urlencode") else ""


def choose(
    request: HttpRequest,
    digibank_ids: Sequence[int],
    municipalities: QuerySet[Municipality],
    hubs: QuerySet[Hub],
) -> Chosen:
    """Reads the filters of the GET form; a value the user may not choose is ignored."""
    form = FilterForm(request.GET, municipalities=municipalities, hubs=hubs)
    chosen_period = period.period_for(str(form.choice("period") or period.LAST_12))
    municipality = form.choice("municipality")
    hub = form.choice("hub")
    window = Window(
        digibank_ids=tuple(digibank_ids),
        start=chosen_period.start,
        end=chosen_period.end,
        hub_id=hub.pk if isinstance(hub, Hub) else None,
        municipality_id=municipality.pk if isinstance(municipality, Municipality) else None,
    )
    return Chosen(form, window, chosen_period)


def board_for(chosen: Chosen) -> Dashboard:
    return dashboard(chosen.window, chosen.period)


def render_dashboard(
    request: HttpRequest, template: str, chosen: Chosen, board: Dashboard, **context: Any
) -> HttpResponse:
    shown = [
        (table, charts.charts_for(table)) for table in board.tables if table.key != "impact_devices"
    ]
    impact = board.table("impact_devices")
    return render(
        request,
        template,
        {
            "form": chosen.form,
            "query": chosen.query(),
            "board": board,
            "shown": shown,
            "impact": impact,
            "impact_estimate": impact_estimate(impact),
            "primary_meaning": PRIMARY_MEANING,
            "secondary_meaning": SECONDARY_MEANING,
            "factors": FACTORS,
            **context,
        },
    )
