"""Invitations: the coordinator invites, sends again and withdraws; the invited person opens the
link, then accepts with their own account or makes one.

The coordinator's answer after inviting is the same whether or not an account has the address:
the service does not look. The link's pages are public (the key is the proof) and never cached,
as they name the digibank and the address.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from digibank.core.errors import DomainError
from digibank.core.models import User
from digibank.organisations import queries, services
from digibank.organisations.forms import InviteForm, NewAccountForm
from digibank.organisations.invitation_mail import role_labels
from digibank.organisations.models import Invitation
from digibank.organisations.permissions import PUBLIC, Perm, StaffRequest, public_view, staff_view
from digibank.organisations.views.common import add_domain_error


@dataclass(frozen=True)
class InvitationRow:
    """A line of the pending invitations (`organisations/includes/invitations.html`): the
    address only, never an account's name, and the forms' addresses."""

    invitation: Invitation
    roles: list[str]
    resend_url: str
    withdraw_url: str


def invitation_rows(
    invitations: Iterable[Invitation], url: Callable[[str, Invitation], str]
) -> list[InvitationRow]:
    """`url(name, invitation)` gives the address of the `invitation_resend` or
    `invitation_withdraw` view of the page's URL namespace."""
    return [
        InvitationRow(
            invitation=invitation,
            roles=role_labels(invitation.roles),
            resend_url=url("invitation_resend", invitation),
            withdraw_url=url("invitation_withdraw", invitation),
        )
        for invitation in invitations
    ]


def staff_invitation_rows(request: StaffRequest) -> list[InvitationRow]:
    slug = request.access.digibank.slug
    return invitation_rows(
        queries.invitations_for(request.access),
        lambda name, invitation: reverse(
            f"organisations:{name}", kwargs={"digibank": slug, "invitation_id": invitation.pk}
        ),
    )


def invited_message(invitation: Invitation) -> str:
    """The one answer after an invitation is sent, whoever has the address."""
    return _("The invitation is sent to %(email)s. The roles start when the person accepts it.") % {
        "email": invitation.email
    }


def _to_member_list(request: StaffRequest) -> HttpResponse:
    return redirect("organisations:member_list", digibank=request.access.digibank.slug)


@staff_view(Perm.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def member_invite(request: StaffRequest) -> HttpResponse:
    partners = queries.partners_for(request.access).filter(active=True)
    form = InviteForm(request.POST or None, partners=partners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invite_member(
                digibank=request.access.digibank,
                email=data["email"],
                roles=data["roles"],
                partner=data["partner"],
                by=request.access,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, invited_message(invitation))
            return _to_member_list(request)
    return render(request, "organisations/staff/member_invite.html", {"form": form})


@staff_view(Perm.MANAGE_SETTINGS)
@require_POST
def invitation_resend(request: StaffRequest, invitation_id: int) -> HttpResponse:
    invitation = queries.get_invitation_for(request.access, invitation_id)
    try:
        services.resend_invitation(invitation=invitation, by=request.access)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, invited_message(invitation))
    return _to_member_list(request)


@staff_view(Perm.MANAGE_SETTINGS)
@require_POST
def invitation_withdraw(request: StaffRequest, invitation_id: int) -> HttpResponse:
    invitation = queries.get_invitation_for(request.access, invitation_id)
    services.withdraw_invitation(invitation=invitation, by=request.access)
    messages.success(
        request,
        _("The invitation to %(email)s is withdrawn: its link no longer works.")
        % {"email": invitation.email},
    )
    return _to_member_list(request)


def _unusable(request: HttpRequest, error: DomainError) -> HttpResponse:
    return render(
        request, "organisations/public/invitation_unusable.html", {"error": error.message}
    )


def _invitation_context(invitation: Invitation) -> dict[str, object]:
    return {
        "invitation": invitation,
        "roles": role_labels(invitation.roles),
        "has_account": User.objects.filter(email__iexact=invitation.email).exists(),
    }


@public_view
@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, key: str) -> HttpResponse:
    """The link's page: which digibank and roles; log in (or make an account) and accept."""
    try:
        found = services.invitation_for_key(key)
    except DomainError as error:
        return _unusable(request, error)
    error_message = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            services.accept_invitation(key=key, by=User.objects.get(pk=request.user.pk))
        except DomainError as error:
            error_message = error.message
        else:
            messages.success(
                request,
                _("Welcome to %(digibank)s. Your roles there have started.")
                % {"digibank": found.digibank.name},
            )
            return redirect("portal:staff_home")
    context = _invitation_context(found)
    viewer = request.user
    context["invited_user"] = (
        isinstance(viewer, User) and (viewer.email or "").strip().lower() == found.email
    )
    context["error_message"] = error_message
    context["key"] = key
    return render(request, "organisations/public/invitation.html", context)


@public_view
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_account(request: HttpRequest, key: str) -> HttpResponse:
    """Someone without an account makes theirs, with the invited address, and accepts."""
    try:
        found = services.invitation_for_key(key)
    except DomainError as error:
        return _unusable(request, error)
    link = reverse("organisations:invitation", kwargs={"key": key})
    if request.user.is_authenticated or User.objects.filter(email__iexact=found.email).exists():
        return redirect(link)  # that page says to log in (or out) and accept
    form = NewAccountForm(
        request.POST or None, initial={"username": services.unused_username(found.email)}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.accept_invitation_with_new_account(
                key=key,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                password=data["password1"],
                by=PUBLIC,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your account is made and the invitation accepted. Log in with your username "
                    "and password."
                ),
            )
            return redirect_to_login(reverse("portal:staff_home"))
    context = {**_invitation_context(found), "form": form, "link": link}
    return render(request, "organisations/public/invitation_account.html", context)
