"""`GET /api/hubs?near=...`: a municipal website lists the hubs nearest to a postcode or a
municipality, read as the public hub finder reads it, each with its distance."""

import pytest
from django.test import Client
from django.urls import reverse

from digibank.organisations import services
from digibank.organisations.models import Municipality
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.helpers import hub_fields

pytestmark = pytest.mark.django_db
LIST = reverse("api:public_hub_list")


def near(place: str, **more) -> list[tuple[str, float | None]]:
    response = Client().get(LIST, {"near": place, **more})
    assert response.status_code == 200, response.content
    return [(item["name"], item["distance_km"]) for item in response.json()["items"]]


@pytest.fixture
def hubs(world):
    """From 2800: Mechelen (the world's hub, at its municipality's point, 0 km),
    Sint-Katelijne-Waver (at its municipality's point, 4.7 km), Heffen (its own coordinates,
    4.9 km) and Liège (far away)."""
    mechelen = Municipality.objects.get(nis_code="12025")
    services.create_hub(
        by=SYSTEM,
        digibank=world.a.digibank,
        **hub_fields(
            world.a,
            name="Buurthuis Heffen",
            postcode="2801",
            municipality=mechelen,
            latitude="51.0519",
            longitude="4.4125",
        ),
    )
    for nis_code, postcode, name in (
        ("12035", "2860", "Bib Sint-Katelijne-Waver"),
        ("62063", "4000", "Espace public numérique Liège"),
    ):
        municipality = Municipality.objects.get(nis_code=nis_code)
        world.b.digibank.municipalities.add(municipality)
        services.create_hub(
            by=SYSTEM,
            digibank=world.b.digibank,
            name=name,
            street="Markt 1",
            postcode=postcode,
            municipality=municipality,
        )


def test_it_orders_the_hubs_nearest_first_with_their_distance(world, hubs):
    found = near("2800")
    assert [name for name, _km in found] == [
        world.a.hub.name,
        "Bib Sint-Katelijne-Waver",
        "Buurthuis Heffen",
    ]
    assert [km for _name, km in found] == [0.0, 4.7, 4.9]  # Liège is more than 50 km away


@pytest.mark.parametrize("place", ["Liège", "Luik", "liege 4000", "4020"])
def test_it_reads_the_place_as_the_hub_finder_does(world, hubs, place):
    assert near(place)[0][0] == "Espace public numérique Liège"


def test_it_keeps_the_other_filters_and_the_limit(world, hubs):
    assert [name for name, _ in near("2800", municipality="12025")] == [
        world.a.hub.name,
        "Buurthuis Heffen",
    ]
    assert [name for name, _ in near("2800", limit=1)] == [world.a.hub.name]


def test_without_near_the_distance_is_null_and_the_order_newest_first(world, hubs):
    items = Client().get(LIST).json()["items"]
    assert [item["distance_km"] for item in items] == [None] * len(items)
    ids = [item["id"] for item in items]
    assert ids == sorted(ids, reverse=True)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"near": "Atlantis"}, "near"),
        ({"near": "   "}, "near"),
        ({"near": "sint"}, "near"),  # several places: the message names them
        ({"near": ""}, "near"),
        ({"near": "x" * 101}, "near"),
        ({"near": "2800", "after": "5"}, "after"),
        ({"near": "2800", "before": "5"}, "before"),
    ],
)
def test_it_refuses_a_place_it_cannot_read_in_the_apis_error_shape(world, hubs, params, field):
    response = Client().get(LIST, params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["message"]
    assert field in str(error["fields"])


def test_several_places_are_named_in_the_refusal(world, hubs):
    error = Client().get(LIST, {"near": "sint"}).json()["error"]
    assert "Sint-Katelijne-Waver" in error["fields"]["near"][0]


def test_nearest_first_costs_the_same_queries_for_few_or_many_hubs(
    world, hubs, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5) as few:
        near("2800")
    mechelen = Municipality.objects.get(nis_code="12025")
    for n in range(20):
        services.create_hub(
            by=SYSTEM,
            digibank=world.a.digibank,
            **hub_fields(world.a, name=f"Hub {n}", municipality=mechelen),
        )
    with django_assert_max_num_queries(5) as many:
        assert len(near("2800")) == 23
    assert len(few.captured_queries) == len(many.captured_queries)


def test_the_document_describes_near_and_the_distance(client):
    document = client.get(reverse("api:openapi-json")).json()
    parameters = {p["name"]: p for p in document["paths"]["/api/hubs"]["get"]["parameters"]}
    assert "nearest first" in parameters["near"]["description"]
    item = document["components"]["schemas"]["PublicHubItemOut"]
    assert "distance_km" in item["required"]
