"""The view decorators and typed requests: how a page or an API operation enters the layer."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, Protocol, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from digibank.organisations.models import Region
from digibank.organisations.permissions.access import (
    Access,
    RegionAccess,
    access_to,
    region_access_for,
)
from digibank.organisations.permissions.grants import Perm, RegionPerm
from digibank.organisations.permissions.second_factor import (
    confirm_password_redirect,
    region_roles_need_second_factor,
    roles_need_second_factor,
    second_step_redirect,
)

if TYPE_CHECKING:
    from digibank.core.models import User


class AuthenticatedRequest(HttpRequest):
    """The request an `account_view` receives: its user has logged in."""

    user: User


class StaffRequest(AuthenticatedRequest):
    """The request a `staff_view` receives: the user's `Access` to the URL's digibank is set."""

    access: Access


class RegionRequest(AuthenticatedRequest):
    """The request a `region_view` receives: the user's `RegionAccess` to the region is set."""

    region_access: RegionAccess


class ApiRequest(HttpRequest):
    """The request an API operation receives: the token's user is `auth` (and `user`)."""

    auth: User
    user: User


def api_access(request: ApiRequest, digibank: str, perm: Perm) -> Access:
    """The API's way into this layer: the token user's access to one digibank, else 404/403."""
    access = access_to(request.auth, digibank)
    if access is None:
        raise Http404
    access.require(perm)
    return access


class MarkedView(Protocol):
    """A view function carrying the marks the permission matrix reads from every URL's view."""

    permission_kind: str
    permission: str | None
    confirms_password: bool  # asks for the password again (exports, erasure)
    before_second_step: bool  # reachable after the password alone (the step's own pages)

    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...


def _mark(
    view: Callable[..., Any],
    kind: str,
    perm: str | None,
    *,
    confirms_password: bool = False,
    before_second_step: bool = False,
) -> MarkedView:
    marked = cast(MarkedView, view)  # a function object takes any attribute
    marked.permission_kind = kind
    marked.permission = perm
    marked.confirms_password = confirms_password
    marked.before_second_step = before_second_step
    return marked


def public_view(view: Callable) -> Callable:
    """Anyone may use this view, without an account."""
    return _mark(view, "public", None)


def account_view(view: Callable) -> Callable:
    """Any logged-in staff user may use this view; it concerns only their own account.

    A user who must give a second log-in step and has not yet is sent to it first."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        refused = second_step_redirect(request, roles_need_it=None)
        if refused is not None:
            return refused
        return view(cast(AuthenticatedRequest, request), *args, **kwargs)

    return _mark(wrapper, "account", None)


def second_step_view(view: Callable) -> Callable:
    """The pages of the second log-in step itself (giving a code, setting up the app): a
    logged-in user reaches them after the password alone. Nothing else is reachable so."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(cast(AuthenticatedRequest, request), *args, **kwargs)

    return _mark(wrapper, "account", None, before_second_step=True)


def staff_view(perm: Perm, *, confirm_password: bool = False) -> Callable[[Callable], Callable]:
    """A view inside one digibank (URL kwarg `digibank`), for users whose role grants `perm`.

    The view receives `request.access` and is called without the `digibank` kwarg. A session
    that must still pass the second log-in step is sent there first (before its roles here are
    told by a 404 or 403). `confirm_password`: the view exports or erases personal data, so the
    password (and code) must have been given in the last few minutes.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, digibank: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            refused = second_step_redirect(request, roles_need_it=False)
            if refused is not None:
                return refused
            access = access_to(request.user, digibank)
            if access is None:
                raise Http404
            refused = second_step_redirect(
                request, roles_need_it=roles_need_second_factor(access.roles)
            )
            if refused is not None:
                return refused
            access.require(perm)
            if confirm_password:
                refused = confirm_password_redirect(request)
                if refused is not None:
                    return refused
            # The one place a request becomes a StaffRequest: `access` is set just below.
            staff_request = cast(StaffRequest, request)
            staff_request.access = access
            return view(staff_request, *args, **kwargs)

        return _mark(wrapper, "staff", perm, confirms_password=confirm_password)

    return decorator


def region_view(perm: RegionPerm) -> Callable[[Callable], Callable]:
    """A view for a region (URL kwarg `region`), for region admins or analysts."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, region: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            refused = second_step_redirect(request, roles_need_it=False)
            if refused is not None:
                return refused
            found = Region.objects.filter(slug=region).first()
            access = region_access_for(request.user, found) if found else None
            if access is None:
                raise Http404
            refused = second_step_redirect(
                request, roles_need_it=region_roles_need_second_factor(access.roles)
            )
            if refused is not None:
                return refused
            if not access.can(perm):
                raise PermissionDenied
            region_request = cast(RegionRequest, request)
            region_request.region_access = access
            return view(region_request, *args, **kwargs)

        return _mark(wrapper, "region", perm)

    return decorator
