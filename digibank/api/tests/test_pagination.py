"""Every API list pages the same way: newest first, by id, with `after`/`before` cursors."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from digibank.core.services import create_api_token
from digibank.devices.models import Device, Donation
from digibank.devices.tests.helpers import make_device, make_donation
from digibank.lending.models import DeviceRequest
from digibank.lending.tests.helpers import new_request
from digibank.organisations import services as organisations
from digibank.organisations.models import Hub, Partner, PartnerKind
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.helpers import hub_fields
from digibank.people.models import Person
from digibank.people.tests.helpers import register
from digibank.testing import World

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def add_hub(world: World) -> None:
    fields = hub_fields(world.a, name=f"Hub {next(_numbers)}")
    organisations.create_hub(by=SYSTEM, digibank=world.a.digibank, **fields)


def add_partner(world: World) -> None:
    organisations.create_partner(
        by=SYSTEM,
        digibank=world.a.digibank,
        name=f"Partner {next(_numbers)}",
        kind=PartnerKind.SCHOOL,
    )


def add_person(world: World) -> None:
    register(world.a, birth_year=1930 + next(_numbers) % 80, allow_duplicate=True)


def add_device(world: World) -> None:
    make_device(world.a.digibank, serial=f"PAGE{next(_numbers):05d}")


def add_donation(world: World) -> None:
    make_donation(world.a.digibank)


def add_request(world: World) -> None:
    new_request(world.a, person=world.a.person)


# (list, what adds one item, the digibank's items in the database)
LISTS: dict[str, tuple[Callable[[World], None], Callable[[World], Any]]] = {
    "hubs": (add_hub, lambda world: Hub.objects.filter(digibank=world.a.digibank)),
    "partners": (add_partner, lambda world: Partner.objects.filter(digibank=world.a.digibank)),
    "people": (add_person, lambda world: Person.objects.filter(digibank=world.a.digibank)),
    "devices": (add_device, lambda world: Device.objects.filter(digibank=world.a.digibank)),
    "donations": (add_donation, lambda world: Donation.objects.filter(digibank=world.a.digibank)),
    "requests": (
        add_request,
        lambda world: DeviceRequest.objects.filter(digibank=world.a.digibank),
    ),
}


@pytest.fixture
def coordinator(world: World) -> Client:
    token = create_api_token(user=world.users["coordinator"], name="test")
    return Client(headers={"authorization": f"Bearer {token}"})


def fetch(client: Client, name: str, **params: Any) -> dict[str, Any]:
    response = client.get(f"/api/digibanks/mechelen/{name}", params)
    assert response.status_code == 200, response.content
    return response.json()


def walk_forward(client: Client, name: str, limit: int) -> list[list[int]]:
    pages, after = [], None
    while True:
        params = {"limit": limit} if after is None else {"limit": limit, "after": after}
        page = fetch(client, name, **params)
        pages.append([item["id"] for item in page["items"]])
        after = page["next_after"]
        if after is None:
            return pages


@pytest.mark.parametrize("name", sorted(LISTS))
def test_the_pages_give_every_item_once_newest_first_and_lead_back(name, world, coordinator):
    add, stored = LISTS[name]
    for _ in range(7):
        add(world)
    expected = sorted(stored(world).values_list("pk", flat=True), reverse=True)

    pages = walk_forward(coordinator, name, limit=3)

    assert [len(page) for page in pages[:-1]] == [3] * (len(pages) - 1)
    assert [item for page in pages for item in page] == expected
    second = fetch(coordinator, name, limit=3, after=pages[0][-1])
    back = fetch(coordinator, name, limit=3, before=second["previous_before"])
    assert [item["id"] for item in back["items"]] == pages[0]
    assert back["previous_before"] is None


@pytest.mark.parametrize("name", sorted(LISTS))
def test_items_added_while_paging_cause_no_duplicates_or_gaps(name, world, coordinator):
    add, stored = LISTS[name]
    for _ in range(6):
        add(world)
    before_walk = set(stored(world).values_list("pk", flat=True))
    first = fetch(coordinator, name, limit=3)

    add(world)
    rest = walk_forward_from(coordinator, name, first["next_after"], limit=3)

    seen = [item["id"] for item in first["items"]] + rest
    assert len(seen) == len(set(seen))
    assert set(seen) == before_walk


def walk_forward_from(client: Client, name: str, after: int | None, limit: int) -> list[int]:
    seen: list[int] = []
    while after is not None:
        page = fetch(client, name, limit=limit, after=after)
        seen += [item["id"] for item in page["items"]]
        after = page["next_after"]
    return seen


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_page_needs_the_same_queries_for_more_data(
    name, world, coordinator, django_assert_max_num_queries
):
    add = LISTS[name][0]
    add(world)
    fetch(coordinator, name)  # the token's first use is noted: one write more
    with CaptureQueriesContext(connection) as few:
        fetch(coordinator, name, limit=200)
    for _ in range(25):
        add(world)

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = fetch(coordinator, name, limit=200)

    assert len(page["items"]) > 25


@pytest.mark.parametrize(("limit", "size"), [(0, 1), (-4, 1), (500, 200)])
def test_the_page_size_is_kept_between_1_and_200(limit, size, world, coordinator):
    for _ in range(2):
        add_device(world)

    page = fetch(coordinator, "devices", limit=limit)

    assert len(page["items"]) == min(size, 2)
