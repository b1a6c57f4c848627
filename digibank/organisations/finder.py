"""Find help near you: a resident's postcode or municipality, read as a point, and the public
hubs nearest to it, with today's hours and whether they are open now.

Distance ordering costs a fixed number of queries whatever the number of hubs: one query reads
the ids and coordinates of the hubs inside a box around the place (`places.bounding_box`), the
exact distances of those few are computed here, and the nearest are then read with their hours
(a hub without coordinates of its own stands at its municipality's point).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from digibank.organisations import hooks, places
from digibank.organisations.models import Hub, Municipality, OpeningException
from digibank.organisations.opening_status import HubStatus, status_at
from digibank.organisations.queries import place_words, public_hubs, split_place
from digibank.organisations.schedule import EXCEPTIONS_BEFORE, STATUS_DAYS, DayOpening, days_from

# Hubs farther than this are not offered: nobody crosses the country for help with itsme.
SEARCH_RADIUS_KM = 50
MAX_CHOICES = 12


@dataclass(frozen=True)
class Place:
    label: str  # "2800 Mechelen"
    point: places.Point


@dataclass(frozen=True)
class PlaceSearch:
    """What the resident's words point to: one place, a few to choose from, or nothing."""

    place: Place | None = None
    choices: list[str] = field(default_factory=list)  # labels to search again with


@dataclass(frozen=True)
class FoundHub:
    hub: Hub
    distance_km: float | None
    today: DayOpening
    status: HubStatus
    booking_url: str | None


def _municipalities() -> list[tuple[str, str, str, list[str]]]:
    return list(Municipality.objects.values_list("nis_code", "name_nl", "name_fr", "postcodes"))


def find_place(text: str) -> PlaceSearch:
    """Read "2800", "2800 Mechelen", "mechelen", "Malines", "Liège" or "Heffen" as a place.

    A postcode that exists wins (it is the most precise); else the words are compared, without
    accents, hyphens or case, first whole with municipality and locality names, then as the
    start of a name, then anywhere in it. Several matches are offered as choices.
    """
    postcode, words = split_place(text)
    municipalities = _municipalities()
    if postcode:
        for nis_code, name_nl, _name_fr, postcodes in municipalities:
            if postcode in postcodes:
                point = places.postcode_point(postcode, nis_code)
                if point is not None:
                    name = places.postcode_name(postcode) or name_nl
                    return PlaceSearch(place=Place(f"{postcode} {name}", point))
    if not words:
        return PlaceSearch()
    # (folded name, label, point); municipalities first, so they come first among choices
    candidates: list[tuple[str, str, places.Point | None]] = []
    for nis_code, name_nl, name_fr, postcodes in municipalities:
        point = places.municipality_point(nis_code) or _first_point(postcodes, nis_code)
        for name in (name_nl, name_fr):
            candidates.append((place_words(name), name, point))
    for code, name in sorted(places.postcode_names().items(), key=lambda item: item[1]):
        candidates.append((place_words(name), f"{code} {name}", places.postcode_point(code)))
    for matches in (
        lambda name: name == words,
        lambda name: name.startswith(words),
        lambda name: words in name,
    ):
        # One point is one place: a municipality and its main postcode, named alike, are one.
        found: dict[places.Point, str] = {}
        for name, label, point in candidates:
            if point is not None and matches(name):
                found.setdefault(point, label)
        if len(found) == 1:
            point, label = next(iter(found.items()))
            return PlaceSearch(place=Place(label, point))
        if found:
            return PlaceSearch(choices=list(dict.fromkeys(found.values()))[:MAX_CHOICES])
    return PlaceSearch()


def _first_point(postcodes: list[str], nis_code: str) -> places.Point | None:
    for postcode in postcodes:
        if point := places.postcode_point(postcode, nis_code):
            return point
    return None


def with_schedule(hubs: QuerySet[Hub], today: datetime.date) -> QuerySet[Hub]:
    """Hubs with what `status_at` and `days_from` read, so a list costs no query per hub."""
    first = today - datetime.timedelta(days=EXCEPTIONS_BEFORE)
    last = today + datetime.timedelta(days=STATUS_DAYS)
    return hubs.prefetch_related(
        "opening_hours",
        Prefetch(
            "opening_exceptions",
            queryset=OpeningException.objects.filter(date__range=(first, last)),
        ),
    )


def describe(hubs: list[Hub], distances: dict[int, float] | None = None) -> list[FoundHub]:
    """Today's hours, the status now and the booking page (when one exists) of each hub."""
    now = timezone.localtime().replace(tzinfo=None)
    bookings = hooks.booking_urls(hubs)
    return [
        FoundHub(
            hub=hub,
            distance_km=(distances or {}).get(hub.pk),
            today=days_from(hub, now.date(), 1)[0],
            status=status_at(hub, now),
            booking_url=bookings.get(hub.pk),
        )
        for hub in hubs
    ]


def distances_from(point: places.Point, hubs: QuerySet[Hub]) -> dict[int, float]:
    """The distance in km from `point` of each of `hubs` within `SEARCH_RADIUS_KM`, in one query
    whatever the number of hubs (those inside a box around the point are read; a hub without
    coordinates of its own stands at its municipality's point)."""
    south, north, west, east = places.bounding_box(point, SEARCH_RADIUS_KM)
    # Hubs without coordinates stand at their municipality's point: those inside the box.
    inside = [
        nis_code
        for nis_code, at in (
            (nis, places.municipality_point(nis)) for nis in places.municipality_codes()
        )
        if at is not None and south <= at.latitude <= north and west <= at.longitude <= east
    ]
    rows = hubs.filter(
        Q(latitude__range=(south, north), longitude__range=(west, east))
        | Q(latitude__isnull=True, municipality__nis_code__in=inside)
    ).values_list("pk", "latitude", "longitude", "municipality__nis_code")
    distances: dict[int, float] = {}
    for pk, latitude, longitude, nis_code in rows:
        at = (
            places.Point(float(latitude), float(longitude))
            if latitude is not None and longitude is not None
            else places.municipality_point(nis_code)
        )
        if at is not None and (km := places.distance_km(point, at)) <= SEARCH_RADIUS_KM:
            distances[pk] = km
    return distances


def nearest_first(distances: dict[int, float], limit: int) -> list[int]:
    """The ids of the `limit` nearest, nearest first (the older hub first at equal distance)."""
    return sorted(distances, key=lambda pk: (distances[pk], pk))[:limit]


def nearest_hubs(
    point: places.Point, *, service: str = "", step_free: bool = False, limit: int = 10
) -> list[FoundHub]:
    """The `limit` public hubs nearest to `point` within `SEARCH_RADIUS_KM`, nearest first, in
    four queries whatever the number of hubs."""
    hubs = public_hubs()
    if service:
        hubs = hubs.filter(services__icontains=f'"{service}"')
    if step_free:
        hubs = hubs.filter(step_free=True)
    distances = distances_from(point, hubs)
    nearest = nearest_first(distances, limit)
    today = timezone.localdate()
    loaded = {hub.pk: hub for hub in with_schedule(public_hubs().filter(pk__in=nearest), today)}
    return describe([loaded[pk] for pk in nearest if pk in loaded], distances)
