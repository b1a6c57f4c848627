"""Who acts: a staff member's `Access` to one digibank, a region admin's `RegionAccess`, or a
`SystemActor`; the checks every service verb runs (`require`, `require_person`, ...)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from digibank.organisations.models import Digibank, Membership, Region, RegionMembership, Role
from digibank.organisations.permissions.grants import (
    REGION_ROLE_PERMISSIONS,
    Perm,
    RegionPerm,
    Scope,
    grants_in,
)

if TYPE_CHECKING:
    from digibank.core.models import User

M = TypeVar("M", bound=Model)


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
        """What the roles grant in this digibank, with its settings (see `grants_in`)."""
        perms: set[Perm] = set()
        for role in self.roles:
            perms |= set(grants_in(role, self.digibank))
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
            scope = grants_in(role, self.digibank).get(perm)
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
