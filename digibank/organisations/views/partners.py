"""Staff pages for partners and their contact people."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from digibank.core.errors import DomainError
from digibank.organisations import queries, services
from digibank.organisations.forms import PartnerContactForm, PartnerFilterForm, PartnerForm
from digibank.organisations.forms.partners import WITHOUT_CONTACT
from digibank.organisations.models import Partner
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.organisations.views.common import add_domain_error, page_of


def _to_partner(request: StaffRequest, partner: Partner) -> HttpResponse:
    return redirect(
        "organisations:partner_detail",
        digibank=request.access.digibank.slug,
        partner_id=partner.pk,
    )


@staff_view(Perm.VIEW_ORGANISATION)
def partner_list(request: StaffRequest) -> HttpResponse:
    filters = PartnerFilterForm(request.GET or None)
    partners = queries.partners_for(request.access).annotate(contact_count=Count("contacts"))
    if filters.is_valid() and filters.cleaned_data["kind"]:
        partners = partners.filter(kind=filters.cleaned_data["kind"])
    if filters.is_valid() and filters.cleaned_data["contacts"] == WITHOUT_CONTACT:
        partners = partners.filter(queries.without_contact())
    page = page_of(request, partners.order_by("-active", "name", "pk"))
    return render(
        request, "organisations/staff/partner_list.html", {"page": page, "filters": filters}
    )


@staff_view(Perm.VIEW_ORGANISATION)
def partner_detail(request: StaffRequest, partner_id: int) -> HttpResponse:
    partner = queries.get_partner_for(request.access, partner_id)
    return render(
        request,
        "organisations/staff/partner_detail.html",
        {
            "partner": partner,
            "contacts": partner.contacts.all(),
            "members": partner.memberships.select_related("user").order_by(
                "user__last_name", "user__first_name", "role"
            ),
            "can_manage": request.access.can(Perm.MANAGE_ORGANISATION),
        },
    )


@staff_view(Perm.MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def partner_create(request: StaffRequest) -> HttpResponse:
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.create_partner(
                digibank=request.access.digibank, by=request.access, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The partner is added."))
            return _to_partner(request, partner)
    return render(request, "organisations/staff/partner_form.html", {"form": form, "partner": None})


@staff_view(Perm.MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def partner_edit(request: StaffRequest, partner_id: int) -> HttpResponse:
    partner = queries.get_partner_for(request.access, partner_id)
    form = PartnerForm(
        request.POST or None, initial=model_to_dict(partner, fields=PartnerForm.Meta.fields)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_partner(partner=partner, by=request.access, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return _to_partner(request, partner)
    return render(
        request, "organisations/staff/partner_form.html", {"form": form, "partner": partner}
    )


@staff_view(Perm.MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def partner_contact_add(request: StaffRequest, partner_id: int) -> HttpResponse:
    partner = queries.get_partner_for(request.access, partner_id)
    form = PartnerContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_partner_contact(partner=partner, by=request.access, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The contact person is added."))
            return _to_partner(request, partner)
    return render(
        request,
        "organisations/staff/partner_contact_form.html",
        {"form": form, "partner": partner, "contact": None},
    )


@staff_view(Perm.MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def partner_contact_edit(request: StaffRequest, partner_id: int, contact_id: int) -> HttpResponse:
    partner = queries.get_partner_for(request.access, partner_id)
    contact = queries.get_contact_for(partner, contact_id)
    form = PartnerContactForm(
        request.POST or None, initial=model_to_dict(contact, fields=PartnerContactForm.Meta.fields)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_partner_contact(contact=contact, by=request.access, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return _to_partner(request, partner)
    return render(
        request,
        "organisations/staff/partner_contact_form.html",
        {"form": form, "partner": partner, "contact": contact},
    )


@staff_view(Perm.MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def partner_contact_remove(request: StaffRequest, partner_id: int, contact_id: int) -> HttpResponse:
    partner = queries.get_partner_for(request.access, partner_id)
    contact = queries.get_contact_for(partner, contact_id)
    if request.method == "POST":
        services.remove_partner_contact(contact=contact, by=request.access)
        messages.success(request, _("The contact person is removed."))
        return _to_partner(request, partner)
    return render(
        request,
        "organisations/staff/partner_contact_remove.html",
        {"partner": partner, "contact": contact},
    )
