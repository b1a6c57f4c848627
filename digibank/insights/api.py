"""API of the insights app, mounted at /api/digibanks/{digibank}/: the digibank's figures.

The same protected tables as the figures page and its JSON download (counts from 1 to 9 are the
text "<10", a count hidden so that a total cannot reveal one is "x"), for `VIEW_AGGREGATES`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from digibank.core.api_errors import TENANT_ERRORS, with_errors
from digibank.core.errors import DomainError
from digibank.insights import exports
from digibank.insights import period as periods
from digibank.insights.figures import dashboard
from digibank.insights.sources import Window
from digibank.organisations.models import Hub
from digibank.organisations.permissions import ApiRequest, Perm, api_access

router = Router(tags=["insights"])

DIGIBANK = Path(..., description="The digibank's short name, as in its web addresses.")
Count = int | str  # a shown count, or "<10" / "x" when it is hidden


PERIOD = Path(
    ...,
    pattern=r"^(last12|[0-9]{4})$",
    description="`last12` (the last 12 months) or a calendar year of the last three; "
    "another year counts as the last 12 months.",
)


class FigureFilters(Schema):
    municipality: str | None = Field(
        None, pattern=r"^[0-9]{5}$", description="NIS code of a municipality of the digibank."
    )
    hub: int | None = Field(None, ge=1, description="Id of a hub of the digibank.")


class ColumnOut(Schema):
    key: str
    label: str


class RowOut(Schema):
    key: str
    label: str
    values: list[Count]
    total: Count | None


class TableOut(Schema):
    key: str
    title: str
    columns: list[ColumnOut]
    rows: list[RowOut]
    totals: list[Count] | None
    total: Count | None


class PeriodOut(Schema):
    key: str
    start: str
    end: str


class SuppressionOut(Schema):
    threshold: int
    primary: str
    secondary: str


class HeadlinesOut(Schema):
    people_reached: Count
    devices_handed_over: Count
    skills_checks: Count
    waiting_list: Count
    median_wait_days: int | None


class TierOut(Schema):
    people: int
    reached: bool


class FiguresOut(Schema):
    scope: dict[str, str]
    period: PeriodOut
    suppression: SuppressionOut
    headlines: HeadlinesOut
    tiers: list[TierOut]
    tables: list[TableOut]


@router.get(
    "figures/{period}",
    response=with_errors({200: FiguresOut}, *TENANT_ERRORS),
    summary="The digibank's figures for a period, small counts hidden",
)
def figures(
    request: ApiRequest,
    filters: Query[FigureFilters],
    digibank: str = DIGIBANK,
    period: str = PERIOD,
) -> dict[str, Any]:
    access = api_access(request, digibank, Perm.VIEW_AGGREGATES)
    bank = access.digibank
    municipality_id = hub_id = None
    if filters.municipality is not None:
        found = bank.municipalities.filter(nis_code=filters.municipality).first()
        if found is None:
            raise DomainError(
                _("This municipality is not served by the digibank."), field="municipality"
            )
        municipality_id = found.pk
    if filters.hub is not None:
        if not Hub.objects.filter(digibank=bank, pk=filters.hub).exists():
            raise DomainError(_("This hub is not one of the digibank's."), field="hub")
        hub_id = filters.hub
    chosen = periods.period_for(period)
    window = Window((bank.pk,), chosen.start, chosen.end, hub_id, municipality_id)
    return exports.dashboard_json(dashboard(window, chosen), {"digibank": bank.slug})
