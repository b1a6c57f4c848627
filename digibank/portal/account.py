"""The user's own pages: their account (where they work, their sessions) and their API tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from digibank.core import services, user_sessions
from digibank.core.forms import Form
from digibank.core.models import ApiToken, UserSession
from digibank.organisations.permissions import (
    AuthenticatedRequest,
    access_for,
    account_view,
    digibanks_for,
    regions_for,
)


@dataclass(frozen=True)
class SessionRow:
    """One session as the account page lists it."""

    id: int
    device: str
    address: str | None
    signed_in_at: datetime
    last_seen_at: datetime
    current: bool


def _session_rows(request: AuthenticatedRequest) -> list[SessionRow]:
    current_key = request.session.session_key
    rows: list[UserSession] = user_sessions.active_sessions(request, request.user)
    listed = [
        SessionRow(
            id=row.pk,
            device=user_sessions.describe_device(row.user_agent),
            address=row.address,
            signed_in_at=row.signed_in_at,
            last_seen_at=row.last_seen_at,
            current=row.session_key == current_key,
        )
        for row in rows
    ]
    return sorted(listed, key=lambda row: not row.current)  # this browser first


@account_view
def account(request: AuthenticatedRequest) -> HttpResponse:
    """The user's own page: where they work, their password, API tokens and sessions. Never
    redirects.

    Opened from a digibank's navigation (`?digibank=<slug>`), it keeps that navigation.
    """
    digibanks = list(digibanks_for(request.user))
    context = {
        "digibanks": digibanks,
        "regions": list(regions_for(request.user)),
        "sessions": _session_rows(request),
    }
    came_from = next((b for b in digibanks if b.slug == request.GET.get("digibank")), None)
    access = access_for(request.user, came_from) if came_from is not None else None
    if access is not None:
        context.update(access=access, current_digibank=came_from, perms_here=access.perms)
    return render(request, "portal/staff_home.html", {**context, "account_page": True})


@account_view
@require_http_methods(["POST"])
def end_session(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    """End one other session: that browser is logged out on its next request."""
    user_sessions.end_session(
        user=request.user, session_id=session_id, current_key=request.session.session_key
    )
    messages.success(request, _("That session has ended."))
    return redirect("portal:account")


@account_view
@require_http_methods(["POST"])
def end_other_sessions(request: AuthenticatedRequest) -> HttpResponse:
    ended = user_sessions.end_other_sessions(
        user=request.user, current_key=request.session.session_key
    )
    if ended:
        messages.success(request, _("You are now logged out everywhere else."))
    else:
        messages.info(request, _("You were not logged in anywhere else."))
    return redirect("portal:account")


class TokenForm(Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the token"),
        max_length=100,
        help_text=gettext_lazy("For example the name of the system that will use it."),
    )
    days = forms.TypedChoiceField(
        label=gettext_lazy("Valid for"),
        choices=list(services.LIFETIMES.items()),
        coerce=int,
        initial=services.DEFAULT_LIFETIME,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "At most a year. Then the token stops working and you make a new one."
        ),
        error_messages={"required": gettext_lazy("Choose how long the token stays valid.")},
    )


@dataclass(frozen=True)
class TokenRow:
    token: ApiToken
    works: bool
    expired: bool


def _token_rows(request: AuthenticatedRequest) -> list[TokenRow]:
    now = timezone.now()
    return [
        TokenRow(
            token=token,
            works=token.revoked_at is None and token.expires_at > now,
            expired=token.revoked_at is None and token.expires_at <= now,
        )
        for token in request.user.api_tokens.all()
    ]


@account_view
@require_http_methods(["GET", "POST"])
def api_tokens(request: AuthenticatedRequest) -> HttpResponse:
    """Make a token (its key is shown once, on this answer) and see which ones work."""
    new_key = None
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            new_key = services.create_api_token(
                user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
            )
            form = TokenForm()
    else:
        form = TokenForm()
    return render(
        request,
        "portal/api_tokens.html",
        {"form": form, "tokens": _token_rows(request), "new_key": new_key},
    )


@account_view
@require_http_methods(["POST"])
def revoke_api_token(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    services.revoke_api_token(user=request.user, token_id=token_id)
    messages.success(request, _("The token no longer works."))
    return redirect("portal:api_tokens")
