"""Which guides a digibank's staff read: the region's and their digibank's own, never another
digibank's local guides; and the stale ones its coordinator should look at."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from digibank.help.models import Guide, GuideVersion, HelpTopic, stale_before
from digibank.organisations.models import Region
from digibank.organisations.permissions import Access, Perm


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


def stale(guides: QuerySet[Guide]) -> QuerySet[Guide]:
    return guides.filter(checked_on__lt=stale_before())


def stale_guides_to_check(access: Access) -> int:
    """The digibank's local guides gone stale that this user keeps: all of them for whoever
    manages the guides, their own for an owner. One count query."""
    local = stale(Guide.objects.filter(digibank=access.digibank))
    if not access.can(Perm.MANAGE_GUIDES):
        local = local.filter(owner=access.user)
    return local.count()
