"""The one permission layer: every view, every API endpoint, every queryset and every service verb
goes through here.

A view declares who may use it with one of the decorators below (`public_view`, `account_view`,
`staff_view`, `region_view`). The decorator resolves the tenant from the URL, builds an `Access`
for the user and refuses what the user's roles do not allow:

- anonymous user on a staff page → redirect to the log-in page;
- a digibank or region the user has no role in → 404, exactly like a digibank that does not exist;
- a role in that digibank without the needed permission → 403.

Objects are fetched through `Access.scope(queryset)` or the `get_*_for` helpers of each app, so an
object of another digibank is a 404, never a 403 and never a 200.

**Each permission is scoped by the role that grants it.** A role grants each of its permissions
with a reach (`ROLE_GRANTS`): the whole digibank, or only the people (and their requests and
loans) referred by the partner of that membership. A user's reach for one permission is the union
of the reaches of their memberships that grant it, so a role only adds what it grants:

- a partner referrer sees and manages only their partner's people and requests;
- a referrer who also holds a role that does not grant a permission (technician or analyst for
  every people and request permission, trainer for the request permissions) still reaches only
  their partner's people for it: the technician's device permissions never widen `view_people`;
- a referrer who is also a hub volunteer reaches the whole digibank for the people and request
  permissions the hub volunteer role grants (and a trainer for the people permissions), because
  those roles grant exactly that on their own.

Partner scoping lives here only: `Access.reach(perm)`, `Access.scope_people(queryset, perm)` and
`Access.may_reach_person(person, perm)`. Queries, services, forms and views call these.

Service verbs that change or reveal personal data take the actor as `by`: the `Access` of the
staff member, or a `SystemActor` (`SYSTEM` for tasks, commands and demo data, `PUBLIC` for a
resident on the public pages acting for themselves), never `None`. `require(by, digibank, perm)`
is the one check the services run; the audit trail records a system actor as "system".
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
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


class Scope(enum.Enum):
    """How far a role's permission reaches inside its digibank."""

    DIGIBANK = "digibank"  # everything of the digibank
    PARTNER = "partner"  # only the people (and their requests, loans) of the membership's partner


def _grants(*perms: Perm, scope: Scope = Scope.DIGIBANK) -> dict[Perm, Scope]:
    return dict.fromkeys(perms, scope)


ROLE_GRANTS: dict[str, dict[Perm, Scope]] = {
    Role.COORDINATOR: _grants(*Perm),
    Role.HUB_VOLUNTEER: _grants(
        Perm.VIEW_DASHBOARD,
        Perm.VIEW_ORGANISATION,
        Perm.VIEW_PEOPLE,
        Perm.MANAGE_PEOPLE,
        Perm.VIEW_DEVICES,
        Perm.VIEW_REQUESTS,
        Perm.SUBMIT_REQUESTS,
        Perm.HAND_OVER_DEVICES,
    ),
    Role.TECHNICIAN: _grants(
        Perm.VIEW_DASHBOARD,
        Perm.VIEW_ORGANISATION,
        Perm.VIEW_DEVICES,
        Perm.MANAGE_DEVICES,
        Perm.MANAGE_DONATIONS,
    ),
    Role.TRAINER: _grants(
        Perm.VIEW_DASHBOARD, Perm.VIEW_ORGANISATION, Perm.VIEW_PEOPLE, Perm.MANAGE_PEOPLE
    ),
    # A referrer works for a partner: they see and register only the people their partner referred.
    Role.REFERRER: {
        **_grants(Perm.VIEW_DASHBOARD, Perm.VIEW_ORGANISATION),
        **_grants(
            Perm.VIEW_PEOPLE,
            Perm.MANAGE_PEOPLE,
            Perm.VIEW_REQUESTS,
            Perm.SUBMIT_REQUESTS,
            Perm.DECIDE_ELIGIBILITY,
            scope=Scope.PARTNER,
        ),
    },
    Role.ANALYST: _grants(Perm.VIEW_DASHBOARD, Perm.VIEW_AGGREGATES),
}

# What each role may do at all, whatever the reach.
ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    role: frozenset(grants) for role, grants in ROLE_GRANTS.items()
}

REGION_ROLE_PERMISSIONS: dict[str, frozenset[RegionPerm]] = {
    RegionRole.ADMIN: frozenset(RegionPerm),
    RegionRole.ANALYST: frozenset({RegionPerm.VIEW_REGION}),
}


class Person(Protocol):
    """What the permission layer reads of a person (the people app sits above this layer)."""

    digibank_id: int
    referrer_partner_id: int | None


@dataclass(frozen=True)
class Reach:
    """Whose people one permission reaches: the whole digibank, or the people of some partners."""

    whole_digibank: bool = False
    partner_ids: frozenset[int] = frozenset()

    def __or__(self, other: Reach) -> Reach:
        return Reach(
            whole_digibank=self.whole_digibank or other.whole_digibank,
            partner_ids=self.partner_ids | other.partner_ids,
        )

    def includes(self, partner_id: int | None) -> bool:
        return self.whole_digibank or (partner_id is not None and partner_id in self.partner_ids)


WHOLE_DIGIBANK = Reach(whole_digibank=True)
NOWHERE = Reach()


