from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from digibank.core import services
from digibank.core.forms import Form
from digibank.organisations.models import Digibank, Hub, HubService, Partner
from digibank.organisations.permissions import (
    AuthenticatedRequest,
    Perm,
    StaffRequest,
    access_for,
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


@account_view
def account(request: AuthenticatedRequest) -> HttpResponse:
    """The user's own page: where they work, their password and API tokens. Never redirects.

    Opened from a digibank's navigation (`?digibank=<slug>`), it keeps that navigation.
    """
    digibanks = list(digibanks_for(request.user))
    context = {"digibanks": digibanks, "regions": list(regions_for(request.user))}
    came_from = next((b for b in digibanks if b.slug == request.GET.get("digibank")), None)
    access = access_for(request.user, came_from) if came_from is not None else None
    if access is not None:
        context.update(access=access, current_digibank=came_from, perms_here=access.perms)
    return render(request, "portal/staff_home.html", {**context, "account_page": True})


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


class TokenForm(Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the token"),
        max_length=100,
        help_text=gettext_lazy("For example the name of the system that will use it."),
    )


@account_view
@require_http_methods(["GET", "POST"])
def api_tokens(request: AuthenticatedRequest) -> HttpResponse:
    new_key = None
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            new_key = services.create_api_token(user=request.user, name=form.cleaned_data["name"])
            form = TokenForm()
    else:
        form = TokenForm()
    tokens = request.user.api_tokens.all()
    return render(
        request, "portal/api_tokens.html", {"form": form, "tokens": tokens, "new_key": new_key}
    )


@account_view
@require_http_methods(["POST"])
def revoke_api_token(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    services.revoke_api_token(user=request.user, token_id=token_id)
    messages.success(request, _("The token no longer works."))
    return redirect("portal:api_tokens")
