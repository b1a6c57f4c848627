from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from digibank.core.permissions import Perm, public_view, staff_view
from digibank.organisations.models import Hub


def _public_hubs():
    return Hub.objects.filter(is_public=True, active=True, digibank__active=True).select_related(
        "municipality", "digibank"
    )


@public_view
def public_hub_list(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/public/hub_list.html", {"hubs": _public_hubs()})


@public_view
def public_hub_detail(request: HttpRequest, hub_id: int) -> HttpResponse:
    hub = get_object_or_404(_public_hubs(), pk=hub_id)
    return render(request, "organisations/public/hub_detail.html", {"hub": hub})


@staff_view(Perm.VIEW_ORGANISATION)
def hub_list(request: HttpRequest) -> HttpResponse:
    hubs = request.access.scope(Hub.objects.select_related("municipality"))
    return render(request, "organisations/staff/hub_list.html", {"hubs": hubs})


@staff_view(Perm.VIEW_ORGANISATION)
def partner_list(request: HttpRequest) -> HttpResponse:
    from digibank.organisations.models import Partner

    partners = request.access.scope(Partner.objects.all())
    return render(request, "organisations/staff/partner_list.html", {"partners": partners})


@staff_view(Perm.MANAGE_SETTINGS)
def settings_overview(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/staff/settings.html")