@dataclass(frozen=True)
class Access:
    """What one user may do in one digibank: their memberships there, as (role, partner id)."""

    user: User
    digibank: Digibank
    memberships: frozenset[tuple[str, int | None]]
    is_system = False

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(role for role, _ in self.memberships)

    @property
    def partner_ids(self) -> frozenset[int]:
        """The partners the user works for (as a referrer)."""
        return frozenset(partner for _, partner in self.memberships if partner is not None)

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

    def reach(self, perm: Perm) -> Reach:
        """The union of the reaches of the memberships whose role grants `perm`."""
        reach = NOWHERE
        for role, partner_id in self.memberships:
            scope = ROLE_GRANTS[role].get(perm)
            if scope is Scope.DIGIBANK:
                reach |= WHOLE_DIGIBANK
            elif scope is Scope.PARTNER and partner_id is not None:
                reach |= Reach(partner_ids=frozenset({partner_id}))
        return reach

    def scope(self, queryset: QuerySet[M]) -> QuerySet[M]:
        """Limit any queryset of a digibank-owned model to this digibank."""
        return queryset.filter(digibank=self.digibank)

    def scope_people(
        self, queryset: QuerySet, perm: Perm, path: str = "referrer_partner"
    ) -> QuerySet:
        """Limit a queryset of people (or of rows about a person: `path` leads from the row to the
        person's referring partner) to this digibank and to what `perm` reaches."""
        reach = self.reach(perm)
        queryset = self.scope(queryset)
        if reach.whole_digibank:
            return queryset
        if not reach.partner_ids:
            return queryset.none()
        return queryset.filter(**{f"{path}_id__in": reach.partner_ids})

    def may_reach_person(self, person: Person, perm: Perm) -> bool:
        return person.digibank_id == self.digibank.pk and self.reach(perm).includes(
            person.referrer_partner_id
        )

    def get(self, queryset: QuerySet[M], **lookup: Any) -> M:
        return get_object_or_404(self.scope(queryset), **lookup)


@dataclass(frozen=True)
class SystemActor:
    """An actor that is not a staff member: a task, a management command, the demo data
    (`SYSTEM`), or a resident on the public pages acting for themselves (`PUBLIC`). Services let
    it do what it asks; the audit trail records it as "system", without a user."""

    name: str
    user: None = None
    is_system = True

    def can(self, perm: Perm) -> bool:
        return True

    def reach(self, perm: Perm) -> Reach:
        return WHOLE_DIGIBANK

    def may_reach_person(self, person: Person, perm: Perm) -> bool:
        return True


SYSTEM = SystemActor("system")
PUBLIC = SystemActor("public")

# Who a service verb acts for: a staff member's access to the object's digibank, or the system.
Actor = Access | SystemActor


def require(by: Actor, digibank: Digibank, perm: Perm) -> Actor:
    """The services' one check: `by` may use `perm` in `digibank` (a system actor always may)."""
    return _require(by, digibank.pk, perm)


def _require(by: Actor, digibank_id: int, perm: Perm) -> Actor:
    if isinstance(by, SystemActor):
        return by
    if not isinstance(by, Access):
        raise TypeError(
            f"by must be an Access or a SystemActor (such as SYSTEM), not {type(by).__name__}"
        )
    if by.digibank.pk != digibank_id:
        raise PermissionDenied
    by.require(perm)
    return by


def require_person(by: Actor, person: Person, perm: Perm) -> Actor:
    """`require`, and the person is within the reach of `by`'s `perm` (for a referrer: the people
    their partner referred)."""
    actor = _require(by, person.digibank_id, perm)
    if not actor.may_reach_person(person, perm):
        raise PermissionDenied
    return actor


@dataclass(frozen=True)
class RegionAccess:
    user: User
    region: Region
    roles: frozenset[str]
    is_system = False

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


# Who may set up and change a digibank's organisation: its own staff, an admin of its region (who
# creates the digibank, fills in its details and adds its first coordinator), or the system.
Manager = Access | RegionAccess | SystemActor


def require_manager(by: Manager, digibank: Digibank, perm: Perm) -> Manager:
    """`require`, also letting an admin of the digibank's region act."""
    if isinstance(by, RegionAccess):
        if by.region.pk != digibank.region_id or not by.can(RegionPerm.MANAGE_REGION):
            raise PermissionDenied
        return by
    return require(by, digibank, perm)


def require_region(by: RegionAccess | SystemActor, region: Region) -> RegionAccess | SystemActor:
    """For the region verbs (a new digibank, a region member): an admin of `region`, or the
    system."""
    if isinstance(by, SystemActor):
        return by
    if not isinstance(by, RegionAccess):
        raise TypeError(
            f"by must be a RegionAccess or a SystemActor (such as SYSTEM), not {type(by).__name__}"
        )
    if by.region.pk != region.pk or not by.can(RegionPerm.MANAGE_REGION):
        raise PermissionDenied
    return by


def require_system(by: object) -> SystemActor:
    """What no staff member does from a page (a new region): a command or the demo data."""
    if not isinstance(by, SystemActor):
        raise TypeError(f"by must be a SystemActor (such as SYSTEM), not {type(by).__name__}")
    return by


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
        memberships=frozenset((m.role, m.partner_id) for m in memberships),
    )


def acting(user: User, digibank: Digibank) -> Access:
    """The access of a user who is known to work in `digibank` (demo data, commands, tests)."""
    access = access_for(user, digibank)
    if access is None:
        raise PermissionDenied
    return access


def acting_in_region(user: User, region: Region) -> RegionAccess:
    """The region access of a user known to hold a role in `region` (demo data, commands, tests)."""
    access = region_access_for(user, region)
    if access is None:
        raise PermissionDenied
    return access


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
