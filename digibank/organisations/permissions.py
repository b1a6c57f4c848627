"""The one permission layer: every view, every API endpoint and every queryset goes through here.

A view declares who may use it with one of the decorators below (`public_view`, `account_view`,
`staff_view`, `region_view`). The decorator resolves the tenant from the URL, builds an `Access`
for the user and refuses what the user's roles do not allow:

- anonymous user on a staff page → redirect to the log-in page;
- a digibank or region the user has no role in → 404, exactly like a digibank that does not exist;
- a role in that digibank without the needed permission → 403.

Objects are fetched through `Access.scope(queryset)` or the `get_*_for` helpers of each app, so an
object of another digibank is a 404, never a 403 and never a 200.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from digibank.organisations.models import (
    Digibank,
    Membership,
    Region,
    RegionMembership,
    RegionRole,
    Role,
)

if TYPE_CHECKING:
    from digibank.core.models import User

M = TypeVar("M", bound=Model)


class Perm(enum.StrEnum):
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_ORGANISATION = "view_organisation"
    MANAGE_ORGANISATION = "manage_organisation"
    VIEW_PEOPLE = "view_people"
    MANAGE_PEOPLE = "manage_people"
    MERGE_PEOPLE = "merge_people"
    DELETE_PEOPLE = "delete_people"
    MANAGE_SETTINGS = "manage_settings"
    VIEW_AUDIT = "view_audit"
    VIEW_AGGREGATES = "view_aggregates"
    # Device bank
    VIEW_DEVICES = "view_devices"
    MANAGE_DEVICES = "manage_devices"  # intake, wiping, refurbishing, repair, recycling
    MANAGE_DONATIONS = "manage_donations"
    VIEW_REQUESTS = "view_requests"
    SUBMIT_REQUESTS = "submit_requests"
    DECIDE_ELIGIBILITY = "decide_eligibility"
    ALLOCATE_DEVICES = "allocate_devices"
    HAND_OVER_DEVICES = "hand_over_devices"
    VIEW_MESSAGES = "view_messages"


class RegionPerm(enum.StrEnum):
    VIEW_REGION = "view_region"
    MANAGE_REGION = "manage_region"


ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.COORDINATOR: frozenset(Perm),
    Role.HUB_VOLUNTEER: frozenset(
        {
            Perm.VIEW_DASHBOARD,
            Perm.VIEW_ORGANISATION,
            Perm.VIEW_PEOPLE,
            Perm.MANAGE_PEOPLE,
            Perm.VIEW_DEVICES,
            Perm.VIEW_REQUESTS,
            Perm.SUBMIT_REQUESTS,
            Perm.HAND_OVER_DEVICES,
        }
    ),
    Role.TECHNICIAN: frozenset(
        {
            Perm.VIEW_DASHBOARD,
            Perm.VIEW_ORGANISATION,
            Perm.VIEW_DEVICES,
            Perm.MANAGE_DEVICES,
            Perm.MANAGE_DONATIONS,
        }
    ),
    Role.TRAINER: frozenset(
        {Perm.VIEW_DASHBOARD, Perm.VIEW_ORGANISATION, Perm.VIEW_PEOPLE, Perm.MANAGE_PEOPLE}
    ),
    # A referrer works for a partner: they see and register only the people their partner referred.
    Role.REFERRER: frozenset(
        {
            Perm.VIEW_DASHBOARD,
            Perm.VIEW_ORGANISATION,
            Perm.VIEW_PEOPLE,
            Perm.MANAGE_PEOPLE,
            Perm.VIEW_REQUESTS,
            Perm.SUBMIT_REQUESTS,
            Perm.DECIDE_ELIGIBILITY,
        }
    ),
    Role.ANALYST: frozenset({Perm.VIEW_DASHBOARD, Perm.VIEW_AGGREGATES}),
}

REGION_ROLE_PERMISSIONS: dict[str, frozenset[RegionPerm]] = {
    RegionRole.ADMIN: frozenset(RegionPerm),
    RegionRole.ANALYST: frozenset({RegionPerm.VIEW_REGION}),
}


@dataclass(frozen=True)
class Access:
    """What one user may do in one digibank."""

    user: User
    digibank: Digibank
    roles: frozenset[str]
    partner_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def perms(self) -> frozenset[Perm]:
        perms: set[Perm] = set()
        for role in self.roles:
            perms |= ROLE_PERMISSIONS[role]
        return frozenset(perms)

    def can(self, perm: Perm) -> bool:
        return perm in self.perms

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in sorted(self.roles)]

    def require(self, perm: Perm) -> None:
        if not self.can(perm):
            raise PermissionDenied

    @property
    def is_partner_scoped(self) -> bool:
        """True when the user sees people only through the partner(s) they work for."""
        return self.roles <= {Role.REFERRER, Role.ANALYST} and Role.REFERRER in self.roles

    def scope(self, queryset: QuerySet[M]) -> QuerySet[M]:
        """Limit any queryset of a digibank-owned model to this digibank."""
        return queryset.filter(digibank=self.digibank)

    def get(self, queryset: QuerySet[M], **lookup: Any) -> M:
        return get_object_or_404(self.scope(queryset), **lookup)


@dataclass(frozen=True)
class RegionAccess:
    user: User
    region: Region
    roles: frozenset[str]

    @property
    def perms(self) -> frozenset[RegionPerm]:
        perms: set[RegionPerm] = set()
        for role in self.roles:
            perms |= REGION_ROLE_PERMISSIONS[role]
        return frozenset(perms)

    def can(self, perm: RegionPerm) -> bool:
        return perm in self.perms


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


def access_for(user: User | AnonymousUser, digibank: Digibank) -> Access | None:
    if isinstance(user, AnonymousUser) or not user.is_active:
        return None
    return _access(user, digibank, list(Membership.objects.filter(user=user, digibank=digibank)))


def access_to(user: User | AnonymousUser, slug: str) -> Access | None:
    """`access_for` the digibank with this slug, in one query: the user's memberships there, with
    the digibank itself. None for a digibank that does not exist or where the user has no role
    (both become a 404, so another digibank's existence is never revealed)."""
    if isinstance(user, AnonymousUser) or not user.is_active:
        return None
    memberships = list(
        Membership.objects.filter(user=user, digibank__slug=slug).select_related("digibank")
    )
    return _access(user, memberships[0].digibank, memberships) if memberships else None


def _access(user: User, digibank: Digibank, memberships: list[Membership]) -> Access | None:
    if not memberships:
        return None
    return Access(
        user=user,
        digibank=digibank,
        roles=frozenset(m.role for m in memberships),
        partner_ids=frozenset(m.partner_id for m in memberships if m.partner_id),
    )


def region_access_for(user: User | AnonymousUser, region: Region) -> RegionAccess | None:
    if isinstance(user, AnonymousUser) or not user.is_active:
        return None
    roles = frozenset(
        RegionMembership.objects.filter(user=user, region=region).values_list("role", flat=True)
    )
    if not roles:
        return None
    return RegionAccess(user=user, region=region, roles=roles)


def digibanks_for(user: User) -> QuerySet[Digibank]:
    return Digibank.objects.filter(memberships__user=user).distinct().order_by("name")


def regions_for(user: User) -> QuerySet[Region]:
    return Region.objects.filter(memberships__user=user).distinct().order_by("name")


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
