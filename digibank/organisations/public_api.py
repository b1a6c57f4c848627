"""The public hub API, /api/hubs and /api/hubs/{id}: read-only, without a token, for municipal
websites and other sites that show where residents get help. It serves only what the public hub
pages show (public, active hubs of active digibanks); answers may be cached for five minutes.

`/api/hubs?near=2800` reads the place as the hub finder does (`finder.find_place`) and answers the
nearest hubs first, each with its distance: one page of at most `limit` hubs within the finder's
radius, in a fixed number of queries (the distances are computed in Python for the few hubs in a
box around the place, then handed to the database to order by)."""

from __future__ import annotations

import datetime

from django.db.models import Case, FloatField, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from digibank.core.api_errors import ApiError, with_errors
from digibank.core.api_types import LocalTime
from digibank.core.pagination import MAX_PAGE_SIZE, Cursor, KeysetPage, Page
from digibank.organisations import queries
from digibank.organisations.finder import (
    SEARCH_RADIUS_KM,
    distances_from,
    find_place,
    nearest_first,
    with_schedule,
)
from digibank.organisations.models import Hub, HubService, Municipality, OpeningKind

router = Router(tags=["public hubs"])

CACHE_SECONDS = 300
# The operations that answer without a token; `api.api` marks their URLs public, so the
# middleware leaves their caching alone for anonymous callers.
PUBLIC_OPERATIONS = ("public_hub_list", "public_hub_detail")


class PublicHubOut(Schema):
    id: int
    name: str
    digibank: str = Field(..., description="The name of the digibank the hub belongs to.")
    street: str
    postcode: str
    municipality: str
    municipality_nis_code: str
    latitude: float | None
    longitude: float | None
    phone: str = Field(..., description="E.164, for example +3215123456; empty if none.")
    email: str
    website: str
    step_free: bool
    hearing_loop: bool
    quiet_room: bool
    languages: list[str] = Field(..., description="Language codes, for example nl, fr, ar.")
    services: list[str] = Field(..., json_schema_extra={"items": {"enum": list(HubService.values)}})
    page: str = Field(..., description="The hub's public page on this site (a path).")

    @staticmethod
    def resolve_digibank(obj: Hub) -> str:
        return obj.digibank.name

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

    @staticmethod
    def resolve_phone(obj: Hub) -> str:
        return obj.phone or obj.digibank.phone

    @staticmethod
    def resolve_email(obj: Hub) -> str:
        return obj.email or obj.digibank.email

    @staticmethod
    def resolve_page(obj: Hub) -> str:
        return reverse("organisations:public_hub_detail", kwargs={"hub_id": obj.pk})


class PublicHubItemOut(PublicHubOut):
    distance_km: float | None = Field(
        ...,
        description="With `near`: how far the hub is from that place, in km (straight line, "
        "rounded to 0.1); null without `near`.",
    )

    @staticmethod
    def resolve_distance_km(obj: Hub) -> float | None:
        km = getattr(obj, "distance_km", None)
        return round(km, 1) if km is not None else None


class PublicHubPage(Page):
    items: list[PublicHubItemOut]


class WeeklyHoursOut(Schema):
    weekday: int = Field(..., description="0 is Monday, 6 is Sunday.")
    opens: LocalTime
    closes: LocalTime = Field(
        ..., description="At or before `opens` when the slot runs past midnight."
    )
    kind: str = Field(
        ...,
        description="`walk_in`: no appointment needed; `open`: by appointment.",
        json_schema_extra={"enum": list(OpeningKind.values)},
    )


class ExceptionOut(Schema):
    date: datetime.date
    closed: bool
    opens: LocalTime | None
    closes: LocalTime | None
    kind: str = Field(
        ...,
        description="The other hours: `walk_in` (no appointment needed) or `open` (by "
        "appointment); `open` on a closed day, where it means nothing.",
        json_schema_extra={"enum": list(OpeningKind.values)},
    )
    reason: str


