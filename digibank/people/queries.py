"""Read helpers shared by the views and the API, always scoped by the permission layer."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from digibank.organisations.permissions import Access, Perm
from digibank.people.models import (
    AgeBand,
    Consent,
    Person,
    TargetGroup,
    birth_years_for,
    normalise_name_part,
)


def people_for(access: Access, perm: Perm = Perm.VIEW_PEOPLE) -> QuerySet[Person]:
    """The residents `perm` reaches: the digibank's, or only a referrer's partner's referrals."""
    return access.scope_people(Person.objects.all(), perm)


def get_person_for(access: Access, person_id: int) -> Person:
    return get_object_or_404(people_for(access), pk=person_id)


def search_people(
    queryset: QuerySet[Person],
    *,
    text: str = "",
    target_group: TargetGroup | None = None,
    age_band: str = "",
) -> QuerySet[Person]:
    """Filter by name (however typed, in any order) or postcode, target group and age band."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        queryset = queryset.filter(postcode__startswith=text)
    else:
        for word in text.split():
            key = normalise_name_part(word)
            if key:
                queryset = queryset.filter(match_key__contains=key)
    if target_group is not None:
        queryset = queryset.filter(target_groups=target_group)
    if age_band in AgeBand.values:
        queryset = queryset.filter(birth_years_for(AgeBand(age_band)))
    return queryset


def with_list_details(queryset: QuerySet[Person]) -> QuerySet[Person]:
    """What a list of people shows, fetched in a fixed number of queries."""
    return queryset.select_related("municipality", "referrer_partner").prefetch_related(
        Prefetch("target_groups", queryset=TargetGroup.objects.order_by("name"))
    )


def target_groups_for(access: Access, *, active_only: bool = False) -> QuerySet[TargetGroup]:
    queryset = access.scope(TargetGroup.objects.all())
    return queryset.filter(active=True) if active_only else queryset


def consents_of(person: Person) -> QuerySet[Consent]:
    return person.consents.select_related("recorded_by", "withdrawn_by").order_by(
        "withdrawn_at", "-given_at"
    )
