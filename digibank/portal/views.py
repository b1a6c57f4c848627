from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from digibank.organisations.models import Digibank, Hub, HubService, Partner
from digibank.organisations.permissions import (
    AuthenticatedRequest,
    Perm,
    StaffRequest,
    account_view,
    digibanks_for,
    public_view,
    regions_for,
    staff_view,
)
from digibank.people.models import Person
from digibank.portal import worklist


@public_view
def home(request: HttpRequest) -> HttpResponse:
    hubs = (
        Hub.objects.filter(is_public=True, active=True, digibank__active=True)
        .select_related("municipality", "digibank")
        .order_by("municipality__name_nl", "name")
    )
    return render(
        request,
        "portal/home.html",
        {"hubs": hubs[:12], "hub_count": hubs.count(), "services": HubService},
    )


@public_view
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@public_view
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html")


@account_view
def staff_home(request: AuthenticatedRequest) -> HttpResponse:
    digibanks = list(digibanks_for(request.user))
    regions = list(regions_for(request.user))
    if len(digibanks) == 1 and not regions:
        return redirect("portal:dashboard", digibank=digibanks[0].slug)
    if len(regions) == 1 and not digibanks:
        return redirect("region:overview", region=regions[0].slug)
    return render(request, "portal/staff_home.html", {"digibanks": digibanks, "regions": regions})


@staff_view(Perm.VIEW_DASHBOARD)
def dashboard(request: StaffRequest) -> HttpResponse:
    """The staff home of a digibank: what needs the user now, per role, then a few figures."""
    return render(
        request,
        "portal/dashboard.html",
        {
            "sections": worklist.sections(request.access),
            "counts": _counts(request.access.digibank),
        },
    )


def _counts(digibank: Digibank) -> dict[str, int]:
    """Active hubs, active partners and people of the digibank, in one query.

    Each count is a subquery of its own: joining the three tables in one COUNT would multiply
    their rows (hubs × partners × people) before DISTINCT could remove them again.
    """
    subqueries = {
        "hubs": Hub.objects.filter(active=True),
        "partners": Partner.objects.filter(active=True),
        "people": Person.objects.all(),
    }
    row = (
        Digibank.objects.filter(pk=digibank.pk)
        .values(
            **{
                f"{name}_count": Coalesce(
                    Subquery(
                        rows.filter(digibank=OuterRef("pk"))
                        .order_by()
                        .values("digibank")
                        .annotate(count=Count("pk"))
                        .values("count")
                    ),
                    0,
                )
                for name, rows in subqueries.items()
            }
        )
        .get()
    )
    counts: dict[str, Any] = dict(row)
    return {name: counts[f"{name}_count"] for name in subqueries}
