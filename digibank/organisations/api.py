"""API of the organisations app, mounted at /api/digibanks/{digibank}/: hubs and partners."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema

from digibank.core.api_errors import TENANT_ERRORS, with_errors
from digibank.core.api_types import LocalTime
from digibank.core.pagination import Cursor, KeysetPage, Page
from digibank.organisations import queries
from digibank.organisations.models import Hub, OpeningException, Partner
from digibank.organisations.permissions import ApiRequest, Perm, api_access

router = Router(tags=["organisations"])

# The router is mounted under /digibanks/{digibank}/: ninja sees only each operation's own path,
# so the slug from the mount prefix is declared a path parameter here.
DIGIBANK = Path(..., description="The digibank's short name, as in its web addresses.")


class HubOut(Schema):
    id: int
    name: str
    street: str
    postcode: str
    municipality: str
    municipality_nis_code: str
    latitude: float | None
    longitude: float | None
    phone: str
    email: str
    website: str
    step_free: bool
    hearing_loop: bool
    quiet_room: bool
    languages: list[str]
    services: list[str]
    is_public: bool
    active: bool

    @staticmethod
    def resolve_municipality(obj: Hub) -> str:
        return obj.municipality.name

    @staticmethod
    def resolve_municipality_nis_code(obj: Hub) -> str:
        return obj.municipality.nis_code

    @staticmethod
    def resolve_latitude(obj: Hub) -> float | None:
        return float(obj.latitude) if obj.latitude is not None else None

    @staticmethod
    def resolve_longitude(obj: Hub) -> float | None:
        return float(obj.longitude) if obj.longitude is not None else None


class OpeningHoursOut(Schema):
    weekday: int
    opens: LocalTime
    closes: LocalTime
    kind: str


class OpeningExceptionOut(Schema):
    date: datetime.date
    closed: bool
    opens: LocalTime | None
    closes: LocalTime | None
    kind: str = Field(..., description="`walk_in` or `open` (by appointment), as weekly hours.")
    reason: str


class HubPage(Page):
    items: list[HubOut]


class HubDetailOut(HubOut):
    directions: str
    accessibility_notes: str
    closed_on_public_holidays: bool
    weekly_hours: list[OpeningHoursOut]
    upcoming_exceptions: list[OpeningExceptionOut]

    @staticmethod
    def resolve_weekly_hours(obj: Hub) -> list:
        return list(obj.opening_hours.all())

    @staticmethod
    def resolve_upcoming_exceptions(obj: Hub) -> list[OpeningException]:
        return list(obj.opening_exceptions.all())


class PartnerOut(Schema):
    id: int
    name: str
    kind: str
    email: str
    phone: str
    website: str
    active: bool


class PartnerPage(Page):
    items: list[PartnerOut]


class PartnerContactOut(Schema):
    id: int
    name: str
    job_title: str
    email: str
    phone: str


class PartnerDetailOut(PartnerOut):
    description: str
    street: str
    postcode: str
    municipality: str | None
    contacts: list[PartnerContactOut]

    @staticmethod
    def resolve_municipality(obj: Partner) -> str | None:
        return obj.municipality.name if obj.municipality else None

    @staticmethod
    def resolve_contacts(obj: Partner) -> list:
        return list(obj.contacts.all())


@router.get(
    "hubs",
    response=with_errors({200: HubPage}, *TENANT_ERRORS),
    summary="The digibank's hubs, newest first",
)
def list_hubs(request: ApiRequest, cursor: Query[Cursor], digibank: str = DIGIBANK) -> KeysetPage:
    access = api_access(request, digibank, Perm.VIEW_ORGANISATION)
    return cursor.page(queries.hubs_for(access))


@router.get(
    "hubs/{hub_id}",
    response=with_errors({200: HubDetailOut}, *TENANT_ERRORS),
    summary="One hub, with its opening hours",
)
def get_hub(request: ApiRequest, hub_id: int, digibank: str = DIGIBANK) -> Hub:
    access = api_access(request, digibank, Perm.VIEW_ORGANISATION)
    return queries.hub_with_schedule(queries.hubs_for(access), hub_id)


@router.get(
    "partners",
    response=with_errors({200: PartnerPage}, *TENANT_ERRORS),
    summary="The digibank's partners, newest first",
)
def list_partners(
    request: ApiRequest, cursor: Query[Cursor], digibank: str = DIGIBANK
) -> KeysetPage:
    access = api_access(request, digibank, Perm.VIEW_ORGANISATION)
    return cursor.page(queries.partners_for(access))


@router.get(
    "partners/{partner_id}",
    response=with_errors({200: PartnerDetailOut}, *TENANT_ERRORS),
    summary="One partner, with its contact people",
)
def get_partner(request: ApiRequest, partner_id: int, digibank: str = DIGIBANK) -> Partner:
    access = api_access(request, digibank, Perm.VIEW_ORGANISATION)
    return get_object_or_404(
        queries.partners_for(access).prefetch_related("contacts"), pk=partner_id
    )
