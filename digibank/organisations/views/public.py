"""The public hub finder: where can a resident go for a device, learning or help?"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.organisations import finder, queries, services
from digibank.organisations.forms import PublicHubSearchForm
from digibank.organisations.permissions import public_view
from digibank.organisations.views.common import page_of
from digibank.organisations.views.hubs import weekly_table


def _search(form: PublicHubSearchForm, request: HttpRequest) -> dict[str, Any]:
    data = form.cleaned_data
    if not data["place"]:
        today = timezone.localdate()
        hubs = queries.search_public_hubs(service=data["service"], step_free=data["step_free"])
        page = page_of(request, finder.with_schedule(hubs, today))
        return {"page": page, "found": finder.describe(list(page.object_list))}
    search = finder.find_place(data["place"])
    if search.place is None:
        if not search.choices:
            form.add_error(
                "place",
                _(
                    "We do not know this place. Type a postcode, for example 2800, "
                    "or the name of a municipality."
                ),
            )
        return {"choices": search.choices}
    found = finder.nearest_hubs(
        search.place.point, service=data["service"], step_free=data["step_free"]
    )
    return {"place": search.place, "found": found}


@public_view
def public_hub_list(request: HttpRequest) -> HttpResponse:
    form = PublicHubSearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "radius": finder.SEARCH_RADIUS_KM}
    if form.is_bound and form.is_valid():
        context |= _search(form, request)
    elif not form.is_bound:
        today = timezone.localdate()
        page = page_of(request, finder.with_schedule(queries.search_public_hubs(), today))
        context |= {"page": page, "found": finder.describe(list(page.object_list))}
    return render(request, "organisations/public/hub_list.html", context)


@public_view
def public_hub_detail(request: HttpRequest, hub_id: int) -> HttpResponse:
    today = timezone.localdate()
    hub = get_object_or_404(finder.with_schedule(queries.public_hubs(), today), pk=hub_id)
    (described,) = finder.describe([hub])
    return render(
        request,
        "organisations/public/hub_detail.html",
        {
            "hub": hub,
            "found": described,
            "weekly": weekly_table(hub),
            "week": services.week_schedule(hub, today),
        },
    )
