"""Log-in, the second log-in step, setting up the app, recovery codes, and confirming the password
again before exports of personal data and erasure."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from digibank.core import audit, two_factor
from digibank.core.forms import LoginForm
from digibank.core.models import AuditAction
from digibank.organisations.permissions import (
    AuthenticatedRequest,
    account_view,
    second_factor,
    second_step_view,
)
from digibank.portal.two_factor.forms import CodeForm, ConfirmPasswordForm, SetupForm

NEW_CODES_SESSION_KEY = "digibank_new_recovery_codes"


def _next(request: HttpRequest) -> str:
    """Where the user was going, if it is a page of this site; else the staff area."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


class LoginView(auth_views.LoginView):
    """Django's log-in page; it says whether the second step is optional here, and sends a user
    who must give a code on to that step."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True
    authentication_form = LoginForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["two_factor_optional"] = not settings.TWO_FACTOR_REQUIRED
        return context

    def get_success_url(self) -> str:
        url = super().get_success_url()
        if self.request.session.get(two_factor.PENDING_SESSION_KEY):
            return _with_next(second_factor.SECOND_STEP_URL, url)
        return url


@second_step_view
@require_http_methods(["GET", "POST"])
def second_step(request: AuthenticatedRequest) -> HttpResponse:
    """After the password: the code from the app, or a recovery code."""
    next_url = _next(request)
    user = request.user
    if two_factor.is_verified(request):
        return redirect(next_url)
    if not two_factor.has_second_factor(user):
        if second_factor.is_required_for(user):
            return redirect(_with_next("portal:second_step_setup", next_url))
        # Optional here and no app (it was reset): there is nothing to ask.
        request.session.pop(two_factor.PENDING_SESSION_KEY, None)
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, user, form.cleaned_data["code"]):
            return redirect(next_url)
        form.add_error("code", _wrong_code_message())
    return render(request, "portal/two_factor/second_step.html", {"form": form, "next": next_url})


def _wrong_code_message() -> str:
    return _(
        "This code is not right, or it was used already. Wait for the next code in your app "
        "and try again. After several wrong codes you must wait a little longer each time."
    )


@second_step_view
@require_http_methods(["GET", "POST"])
def second_step_setup(request: AuthenticatedRequest) -> HttpResponse:
    """Set up the authenticator app: scan the QR code (or type the key), give the first code."""
    next_url = _next(request)
    user = request.user
    if two_factor.has_second_factor(user):
        if not two_factor.is_verified(request):
            return redirect(_with_next(second_factor.SECOND_STEP_URL, next_url))
        return redirect("portal:second_step_status")
    device = two_factor.enrolment_device(user)
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_enrolment(request, user, device, form.cleaned_data["code"])
        if codes:
            request.session[NEW_CODES_SESSION_KEY] = codes
            return redirect(_with_next("portal:recovery_codes", next_url))
        form.add_error("code", _wrong_code_message())
    return render(
        request,
        "portal/two_factor/setup.html",
        {
            "form": form,
            "next": next_url,
            "qr": two_factor.qr_code(device),
            "secret": two_factor.secret_text(device),
            "required": second_factor.is_required_for(user),
        },
    )


@account_view
@require_http_methods(["GET", "POST"])
def recovery_codes(request: AuthenticatedRequest) -> HttpResponse:
    """The recovery codes, shown once: right after setting up the app, or after asking for new
    ones (POST), which makes the old ones useless."""
    if request.method == "POST":
        if not two_factor.has_second_factor(request.user):
            return redirect("portal:second_step_setup")
        request.session[NEW_CODES_SESSION_KEY] = two_factor.new_recovery_codes(request.user)
        audit.record(
            actor=request.user,
            action=AuditAction.CHANGE,
            obj=request.user,
            digibank=None,
            fields=["recovery_codes"],
        )
        return redirect("portal:recovery_codes")
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    return render(
        request,
        "portal/two_factor/recovery_codes.html",
        {"codes": codes, "next": _next(request)},
    )


@account_view
def second_step_status(request: AuthenticatedRequest) -> HttpResponse:
    """The user's own view of their second log-in step: on or off, and recovery codes left."""
    return render(
        request,
        "portal/two_factor/status.html",
        {
            "enabled": two_factor.has_second_factor(request.user),
            "codes_left": two_factor.recovery_codes_left(request.user),
            "required": second_factor.is_required_for(request.user),
        },
    )


@account_view
@require_http_methods(["GET", "POST"])
def confirm_password(request: AuthenticatedRequest) -> HttpResponse:
    """The password again (and a code, for a user with an app) before an export of personal data
    or an erasure; it counts for REAUTHENTICATION_MINUTES, then the user goes where they were
    going. Wrong passwords count towards the log-in limits like those on the log-in page."""
    next_url = _next(request)
    user = request.user
    with_code = two_factor.has_second_factor(user)
    form = ConfirmPasswordForm(request.POST or None, with_code=with_code)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if authenticate(request, username=user.get_username(), password=data["password"]) != user:
            form.add_error("password", _("This password is not right."))
        elif with_code and two_factor.check_code(user, data["code"]) is None:
            form.add_error("code", _wrong_code_message())
        else:
            two_factor.mark_confirmed(request)
            return redirect(next_url)
    return render(
        request,
        "portal/two_factor/confirm_password.html",
        {"form": form, "next": next_url, "minutes": settings.REAUTHENTICATION_MINUTES},
    )
