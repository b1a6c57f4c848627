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

    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...


def _mark(view: Callable[..., Any], kind: str, perm: str | None) -> MarkedView:
    marked = cast(MarkedView, view)  # a function object takes any attribute
    marked.permission_kind = kind
    marked.permission = perm
    return marked


def public_view(view: Callable) -> Callable:
    """Anyone may use this view, without an account."""
    return _mark(view, "public", None)


def account_view(view: Callable) -> Callable:
    """Any logged-in staff user may use this view; it concerns only their own account."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(cast(AuthenticatedRequest, request), *args, **kwargs)

    return _mark(wrapper, "account", None)


def staff_view(perm: Perm) -> Callable[[Callable], Callable]:
    """A view inside one digibank (URL kwarg `digibank`), for users whose role grants `perm`.

    The view receives `request.access` and is called without the `digibank` kwarg.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, digibank: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = access_to(request.user, digibank)
            if access is None:
                raise Http404
            access.require(perm)
            # The one place a request becomes a StaffRequest: `access` is set just below.
            staff_request = cast(StaffRequest, request)
            staff_request.access = access
            return view(staff_request, *args, **kwargs)

        return _mark(wrapper, "staff", perm)

    return decorator


def region_view(perm: RegionPerm) -> Callable[[Callable], Callable]:
    """A view for a region (URL kwarg `region`), for region admins or analysts."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, region: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            found = Region.objects.filter(slug=region).first()
            access = region_access_for(request.user, found) if found else None
            if access is None:
                raise Http404
            if not access.can(perm):
                raise PermissionDenied
            region_request = cast(RegionRequest, request)
            region_request.region_access = access
            return view(region_request, *args, **kwargs)

        return _mark(wrapper, "region", perm)

    return decorator
