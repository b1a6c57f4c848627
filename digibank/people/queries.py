"""Read helpers shared by the views and the API, always scoped by the permission layer."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from digibank.core.permissions import Access
from digibank.people.models import Person


def people_for(access: Access) -> QuerySet[Person]:
    """The residents this user may see: their digibank's, or only their partner's referrals."""
    queryset = access.scope(Person.objects.all())
    if access.is_partner_scoped:
        queryset = queryset.filter(referrer_partner_id__in=access.partner_ids)
    return queryset


def get_person_for(access: Access, person_id: int) -> Person:
    return get_object_or_404(people_for(access), pk=person_id)
