"""Referrals: a hub or a staff member refers someone to a partner (`REFER_PEOPLE`), the partner's
referrer handles the referrals sent to their partner (`HANDLE_REFERRALS`, partner reach), and the
referring side sees where each one stands and the partner's note."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.help import visit_queries as queries
from digibank.help.models import ReferralStatus
from digibank.help.services.referrals import refer, update_referral
from digibank.help.visit_forms import ReferralForm, ReferralUpdateForm
from digibank.organisations.models import Partner
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.organisations.views.common import add_domain_error, page_of
from digibank.people.models import Person
from digibank.people.queries import get_person_for


def _status_filter(request: StaffRequest) -> str:
    status = request.GET.get("status", "")
    return status if status in ReferralStatus.values else ""


@staff_view(Perm.REFER_PEOPLE)
@require_http_methods(["GET"])
def referral_list(request: StaffRequest) -> HttpResponse:
    """The digibank's referrals and where each one stands: the hubs see the partners' answers."""
    status = _status_filter(request)
    referrals = queries.sent_referrals(request.access)
    if status:
        referrals = referrals.filter(status=status)
    return render(
        request,
        "help/staff/referral_list.html",
        {
            "page": page_of(request, referrals),
            "status": status,
            "statuses": ReferralStatus.choices,
        },
    )


def _new(request: StaffRequest, person: Person | None) -> HttpResponse:
    access = request.access
    partners = access.scope(Partner.objects.filter(active=True)).order_by("name")
    visit_id = request.GET.get("visit", "")
    visit = (
        queries.get_visit_for(access, int(visit_id))
        if visit_id.isdigit() and len(visit_id) < 10
        else None
    )
    form = ReferralForm(request.POST or None, partners=partners, named=person is not None)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            refer(
                partner=values["partner"],
                reason=values["reason"],
                by=access,
                visit=visit,
                person=person,
                contact_name=values.get("contact_name", ""),
                contact_phone=values.get("contact_phone", ""),
                contact_email=values.get("contact_email", ""),
                consent=values["consent"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The referral is sent to %(partner)s.") % {"partner": values["partner"].name},
            )
            return redirect("help:referral_list", digibank=access.digibank.slug)
    return render(
        request,
        "help/staff/referral_form.html",
        {"form": form, "person": person, "visit": visit},
    )


@staff_view(Perm.REFER_PEOPLE)
@require_http_methods(["GET", "POST"])
def referral_new(request: StaffRequest) -> HttpResponse:
    return _new(request, None)


@staff_view(Perm.REFER_PEOPLE)
@require_http_methods(["GET", "POST"])
def referral_new_for_person(request: StaffRequest, person_id: int) -> HttpResponse:
    person = get_person_for(request.access, person_id)
    if not request.access.may_reach_person(person, Perm.REFER_PEOPLE):
        raise PermissionDenied
    return _new(request, person)


@staff_view(Perm.HANDLE_REFERRALS)
@require_http_methods(["GET"])
def incoming_referrals(request: StaffRequest) -> HttpResponse:
    """The referrals sent to the user's partner (a coordinator: to every partner)."""
    status = _status_filter(request)
    referrals = queries.incoming_referrals(request.access)
    if status:
        referrals = referrals.filter(status=status)
    return render(
        request,
        "help/staff/incoming_referrals.html",
        {
            "page": page_of(request, referrals),
            "status": status,
            "statuses": ReferralStatus.choices,
        },
    )


@staff_view(Perm.HANDLE_REFERRALS)
@require_http_methods(["GET", "POST"])
def referral_detail(request: StaffRequest, referral_id: int) -> HttpResponse:
    """One incoming referral: who, why, how to reach them; the referrer says where it stands."""
    referral = queries.get_incoming_referral_for(request.access, referral_id)
    form = ReferralUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            update_referral(
                referral=referral,
                to=form.cleaned_data["status"],
                response=form.cleaned_data["response"],
                by=request.access,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The referral is updated."))
            return redirect("help:incoming_referrals", digibank=request.access.digibank.slug)
    # The page shows who is referred and how to reach them: every look is in the audit trail.
    audit.record(
        actor=request.access,
        action=AuditAction.VIEW,
        obj=referral,
        digibank=request.access.digibank,
    )
    return render(
        request,
        "help/staff/referral_detail.html",
        {
            "referral": referral,
            "form": form,
            "events": [
                (event.at, ReferralStatus(event.to_state).label) for event in referral.events.all()
            ],
        },
    )
