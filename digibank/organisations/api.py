from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from digibank.core.permissions import Perm, api_access
from digibank.organisations.models import Hub

router = Router(tags=["organisations"])


class HubOut(Schema):
    id: int
    name: str
    street: str
    postcode: str
    municipality: str

    @staticmethod
    def resolve_municipality(obj: Hub) -> str:
        return obj.municipality.name


@router.get("hubs", response=list[HubOut], summary="The digibank's hubs")
def list_hubs(request: HttpRequest, digibank: str) -> list[Hub]:
    access = api_access(request, digibank, Perm.VIEW_ORGANISATION)
    return list(access.scope(Hub.objects.select_related("municipality")))
