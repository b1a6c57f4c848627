from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from digibank.core.permissions import Perm, api_access
from digibank.people.models import Person
from digibank.people.queries import people_for

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    postcode: str
    preferred_language: str


@router.get("people", response=list[PersonOut], summary="Residents you may see")
def list_people(request: HttpRequest, digibank: str) -> list[Person]:
    access = api_access(request, digibank, Perm.VIEW_PEOPLE)
    return list(people_for(access)[:100])
