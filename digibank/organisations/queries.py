"""Read helpers shared by the views and the API, scoped by the permission layer first."""

from __future__ import annotations

import re
import unicodedata

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from digibank.core import login_limits
from digibank.organisations import hooks
from digibank.organisations.models import (
    Digibank,
    Hub,
    Invitation,
    InvitationStatus,
    Membership,
    Municipality,
    OpeningException,
    Partner,
    PartnerContact,
    Region,
)
from digibank.organisations.permissions import Access

POSTCODE = re.compile(r"\d{4}")


def hubs_for(access: Access) -> QuerySet[Hub]:
    return access.scope(Hub.objects.select_related("municipality"))


def get_hub_for(access: Access, hub_id: int) -> Hub:
    return get_object_or_404(hubs_for(access), pk=hub_id)


def hub_with_schedule(queryset: QuerySet[Hub], hub_id: int) -> Hub:
    """One hub with its weekly hours and its exceptions from today on, in three queries."""
    from django.utils import timezone

    today = timezone.localdate()
    return get_object_or_404(
        queryset.prefetch_related(
            "opening_hours",
            Prefetch(
                "opening_exceptions",
                queryset=OpeningException.objects.filter(date__gte=today),
            ),
        ),
        pk=hub_id,
    )


def partners_for(access: Access) -> QuerySet[Partner]:
    return access.scope(Partner.objects.select_related("municipality"))


def get_partner_for(access: Access, partner_id: int) -> Partner:
    return get_object_or_404(partners_for(access), pk=partner_id)


def get_contact_for(partner: Partner, contact_id: int) -> PartnerContact:
    return get_object_or_404(PartnerContact.objects.filter(partner=partner), pk=contact_id)


def memberships_for(access: Access) -> QuerySet[Membership]:
    return access.scope(Membership.objects.select_related("user", "partner")).order_by(
        "user__last_name", "user__first_name", "user__username", "role"
    )


def get_membership_for(access: Access, membership_id: int) -> Membership:
    return get_object_or_404(memberships_for(access), pk=membership_id)


def locked_out_members(access: Access) -> set[str]:
    """The usernames of the digibank's members locked out by the log-in limits (two queries)."""
    usernames = access.scope(Membership.objects.all()).values_list("user__username", flat=True)
    return login_limits.locked_usernames(set(usernames))


def without_contact() -> Q:
    """Active partners nobody can be asked for yet: no contact person is recorded (a filter)."""
    return Q(active=True) & ~Q(Exists(PartnerContact.objects.filter(partner=OuterRef("pk"))))


def pending_invitations(digibank: Digibank) -> QuerySet[Invitation]:
    """Invitations not yet accepted nor withdrawn (expired ones included: they may be sent
    again), newest first."""
    return Invitation.objects.filter(digibank=digibank, status=InvitationStatus.PENDING).order_by(
        "-sent_at", "-id"
    )


def invitations_for(access: Access) -> QuerySet[Invitation]:
    return access.scope(pending_invitations(access.digibank)).select_related("partner")


def get_invitation_for(access: Access, invitation_id: int) -> Invitation:
    """A pending invitation of the access's digibank; another digibank's (or a used one) is 404."""
    return get_object_or_404(invitations_for(access), pk=invitation_id)


# The public side ---------------------------------------------------------------------------------


def public_hubs() -> QuerySet[Hub]:
    """Hubs a resident may find: public and open, of an active digibank."""
    return Hub.objects.filter(is_public=True, active=True, digibank__active=True).select_related(
        "municipality", "digibank"
    )


def place_words(text: str) -> str:
    """A place name as comparable words: "Sint-Katelijne-Waver" and "sint katelijne waver",
    "Liège" and "liege" give the same."""
    plain = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    return " ".join(re.sub(r"[\W_]+", " ", plain.casefold()).split())


def split_place(place: str) -> tuple[str, str]:
    """(postcode, name words) of what a resident typed: "2800 Mechelen", "mechelen 2800"."""
    postcode = ""
    words = []
    for word in place_words(place).split():
        if not postcode and POSTCODE.fullmatch(word):
            postcode = word
        else:
            words.append(word)
    return postcode, " ".join(words)


def _municipalities_named(words: str) -> list[int]:
    """The municipalities with a public hub whose Dutch or French name contains `words`.

    Compared in Python on folded names (accents, hyphens and case left out), which no database
    lookup does the same way on SQLite and PostgreSQL; only the few municipalities that have a
    public hub are read.
    """
    with_hubs = Municipality.objects.filter(
        pk__in=public_hubs().values("municipality_id")
    ).values_list("pk", "name_nl", "name_fr")
    return [
        pk
        for pk, name_nl, name_fr in with_hubs
        if words in place_words(name_nl) or words in place_words(name_fr)
    ]


def search_public_hubs(
    *, place: str = "", service: str = "", step_free: bool = False
) -> QuerySet[Hub]:
    """Public hubs near a postcode or in a municipality (by name), sorted by municipality.

    A postcode and a name may come together in either order ("2800 Mechelen", "mechelen 2800");
    a hub matching either is found, so a slip in one still finds the place.
    """
    hubs = public_hubs()
    postcode, words = split_place(place)
    found = Q()
    if postcode:
        municipalities = Municipality.objects.filter(postcodes__icontains=f'"{postcode}"')
        found |= Q(postcode=postcode) | Q(municipality__in=municipalities)
    if words:
        found |= Q(municipality__in=_municipalities_named(words))
    if postcode or words:
        hubs = hubs.filter(found)
    if service:
        # Services are a JSON list of codes; the quoted code matches one whole element.
        hubs = hubs.filter(services__icontains=f'"{service}"')
    if step_free:
        hubs = hubs.filter(step_free=True)
    return hubs.order_by("municipality__name_nl", "name", "pk")


# The region --------------------------------------------------------------------------------------


def _count_of(queryset: QuerySet) -> Coalesce:
    """A per-digibank count as a subquery, so several counts do not multiply each other's rows."""
    counted = (
        queryset.filter(digibank=OuterRef("pk"))
        .order_by()
        .values("digibank")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def region_digibanks(region: Region) -> QuerySet[Digibank]:
    """The region's digibanks with aggregated counts only: no names of residents.

    Besides hubs and partners, each digibank carries the counts that the apps above this layer
    registered (`hooks.register_digibank_count`: people's `resident_count`).
    """
    registered = {name: _count_of(rows()) for name, rows in hooks.digibank_counts().items()}
    return region.digibanks.annotate(
        hub_count=_count_of(Hub.objects.filter(active=True)),
        partner_count=_count_of(Partner.objects.filter(active=True)),
        municipality_count=Count("municipalities", distinct=True),
        **registered,
    ).order_by("name")
