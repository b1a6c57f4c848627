"""The public hub API: municipal websites read the hubs a resident may visit, without a token."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from digibank.organisations import services
from digibank.organisations.models import Municipality
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.helpers import hub_fields

LIST = reverse("api:public_hub_list")


def detail(hub) -> str:
    return reverse("api:public_hub_detail", kwargs={"hub_id": hub.pk})


def names(response) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


def test_anyone_reads_the_public_hubs_without_a_token_and_may_cache_them(world):
    response = Client().get(LIST)
    assert response.status_code == 200
    assert set(names(response)) == {world.a.hub.name, world.b.hub.name}
    assert response["Cache-Control"] == "public, max-age=300"
    item = next(i for i in response.json()["items"] if i["id"] == world.a.hub.pk)
    assert item["municipality_nis_code"] == "12025"
    assert item["page"] == reverse("organisations:public_hub_detail", args=[world.a.hub.pk])


def test_a_logged_in_browser_gets_an_answer_that_is_not_stored(world):
    client = Client()
    client.force_login(world.users["coordinator"])
    assert client.get(LIST)["Cache-Control"] == "no-store, private"


def test_it_filters_by_municipality_or_by_a_postcode_of_it(world):
    assert names(Client().get(LIST, {"municipality": "12025"})) == [world.a.hub.name]
    assert names(Client().get(LIST, {"postcode": "2811"})) == [world.a.hub.name]  # Hombeek
    assert names(Client().get(LIST, {"postcode": "9900"})) == [world.b.hub.name]
    assert names(Client().get(LIST, {"postcode": "1000"})) == []


@pytest.mark.parametrize("filters", [{"municipality": "mechelen"}, {"postcode": "28000"}])
def test_it_refuses_a_filter_that_is_not_a_code(world, filters):
    response = Client().get(LIST, filters)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


def test_it_shows_nothing_a_resident_may_not_find(world):
    services.update_hub(hub=world.a.hub, by=SYSTEM, is_public=False)
    services.deactivate_hub(hub=world.b.hub, by=SYSTEM)
    assert names(Client().get(LIST)) == []
    for hub in (world.a.hub, world.b.hub):
        response = Client().get(detail(hub))
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_one_hub_has_its_weekly_hours_and_coming_exceptions(world):
    today = timezone.localdate()
    services.set_weekly_hours(
        by=SYSTEM,
        hub=world.a.hub,
        hours=[
            (0, datetime.time(13), datetime.time(16), "walk_in"),
            (4, datetime.time(20), datetime.time(1), "open"),
        ],
    )
    services.add_opening_exception(
        by=SYSTEM, hub=world.a.hub, date=today + datetime.timedelta(days=3), reason="Team day"
    )
    response = Client().get(detail(world.a.hub))
    body = response.json()
    assert response["Cache-Control"] == "public, max-age=300"
    assert body["weekly_hours"] == [
        {"weekday": 0, "opens": "13:00:00", "closes": "16:00:00", "kind": "walk_in"},
        {"weekday": 4, "opens": "20:00:00", "closes": "01:00:00", "kind": "open"},
    ]
    assert [e["reason"] for e in body["upcoming_exceptions"]] == ["Team day"]


def test_the_list_costs_the_same_queries_for_2_or_32_hubs(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(4) as few:
        Client().get(LIST)
    mechelen = Municipality.objects.get(nis_code="12025")
    for n in range(30):
        services.create_hub(
            by=SYSTEM,
            digibank=world.a.digibank,
            **hub_fields(world.a, name=f"Hub {n}", municipality=mechelen),
        )
    with django_assert_max_num_queries(4) as many:
        Client().get(LIST)
    assert len(few.captured_queries) == len(many.captured_queries)


def test_the_document_lists_them_without_a_token(client):
    paths = client.get(reverse("api:openapi-json")).json()["paths"]
    for path in ("/api/hubs", "/api/hubs/{hub_id}"):
        assert "security" not in paths[path]["get"]
        assert "401" not in paths[path]["get"]["responses"]
