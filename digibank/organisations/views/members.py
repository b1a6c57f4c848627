"""Coordinator pages for the digibank's staff: who has which role, remove roles, unlock; new
staff are invited (`views.invitations`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digibank.core import login_limits, two_factor
from digibank.core.errors import DomainError
from digibank.organisations import queries, services
from digibank.organisations.models import Role
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.organisations.views.common import page_of
from digibank.organisations.views.invitations import staff_invitation_rows


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
    context = {
        "page": page,
        "locked": locked,
        "only_locked": only_locked,
        "with_app": with_app,
        "invitations": staff_invitation_rows(request),
    }
    return render(request, "organisations/staff/member_list.html", context)


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
