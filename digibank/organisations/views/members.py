"""Coordinator pages for the digibank's staff: who has which role, add and remove roles."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digibank.core import login_limits, two_factor
from digibank.core.errors import DomainError
from digibank.organisations import queries, services
from digibank.organisations.forms import AccountForm, MemberForm
from digibank.organisations.models import Digibank, Membership, Partner, Role
from digibank.organisations.permissions import (
    AuthenticatedRequest,
    Manager,
    Perm,
    StaffRequest,
    staff_view,
)
from digibank.organisations.views.common import add_domain_error, page_of

NEW_ACCOUNT_SESSION_KEY = "organisations_new_account"


def remember_new_account(request: HttpRequest, membership: Membership, password: str) -> None:
    """Keep the initial password until the next page shows it, once."""
    request.session[NEW_ACCOUNT_SESSION_KEY] = {
        "membership": membership.pk,
        "password": password,
    }


def pop_new_account_password(request: HttpRequest, membership: Membership) -> str | None:
    remembered = request.session.get(NEW_ACCOUNT_SESSION_KEY)
    if not remembered or remembered.get("membership") != membership.pk:
        return None
    del request.session[NEW_ACCOUNT_SESSION_KEY]
    return remembered["password"]


def add_account_role(
    request: AuthenticatedRequest,
    form: AccountForm,
    *,
    by: Manager,
    digibank: Digibank,
    role: str,
    partner: Partner | None = None,
) -> Membership | None:
    """Give an existing or a new account a role; on a refusal the form carries the message.
    `by` is the coordinator's access, or the region admin's for a new digibank's coordinator."""
    data = form.cleaned_data
    try:
        if data["account"] == AccountForm.EXISTING:
            return services.add_member(
                digibank=digibank, user=data["user"], role=role, partner=partner, by=by
            )
        membership, password = services.add_member_with_new_account(
            digibank=digibank,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            role=role,
            partner=partner,
            by=by,
        )
    except DomainError as error:
        if error.field == "email" and data["account"] == AccountForm.EXISTING:
            error.field = "identifier"
        add_domain_error(form, error)
        return None
    remember_new_account(request, membership, password)
    return membership


@staff_view(Perm.MANAGE_SETTINGS)
def member_list(request: StaffRequest) -> HttpResponse:
    memberships = queries.memberships_for(request.access)
    # `?locked=yes`: only the members who cannot log in now (the staff home links here).
    only_locked = request.GET.get("locked") == "yes"
    if only_locked:
        memberships = memberships.filter(
            user__username__in=queries.locked_out_members(request.access)
        )
    page = page_of(request, memberships, per_page=50)
    locked = login_limits.locked_usernames(membership.user.username for membership in page)
    with_app = two_factor.users_with_second_factor(membership.user_id for membership in page)
    return render(
        request,
        "organisations/staff/member_list.html",
        {"page": page, "locked": locked, "only_locked": only_locked, "with_app": with_app},
    )


@staff_view(Perm.MANAGE_SETTINGS)
@require_POST
def member_unlock(request: StaffRequest, membership_id: int) -> HttpResponse:
    """The button next to a member locked out by the log-in limits."""
    membership = queries.get_membership_for(request.access, membership_id)
    services.unlock_account(membership=membership, by=request.access)
    messages.success(
        request,
        _("%(name)s can log in again.")
        % {"name": membership.user.get_full_name() or membership.user.username},
    )
    return redirect("organisations:member_list", digibank=request.access.digibank.slug)


@staff_view(Perm.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def member_add(request: StaffRequest) -> HttpResponse:
    digibank = request.access.digibank
    partners = queries.partners_for(request.access).filter(active=True)
    form = MemberForm(request.POST or None, partners=partners)
    if request.method == "POST" and form.is_valid():
        membership = add_account_role(
            request,
            form,
            by=request.access,
            digibank=digibank,
            role=form.cleaned_data["role"],
            partner=form.cleaned_data["partner"],
        )
        if membership is not None:
            messages.success(request, _("The role is added."))
            return redirect(
                "organisations:member_added", digibank=digibank.slug, membership_id=membership.pk
            )
    return render(request, "organisations/staff/member_add.html", {"form": form})


@staff_view(Perm.MANAGE_SETTINGS)
def member_added(request: StaffRequest, membership_id: int) -> HttpResponse:
    membership = queries.get_membership_for(request.access, membership_id)
    return render(
        request,
        "organisations/staff/member_added.html",
        {"membership": membership, "password": pop_new_account_password(request, membership)},
    )


@staff_view(Perm.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def member_remove(request: StaffRequest, membership_id: int) -> HttpResponse:
    membership = queries.get_membership_for(request.access, membership_id)
    error = None
    if request.method == "POST":
        try:
            services.remove_member(membership=membership, by=request.access)
        except DomainError as refused:
            error = refused.message
        else:
            messages.success(request, _("The role is removed."))
            if membership.user_id == request.user.pk and membership.role == Role.COORDINATOR:
                return redirect("portal:staff_home")  # they may no longer manage this digibank
            return redirect("organisations:member_list", digibank=request.access.digibank.slug)
    return render(
        request,
        "organisations/staff/member_remove.html",
        {"membership": membership, "error": error},
    )
