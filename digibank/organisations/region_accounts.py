"""The region admin's help for the accounts they look after: the region's own accounts (admins and
analysts) and the coordinators of its digibanks. Unlock a log-in lock-out, reset the two-step
log-in of someone who lost their phone."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibank.core import login_limits, two_factor
from digibank.organisations import services
from digibank.organisations.models import Digibank, Membership, RegionMembership, Role
from digibank.organisations.permissions import RegionPerm, RegionRequest, region_view
from digibank.organisations.views.account_help import reset_message


def unlocked_message(name: str) -> str:
    return _("%(name)s can log in again.") % {"name": name}


def _region_membership(request: RegionRequest, membership_id: int) -> RegionMembership:
    return get_object_or_404(
        RegionMembership.objects.filter(region=request.region_access.region).select_related(
            "user", "region"
        ),
        pk=membership_id,
    )


def _coordinator(request: RegionRequest, digibank_id: int, membership_id: int) -> Membership:
    digibank = get_object_or_404(
        Digibank.objects.filter(region=request.region_access.region), pk=digibank_id
    )
    return get_object_or_404(
        Membership.objects.filter(digibank=digibank, role=Role.COORDINATOR).select_related(
            "user", "digibank"
        ),
        pk=membership_id,
    )


@region_view(RegionPerm.MANAGE_REGION)
def accounts(request: RegionRequest) -> HttpResponse:
    region = request.region_access.region
    memberships = list(
        RegionMembership.objects.filter(region=region)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username", "role")
    )
    return render(
        request,
        "organisations/region/accounts.html",
        {
            "region": region,
            "memberships": memberships,
            **account_states(memberships),
        },
    )


def account_states(memberships: list[RegionMembership] | list[Membership]) -> dict[str, set]:
    """Which of these accounts are locked out, and which have an authenticator app (two
    queries, whatever the number of rows)."""
    return {
        "locked": login_limits.locked_usernames(m.user.username for m in memberships),
        "with_app": two_factor.users_with_second_factor(m.user_id for m in memberships),
    }


@region_view(RegionPerm.MANAGE_REGION)
@require_POST
def account_unlock(request: RegionRequest, membership_id: int) -> HttpResponse:
    membership = _region_membership(request, membership_id)
    services.unlock_region_account(membership=membership, by=request.region_access)
    messages.success(request, unlocked_message(str(membership.user)))
    return redirect("region:accounts", region=request.region_access.region.slug)


@region_view(RegionPerm.MANAGE_REGION)
@require_POST
def account_reset_second_factor(request: RegionRequest, membership_id: int) -> HttpResponse:
    membership = _region_membership(request, membership_id)
    services.reset_region_second_factor(membership=membership, by=request.region_access)
    messages.success(request, reset_message(str(membership.user)))
    return redirect("region:accounts", region=request.region_access.region.slug)


@region_view(RegionPerm.MANAGE_REGION)
@require_POST
def coordinator_unlock(
    request: RegionRequest, digibank_id: int, membership_id: int
) -> HttpResponse:
    membership = _coordinator(request, digibank_id, membership_id)
    services.unlock_account(membership=membership, by=request.region_access)
    messages.success(request, unlocked_message(str(membership.user)))
    return _to_digibank(request, digibank_id)


@region_view(RegionPerm.MANAGE_REGION)
@require_POST
def coordinator_reset_second_factor(
    request: RegionRequest, digibank_id: int, membership_id: int
) -> HttpResponse:
    membership = _coordinator(request, digibank_id, membership_id)
    services.reset_second_factor(membership=membership, by=request.region_access)
    messages.success(request, reset_message(str(membership.user)))
    return _to_digibank(request, digibank_id)


def _to_digibank(request: RegionRequest, digibank_id: int) -> HttpResponse:
    return redirect(
        "region:digibank_detail", region=request.region_access.region.slug, digibank_id=digibank_id
    )
