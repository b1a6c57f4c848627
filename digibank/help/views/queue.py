"""A hub's queue for today: "someone arrived" (a first name or a number), start helping, finish
(then the quick log opens with the hub and the minutes filled in). Every list here costs the same
few queries whatever its length."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digibank.core.errors import DomainError
from digibank.help import visit_queries as queries
from digibank.help.services import visits as services
from digibank.help.visit_forms import ArrivalForm
from digibank.organisations.models import Hub
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.organisations.views.common import add_domain_error


@staff_view(Perm.LOG_VISITS)
@require_http_methods(["GET"])
def queue_hubs(request: StaffRequest) -> HttpResponse:
    """Every hub with how many are waiting and being helped now."""
    return render(
        request,
        "help/staff/queue_hubs.html",
        {"hubs": queries.queue_tallies(request.access)},
    )


def _queue_page(request: StaffRequest, hub: Hub, form: ArrivalForm) -> HttpResponse:
    queue = queries.queue_at(request.access, hub)
    return render(
        request,
        "help/staff/queue.html",
        {
            "hub": hub,
            "form": form,
            "waiting": [arrival for arrival in queue if arrival.helping_since is None],
            "helping": [arrival for arrival in queue if arrival.helping_since is not None],
        },
    )


@staff_view(Perm.LOG_VISITS)
@require_http_methods(["GET", "POST"])
def queue(request: StaffRequest, hub_id: int) -> HttpResponse:
    hub = queries.get_hub_for(request.access, hub_id)
    form = ArrivalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_arrival(hub=hub, label=form.cleaned_data["label"], by=request.access)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Added to the queue."))
            return redirect("help:queue", digibank=request.access.digibank.slug, hub_id=hub.pk)
    return _queue_page(request, hub, form)


@staff_view(Perm.LOG_VISITS)
@require_POST
def arrival_start(request: StaffRequest, hub_id: int, arrival_id: int) -> HttpResponse:
    hub = queries.get_hub_for(request.access, hub_id)
    arrival = queries.get_arrival_for(request.access, hub, arrival_id)
    try:
        services.start_helping(arrival=arrival, by=request.access)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("help:queue", digibank=request.access.digibank.slug, hub_id=hub.pk)


@staff_view(Perm.LOG_VISITS)
@require_POST
def arrival_finish(request: StaffRequest, hub_id: int, arrival_id: int) -> HttpResponse:
    """The helping ended: log the visit next, with the hub and the minutes filled in. Someone who
    left before their turn only leaves the queue."""
    slug = request.access.digibank.slug
    hub = queries.get_hub_for(request.access, hub_id)
    arrival = queries.get_arrival_for(request.access, hub, arrival_id)
    try:
        finished = services.finish_helping(arrival=arrival, by=request.access)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("help:queue", digibank=slug, hub_id=hub.pk)
    minutes = services.minutes_helped(finished)
    if minutes is None:
        messages.success(request, _("Removed from the queue."))
        return redirect("help:queue", digibank=slug, hub_id=hub.pk)
    url = reverse("help:visit_new", kwargs={"digibank": slug})
    return redirect(f"{url}?hub={hub.pk}&minutes={minutes}")
