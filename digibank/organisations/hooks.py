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

`register_region_headlines(figures)` (a registry of one)
    The region's overview shows headline figures that apps above this layer compute (insights:
    people reached, devices handed over, ...). `figures(region)` returns the list of headlines
    (each with `.label` and `.shown`, a text: small counts are already hidden) and the address of
    the page with every figure. Without a registered function the overview shows none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.dispatch import Signal

digibank_created = Signal()

DigibankRows = Callable[[], QuerySet]

_digibank_counts: dict[str, DigibankRows] = {}


def register_digibank_count(name: str, rows: DigibankRows) -> None:
    _digibank_counts[name] = rows


def digibank_counts() -> dict[str, DigibankRows]:
    """The registered counts by name, in the order the apps registered them."""
    return dict(_digibank_counts)


RegionHeadlines = Callable[[Any], tuple[list[Any], str]]
_region_headlines: list[RegionHeadlines] = []


def register_region_headlines(figures: RegionHeadlines) -> None:
    _region_headlines[:] = [figures]


def region_headlines(region: Any) -> tuple[list[Any], str]:
    """The registered headline figures of `region` and the address of its figures page."""
    if not _region_headlines:
        return [], ""
    return _region_headlines[0](region)
