"""The list of residents: search, filters, pages, and a query count that does not grow with the
list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digibank.people import services
from digibank.people.models import TargetGroup
from digibank.people.tests.helpers import register

pytestmark = pytest.mark.django_db

BANK = "mechelen"


def url(name, **kwargs):
    return reverse(f"people:{name}", kwargs={"digibank": BANK, **kwargs})


@pytest.fixture
def volunteer(client, world):
    client.force_login(world.users["hub_volunteer"])
    return client


def test_the_list_shows_the_digibanks_residents_only(volunteer, world):
    body = volunteer.get(url("list")).content.decode()
    assert "Peeters, Marie" in body
    assert "El Amrani, Youssef" in body
    assert body.count("Peeters, Marie") == 1  # the same names in the other digibank stay out
    assert f"/people/{world.b.person.pk}/" not in body


def test_it_finds_a_name_however_it_is_typed(volunteer, world):
    register(world.a, first_name="Élise", last_name="Van den Broeck")
    body = volunteer.get(url("list"), {"q": "broeck ELISE"}).content.decode()
    assert "Van den Broeck, Élise" in body
    assert "Peeters" not in body


def test_it_finds_people_by_postcode(volunteer, world):
    register(world.a, postcode="9900")
    body = volunteer.get(url("list"), {"q": "99"}).content.decode()
    assert "Janssens, Anna" in body
    assert "Peeters" not in body


def test_it_filters_by_target_group_and_age_group(volunteer, world):
    services.ensure_default_target_groups(world.a.digibank)
    pupils = TargetGroup.objects.get(digibank=world.a.digibank, code="pupil")
    register(world.a, first_name="Lotte", birth_year=2012, target_groups=[pupils])
    body = volunteer.get(url("list"), {"target_group": pupils.pk}).content.decode()
    assert "Janssens, Lotte" in body
    assert "Peeters" not in body
    body = volunteer.get(url("list"), {"age_band": "65-79"}).content.decode()
    assert "Peeters, Marie" not in body or "Janssens, Lotte" not in body
    assert "Janssens, Lotte" not in body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"target_group": "abc"}, "Select a valid choice"),
        ({"q": "x" * 10_000}, "100"),
        ({"age_band": "<script>"}, "Select a valid choice"),
        ({"q": "85.07.30-033.28"}, "national register number"),
        ({"target_group": "9" * 30}, "Select a valid choice"),
        ({"q": "bad\x00byte"}, "Null"),
    ],
)
def test_bad_filters_get_a_message_and_the_list_still_shows(volunteer, params, message):
    response = volunteer.get(url("list"), params)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'class="error-message"' in body


def test_the_list_is_paginated(volunteer, world):
    for number in range(51):
        register(
            world.a,
            first_name="Anna",
            last_name=f"Lijst{chr(97 + number % 26)}",
            birth_year=1950 + number,
        )
    page_one = volunteer.get(url("list")).content.decode()
    assert 'rel="next"' in page_one
    page_two = volunteer.get(url("list"), {"page": 2}).content.decode()
    assert 'rel="prev"' in page_two


def test_the_list_needs_the_same_queries_for_3_or_33_people(
    volunteer, world, django_assert_max_num_queries
):
    services.ensure_default_target_groups(world.a.digibank)
    for number in range(3):
        register(
            world.a,
            last_name=f"Eerst{chr(97 + number)}",
            target_groups=["pupil", "65plus"],
            referrer_partner=world.a.partner,
            postcode="2800",
        )
    with CaptureQueriesContext(connection) as few:
        assert volunteer.get(url("list")).status_code == 200
    for number in range(30):
        register(
            world.a,
            last_name=f"Later{chr(97 + number % 26)}",
            birth_year=1940 + number,
            target_groups=["newcomer"],
            referrer_partner=world.a.partner,
            postcode="2800",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = volunteer.get(url("list"))
    assert "Laterz" in response.content.decode()
