"""Which guides a digibank's staff read: the region's and their digibank's own, never another
digibank's local guides; the stale ones its coordinator should look at; and who may own one."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from digibank.core.models import User
from digibank.help.models import Guide, GuideVersion, HelpTopic, stale_before
from digibank.organisations.models import Region
from digibank.organisations.permissions import (
    Access,
    Perm,
    RegionPerm,
    region_roles_granting,
    roles_granting,
)


def guides_for(access: Access) -> QuerySet[Guide]:
    """The region's guides and the digibank's own, with what their lists show."""
    digibank = access.digibank
    return Guide.objects.filter(
        Q(digibank=None, region_id=digibank.region_id) | Q(digibank=digibank)
    ).select_related("topic", "owner")


def region_guides(region: Region) -> QuerySet[Guide]:
    return Guide.objects.filter(region=region, digibank=None).select_related("topic", "owner")


def get_guide_for(access: Access, guide_id: int) -> Guide:
    """A guide this digibank reads, or 404 (another digibank's local guide is a 404)."""
    return get_object_or_404(guides_for(access), pk=guide_id)


def topics_with_guides(guides: QuerySet[Guide]) -> QuerySet[HelpTopic]:
    """The topics to filter a list of guides by: those that have a guide in it."""
    return HelpTopic.objects.filter(pk__in=guides.values("topic_id")).order_by("position", "code")


def versions_of(guide: Guide) -> QuerySet[GuideVersion]:
    return guide.versions.select_related("saved_by").order_by("-number")


def without_owner(guides: QuerySet[Guide]) -> QuerySet[Guide]:
    """Guides nobody looks after: their owner's account was deleted (or never named)."""
    return guides.filter(owner=None)


def stale(guides: QuerySet[Guide]) -> QuerySet[Guide]:
    return guides.filter(checked_on__lt=stale_before())


@dataclass(frozen=True)
class LocalGuideTallies:
    stale: int  # gone stale: all of them for whoever manages the guides, their own for an owner
    without_owner: int  # nobody looks after them (counted for whoever manages the guides only)


def local_guide_tallies(access: Access) -> LocalGuideTallies:
    """What the staff home says about the digibank's local guides: those gone stale that this
    user keeps, and, for whoever hands guides over, those nobody owns. One query."""
    manages = access.can(Perm.MANAGE_GUIDES)
    stale_ones = Q(checked_on__lt=stale_before())
    if not manages:
        stale_ones &= Q(owner=access.user)
    counts = {"stale": Count("pk", filter=stale_ones)}
    if manages:  # a volunteer hands nothing over
        counts["without_owner"] = Count("pk", filter=Q(owner=None))
    found = Guide.objects.filter(digibank=access.digibank).aggregate(**counts)
    return LocalGuideTallies(stale=found["stale"], without_owner=found.get("without_owner", 0))


def eligible_owners(guide: Guide) -> QuerySet[User]:
    """Who can look after this guide, by name, in one query: for a local guide the digibank's
    active members whose roles check or write its guides, for a region guide the region's active
    members whose region role writes them. The roles come from the grants, never named here."""
    digibank = guide.digibank  # select it with the guide: its settings may change the grants
    if digibank is None:
        people = User.objects.filter(
            region_memberships__region_id=guide.region_id,
            region_memberships__role__in=region_roles_granting(RegionPerm.MANAGE_GUIDES),
        )
    else:
        people = User.objects.filter(
            memberships__digibank=digibank,
            memberships__role__in=roles_granting(digibank, Perm.CHECK_GUIDES, Perm.MANAGE_GUIDES),
        )
    return people.filter(is_active=True).distinct().order_by("last_name", "first_name", "username")
