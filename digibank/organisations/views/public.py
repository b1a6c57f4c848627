"""The public hub finder: where can a resident go for a device, learning or help?"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from digibank.organisations import queries, services
from digibank.organisations.forms import PublicHubSearchForm
from digibank.organisations.permissions import public_view
from digibank.organisations.views.common import page_of
from digibank.organisations.views.hubs import weekly_table


@public_view
def public_hub_list(request: HttpRequest) -> HttpResponse:
    form = PublicHubSearchForm(request.GET or None)
    searched = form.is_bound and form.is_valid()
    if searched:
        hubs = queries.search_public_hubs(
            place=form.cleaned_data["place"],
            service=form.cleaned_data["service"],
            step_free=form.cleaned_data["step_free"],
        )
    elif form.is_bound:
        hubs = queries.public_hubs().none()
    else:
        hubs = queries.search_public_hubs()
    page = page_of(request, hubs)
    return render(
        request,
        "organisations/public/hub_list.html",
        {"form": form, "page": page, "searched": searched and any(form.cleaned_data.values())},
    )


@public_view
def public_hub_detail(request: HttpRequest, hub_id: int) -> HttpResponse:
    hub = queries.hub_with_schedule(queries.public_hubs(), hub_id)
    return render(
        request,
        "organisations/public/hub_detail.html",
        {
            "hub": hub,
            "weekly": weekly_table(hub),
            "week": services.week_schedule(hub, timezone.localdate()),
        },
    )
