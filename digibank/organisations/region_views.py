"""Region pages: aggregated figures of every digibank, and setting up a new digibank."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digibank.core.errors import DomainError
from digibank.organisations import hooks, queries, region_accounts, services
from digibank.organisations.forms import (
    CoordinatorInviteForm,
    MunicipalitySearchForm,
    RegionDigibankForm,
    municipalities_as_text,
)
from digibank.organisations.models import Digibank, Invitation, Membership, Municipality, Role
from digibank.organisations.permissions import RegionPerm, RegionRequest, region_view
from digibank.organisations.views.common import add_domain_error, page_of
from digibank.organisations.views.invitations import invitation_rows, invited_message


def _digibank_in_region(request: RegionRequest, digibank_id: int) -> Digibank:
    return get_object_or_404(
        Digibank.objects.filter(region=request.region_access.region), pk=digibank_id
    )


def _to_digibank(request: RegionRequest, digibank: Digibank) -> HttpResponse:
    return redirect(
        "region:digibank_detail",
        region=request.region_access.region.slug,
        digibank_id=digibank.pk,
    )


@region_view(RegionPerm.VIEW_REGION)
def overview(request: RegionRequest) -> HttpResponse:
    region = request.region_access.region
    digibanks = list(queries.region_digibanks(region))
    counted = ("hub_count", "partner_count", *hooks.digibank_counts())
    totals = {name: sum(getattr(d, name) for d in digibanks) for name in counted}
    headlines, figures_url = hooks.region_headlines(region)
    return render(
        request,
        "organisations/region/overview.html",
        {
            "region": region,
            "digibanks": digibanks,
            "totals": totals,
            "headlines": headlines,
            "figures_url": figures_url,
            "can_manage": request.region_access.can(RegionPerm.MANAGE_REGION),
        },
    )


@region_view(RegionPerm.MANAGE_REGION)
def digibank_detail(request: RegionRequest, digibank_id: int) -> HttpResponse:
    digibank = _digibank_in_region(request, digibank_id)
    figures = queries.region_digibanks(request.region_access.region).get(pk=digibank.pk)
    coordinators = list(
        Membership.objects.filter(digibank=digibank, role=Role.COORDINATOR)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    region = request.region_access.region

    def url(name: str, invitation: Invitation) -> str:
        kwargs = {"region": region.slug, "digibank_id": digibank.pk, "invitation_id": invitation.pk}
        return reverse(f"region:{name}", kwargs=kwargs)

    invitations = invitation_rows(
        queries.pending_invitations(digibank).select_related("partner"), url
    )
    return render(
        request,
        "organisations/region/digibank_detail.html",
        {
            "region": request.region_access.region,
            "digibank": figures,
            "municipalities": digibank.municipalities.all(),
            "coordinators": coordinators,
            "invitations": invitations,
            **region_accounts.account_states(coordinators),
        },
    )


@region_view(RegionPerm.MANAGE_REGION)
@require_http_methods(["GET", "POST"])
def digibank_create(request: RegionRequest) -> HttpResponse:
    region = request.region_access.region
    form = RegionDigibankForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            digibank = services.create_digibank(
                region=region,
                name=data["name"],
                slug=data["slug"],
                municipalities=data["municipalities_text"],
                email=data["email"],
                phone=data["phone"],
                website=data["website"],
                by=request.region_access,
            )
        except DomainError as error:
            if error.field == "municipalities":
                error.field = "municipalities_text"
            add_domain_error(form, error)
        else:
            messages.success(request, _("The digibank is made. Now invite its first coordinator."))
            return redirect(
                "region:coordinator_invite", region=region.slug, digibank_id=digibank.pk
            )
    return render(
        request,
        "organisations/region/digibank_form.html",
        {"region": region, "form": form, "digibank": None},
    )


@region_view(RegionPerm.MANAGE_REGION)
@require_http_methods(["GET", "POST"])
def digibank_edit(request: RegionRequest, digibank_id: int) -> HttpResponse:
    region = request.region_access.region
    digibank = _digibank_in_region(request, digibank_id)
    initial = model_to_dict(digibank, fields=RegionDigibankForm.Meta.fields)
    initial["municipalities_text"] = municipalities_as_text(digibank.municipalities.all())
    form = RegionDigibankForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        municipalities = data.pop("municipalities_text")
        try:
            services.update_digibank(
                digibank=digibank, by=request.region_access, municipalities=municipalities, **data
            )
        except DomainError as error:
            if error.field == "municipalities":
                error.field = "municipalities_text"
            add_domain_error(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return _to_digibank(request, digibank)
    return render(
        request,
        "organisations/region/digibank_form.html",
        {"region": region, "form": form, "digibank": digibank},
    )


@region_view(RegionPerm.MANAGE_REGION)
@require_http_methods(["GET", "POST"])
def coordinator_invite(request: RegionRequest, digibank_id: int) -> HttpResponse:
    """Invite a coordinator (a new digibank's first): the same invitation a coordinator sends."""
    region = request.region_access.region
    digibank = _digibank_in_region(request, digibank_id)
    form = CoordinatorInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_member(
                digibank=digibank,
                email=form.cleaned_data["email"],
                roles=[Role.COORDINATOR],
                by=request.region_access,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, invited_message(invitation))
            return _to_digibank(request, digibank)
    return render(
        request,
        "organisations/region/coordinator_invite.html",
        {"region": region, "form": form, "digibank": digibank},
    )


def _pending_invitation(digibank: Digibank, invitation_id: int) -> Invitation:
    return get_object_or_404(queries.pending_invitations(digibank), pk=invitation_id)


@region_view(RegionPerm.MANAGE_REGION)
@require_POST
def invitation_resend(request: RegionRequest, digibank_id: int, invitation_id: int) -> HttpResponse:
    digibank = _digibank_in_region(request, digibank_id)
    invitation = _pending_invitation(digibank, invitation_id)
    try:
        services.resend_invitation(invitation=invitation, by=request.region_access)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, invited_message(invitation))
    return _to_digibank(request, digibank)


@region_view(RegionPerm.MANAGE_REGION)
@require_POST
def invitation_withdraw(
    request: RegionRequest, digibank_id: int, invitation_id: int
) -> HttpResponse:
    digibank = _digibank_in_region(request, digibank_id)
    invitation = _pending_invitation(digibank, invitation_id)
    services.withdraw_invitation(invitation=invitation, by=request.region_access)
    messages.success(
        request,
        _("The invitation to %(email)s is withdrawn: its link no longer works.")
        % {"email": invitation.email},
    )
    return _to_digibank(request, digibank)


@region_view(RegionPerm.VIEW_REGION)
def municipality_lookup(request: RegionRequest) -> HttpResponse:
    """Find a municipality's NIS code and postcodes, to fill in the municipalities served."""
    form = MunicipalitySearchForm(request.GET or None)
    municipalities = Municipality.objects.none()
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        q = form.cleaned_data["q"].strip()
        if q.isdigit():
            municipalities = Municipality.objects.filter(
                Q(nis_code=q) | Q(postcodes__icontains=f'"{q}"')
            )
        else:
            municipalities = Municipality.objects.filter(
                Q(name_nl__icontains=q) | Q(name_fr__icontains=q)
            )
    page = page_of(request, municipalities.order_by("name_nl"), per_page=50)
    return render(
        request,
        "organisations/region/municipality_lookup.html",
        {"region": request.region_access.region, "form": form, "page": page},
    )
