"""The coordinator's help for a member who lost their phone: reset their two-step log-in (the
Unlock button for a log-in lock-out is in `members.py`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digibank.organisations import queries, services
from digibank.organisations.permissions import Perm, StaffRequest, staff_view


def reset_message(name: str) -> str:
    return _(
        "The two-step log-in of %(name)s is reset. They set up an authenticator app again at "
        "their next log-in."
    ) % {"name": name}


@staff_view(Perm.MANAGE_SETTINGS)
@require_POST
def member_reset_second_factor(request: StaffRequest, membership_id: int) -> HttpResponse:
    membership = queries.get_membership_for(request.access, membership_id)
    services.reset_second_factor(membership=membership, by=request.access)
    messages.success(request, reset_message(str(membership.user)))
    return redirect("organisations:member_list", digibank=request.access.digibank.slug)
