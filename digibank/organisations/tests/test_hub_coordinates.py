"""The coordinator places a hub on the map: the finder orders hubs by these coordinates, so the
hub form refuses a point outside Belgium, swapped numbers or a point far from the municipality,
and reads a decimal comma."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from digibank.organisations.models import Hub
from digibank.organisations.tests.helpers import assert_error_next_to, hub_form_data, logged_in


def url(bank) -> str:
    return reverse("organisations:hub_create", kwargs={"digibank": bank.digibank.slug})


@pytest.fixture
def coordinator(world):
    return logged_in(world.users["coordinator"])


def test_it_reads_a_decimal_comma_on_the_dutch_form(world):
    client = Client(headers={"accept-language": "nl"})
    client.force_login(world.users["coordinator"])
    response = client.post(
        url(world.a), hub_form_data(world.a, latitude="51,0259", longitude="4,4776")
    )
    assert response.status_code == 302
    hub = Hub.objects.get(name="Buurthuis De Schakel")
    assert (hub.latitude, hub.longitude) == (Decimal("51.025900"), Decimal("4.477600"))


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [
        ("4.4776", "51.0259", "seem swapped"),
        ("48.85", "2.35", "not in Belgium"),  # Paris
        ("50.6326", "5.5797", "more than 25 km from Mechelen"),  # Liège
    ],
)
def test_it_refuses_a_point_that_cannot_be_the_hub(
    world, coordinator, latitude, longitude, message
):
    response = coordinator.post(
        url(world.a), hub_form_data(world.a, latitude=latitude, longitude=longitude)
    )
    assert_error_next_to(response, "latitude")
    assert message in response.content.decode()
    assert not Hub.objects.filter(name="Buurthuis De Schakel").exists()
