"""What the tenancy layer lets the apps above it react to, without knowing them.

organisations sits below people, devices, lending and messaging, so it may not import them. Where
one of those apps must act when something happens here, it connects to a hook of this module in
its `AppConfig.ready`, and writes only its own tables, through its own services.

`digibank_created` (a Django signal)
    Sent by `services.create_digibank` once the new digibank is saved and its municipalities are
    set, inside the same transaction: a receiver's rows roll back with the digibank, and an error in
    a receiver undoes the creation. Keyword arguments:

    - `sender`: the `Digibank` class;
    - `digibank`: the new `Digibank`;
    - `by`: the `User` who created it, or `None` for a system action (demo data, commands).

    Connected by people (the usual target groups) and lending (the standard eligibility rules and
    regulation).

`register_digibank_count(name, rows)` (a registry)
    The region pages show, per digibank, counts of rows that belong to apps above this one (the
    residents of people). Such an app registers `rows`, a function returning the queryset to count
    (a model with a `digibank` foreign key), under `name`; `queries.region_digibanks` then
    annotates each digibank with `<name>` (0 when none). Registering the same name again replaces
    the function (`ready()` may run twice).

`register_booking_pages(name, urls)` (a registry)
    The public hub pages and the hub finder say how to book an appointment at a hub: by phone or
    email, and on a booking page where an app above this one offers one (the help app's
    appointments). Such an app registers `urls(hubs)`, which returns `{hub id: address of the
    hub's booking page}` for the hubs that take bookings online, reading all of them in a fixed
    number of queries; the pages show the link next to the phone number. Without a registered
    app, the pages say to call or email, and link to nothing that does not exist.

`register_region_headlines(figures)` (a registry of one)
    The region's overview shows headline figures that apps above this layer compute (insights:
    people reached, devices handed over, ...). `figures(region)` returns the list of headlines
    (each with `.label` and `.shown`, a text: small counts are already hidden) and the address of
    the page with every figure. Without a registered function the overview shows none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.dispatch import Signal

if TYPE_CHECKING:
    from digibank.organisations.models import Hub

digibank_created = Signal()

DigibankRows = Callable[[], QuerySet]

_digibank_counts: dict[str, DigibankRows] = {}


def register_digibank_count(name: str, rows: DigibankRows) -> None:
    _digibank_counts[name] = rows


def digibank_counts() -> dict[str, DigibankRows]:
    """The registered counts by name, in the order the apps registered them."""
    return dict(_digibank_counts)


BookingPages = Callable[[Sequence["Hub"]], dict[int, str]]

_booking_pages: dict[str, BookingPages] = {}


def register_booking_pages(name: str, urls: BookingPages) -> None:
    _booking_pages[name] = urls


def unregister_booking_pages(name: str) -> None:
    _booking_pages.pop(name, None)


def booking_urls(hubs: Sequence[Hub]) -> dict[int, str]:
    """The booking page of each hub that has one, from every registered app."""
    found: dict[int, str] = {}
    if not hubs:
        return found
    for urls in _booking_pages.values():
        for hub_id, url in urls(hubs).items():
            found.setdefault(hub_id, url)
    return found


RegionHeadlines = Callable[[Any], tuple[list[Any], str]]
_region_headlines: list[RegionHeadlines] = []


def register_region_headlines(figures: RegionHeadlines) -> None:
    _region_headlines[:] = [figures]


def region_headlines(region: Any) -> tuple[list[Any], str]:
    """The registered headline figures of `region` and the address of its figures page."""
    if not _region_headlines:
        return [], ""
    return _region_headlines[0](region)