class PublicHubDetailOut(PublicHubOut):
    directions: str
    accessibility_notes: str
    closed_on_public_holidays: bool
    weekly_hours: list[WeeklyHoursOut]
    upcoming_exceptions: list[ExceptionOut] = Field(
        ..., description="Days of the next two weeks that differ from the weekly hours."
    )

    @staticmethod
    def resolve_weekly_hours(obj: Hub) -> list:
        return list(obj.opening_hours.all())

    @staticmethod
    def resolve_upcoming_exceptions(obj: Hub) -> list:
        today = timezone.localdate()
        return [e for e in obj.opening_exceptions.all() if e.date >= today]


class PublicHubFilters(Schema):
    municipality: str | None = Field(
        None,
        description="A municipality's NIS code (5 digits, for example 12025 for Mechelen).",
        pattern=r"^\d{5}$",
    )
    postcode: str | None = Field(
        None,
        description="A postcode (4 digits): the hubs of the municipality it belongs to.",
        pattern=r"^\d{4}$",
    )
    near: str | None = Field(
        None,
        description=(
            "A postcode or a municipality's or town's name (for example 2800, Mechelen, "
            "Malines or Heffen), read as the public hub finder reads it. The answer then holds "
            f"the hubs within {SEARCH_RADIUS_KM} km of that place, nearest first, each with "
            "`distance_km`: one page of at most `limit` hubs, without `after` or `before`. A "
            "place that is not known, or that names several places, answers 422 (`fields.near` "
            "says which places it may mean)."
        ),
        min_length=1,
        max_length=100,
    )


def _public(response: HttpResponse) -> None:
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"


def _filtered(filters: PublicHubFilters) -> QuerySet[Hub]:
    hubs = queries.public_hubs()
    if filters.municipality:
        hubs = hubs.filter(municipality__nis_code=filters.municipality)
    if filters.postcode:
        # The postcodes are a JSON list of strings; the quoted code matches one whole element.
        hubs = hubs.filter(
            municipality__in=Municipality.objects.filter(
                postcodes__icontains=f'"{filters.postcode}"'
            )
        )
    return hubs


def _refused(field: str, message: str) -> ApiError:
    return ApiError(422, message, fields={field: [message]})


def _nearest(near: str, hubs: QuerySet[Hub], cursor: Cursor) -> KeysetPage:
    """One page of the hubs nearest to the place `near` names, each with `distance_km`."""
    if cursor.after is not None or cursor.before is not None:
        raise _refused(
            "after" if cursor.after is not None else "before",
            _("Hubs by distance come on one page: leave out after and before with near."),
        )
    search = find_place(near)
    if search.place is None:
        if search.choices:
            raise _refused(
                "near",
                _("This may be several places. Give one of them: %(places)s.")
                % {"places": "; ".join(search.choices)},
            )
        raise _refused(
            "near",
            _(
                "We do not know this place. Type a postcode, for example 2800, "
                "or the name of a municipality."
            ),
        )
    distances = distances_from(search.place.point, hubs)
    size = max(1, min(cursor.limit, MAX_PAGE_SIZE))
    nearest = nearest_first(distances, size)
    if not nearest:
        return KeysetPage(items=[], size=size)
    by_distance = hubs.filter(pk__in=nearest).annotate(
        distance_km=Case(
            *(When(pk=pk, then=Value(distances[pk])) for pk in nearest),
            output_field=FloatField(),
        )
    )
    return KeysetPage(items=list(by_distance.order_by("distance_km", "pk")), size=size)


@router.get(
    "hubs",
    response=with_errors({200: PublicHubPage}, 422),
    auth=None,
    url_name="public_hub_list",
    summary="Public hubs, newest first or nearest first (`near`); no token needed",
)
def list_public_hubs(
    request: HttpRequest,
    response: HttpResponse,
    filters: Query[PublicHubFilters],
    cursor: Query[Cursor],
) -> KeysetPage:
    _public(response)
    hubs = _filtered(filters)
    if filters.near is not None:
        return _nearest(filters.near, hubs, cursor)
    return cursor.page(hubs)


@router.get(
    "hubs/{hub_id}",
    response=with_errors({200: PublicHubDetailOut}, 404, 422),
    auth=None,
    url_name="public_hub_detail",
    summary="One public hub with its opening hours; no token needed",
)
def get_public_hub(request: HttpRequest, response: HttpResponse, hub_id: int) -> Hub:
    _public(response)
    return get_object_or_404(with_schedule(queries.public_hubs(), timezone.localdate()), pk=hub_id)
