import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from digibank.organisations import services
from digibank.organisations.models import Municipality
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.helpers import (
    EMOJI,
    RIGHT_TO_LEFT,
    SCRIPT,
    TOO_LONG,
    english,
    hub_fields,
)

LIST = reverse("organisations:public_hub_list")


def detail(hub):
    return reverse("organisations:public_hub_detail", kwargs={"hub_id": hub.pk})


@pytest.fixture
def gent_hub(world):
    gent = Municipality.objects.get(nis_code="44021")
    world.b.digibank.municipalities.add(gent)
    return services.create_hub(
        by=SYSTEM,
        digibank=world.b.digibank,
        name="Wijkcentrum Gent",
        street="Sint-Pietersplein 1",
        postcode="9000",
        municipality=gent,
        services=["devices"],
    )


def names(response) -> list[str]:
    return [result.hub.name for result in response.context.get("found", [])]


def test_it_lists_public_hubs_of_every_digibank_sorted_by_municipality(world, gent_hub):
    response = english().get(LIST)
    assert names(response) == [world.b.hub.name, gent_hub.name, world.a.hub.name]


def test_it_lists_the_nearest_hubs_first_from_any_postcode(world, gent_hub):
    # Hombeek (2811) is part of Mechelen; Eeklo is 20 km from Gent, Mechelen 50 km away.
    assert names(english().get(LIST, {"place": "2811"}))[:1] == [world.a.hub.name]
    assert names(english().get(LIST, {"place": "9000"})) == [gent_hub.name, world.b.hub.name]
    assert names(english().get(LIST, {"place": "9900"})) == [world.b.hub.name, gent_hub.name]


def test_it_finds_hubs_by_municipality_name_in_dutch_or_french(world, gent_hub):
    assert names(english().get(LIST, {"place": "mechel"}))[:1] == [world.a.hub.name]
    assert names(english().get(LIST, {"place": "Gand"}))[:1] == [gent_hub.name]


def test_it_filters_by_service_and_step_free_access(world, gent_hub):
    assert names(english().get(LIST, {"service": "devices"})) == [gent_hub.name]
    step_free = names(english().get(LIST, {"step_free": "on"}))
    assert gent_hub.name not in step_free and world.a.hub.name in step_free


def test_it_says_which_place_it_searched_from(world):
    content = english().get(LIST, {"place": "2800"}).content.decode()
    assert "Nearest to 2800 Mechelen" in content


def test_it_says_how_many_places_a_filter_found(world, gent_hub):
    content = english().get(LIST, {"service": "devices"}).content.decode()
    assert "1 place found" in content


def test_it_says_so_when_nothing_is_near(world):
    content = english().get(LIST, {"place": "Bastogne"}).content.decode()
    assert "We found no place within 50 km" in content


def test_it_offers_a_choice_when_the_name_fits_several_places(world):
    response = english().get(LIST, {"place": "sint k", "service": "help"})
    content = response.content.decode()
    assert "Which place do you mean?" in content
    assert "Sint-Katelijne-Waver" in response.context["choices"]
    assert "?place=Sint-Katelijne-Waver&amp;service=help" in content or (
        "service=help&amp;place=Sint-Katelijne-Waver" in content
    )


def test_it_says_so_when_it_does_not_know_the_place(world):
    response = english().get(LIST, {"place": "Xyzzyville"})
    content = response.content.decode()
    assert 'id="id_place_error"' in content and "We do not know this place" in content


def test_it_hides_hubs_that_are_not_public_closed_or_of_an_inactive_digibank(world, gent_hub):
    services.update_hub(hub=world.a.hub, by=SYSTEM, is_public=False)
    services.deactivate_hub(hub=gent_hub, by=SYSTEM)
    services.update_digibank(digibank=world.b.digibank, by=SYSTEM, active=False)
    response = english().get(LIST)
    assert names(response) == []
    for hub in (world.a.hub, gent_hub, world.b.hub):
        assert english().get(detail(hub)).status_code == 404


@pytest.mark.parametrize("value", [TOO_LONG, SCRIPT, EMOJI, RIGHT_TO_LEFT])
def test_odd_search_input_never_breaks_the_page(world, value):
    response = english().get(LIST, {"place": value, "service": value})
    assert response.status_code == 200
    assert 'id="id_service_error"' in response.content.decode()


def test_a_too_long_search_gets_a_message_next_to_the_field(world):
    response = english().get(LIST, {"place": TOO_LONG})
    assert 'id="id_place_error"' in response.content.decode()
    assert names(response) == []


def test_the_list_needs_the_same_queries_for_3_or_33_hubs(world, django_assert_max_num_queries):
    for n in range(3):
        services.create_hub(
            by=SYSTEM, digibank=world.a.digibank, **hub_fields(world.a, name=f"Hub {n}")
        )
    with django_assert_max_num_queries(6) as few:
        english().get(LIST, {"place": "2800"})
    for n in range(30):
        services.create_hub(
            by=SYSTEM, digibank=world.a.digibank, **hub_fields(world.a, name=f"More {n}")
        )
    with django_assert_max_num_queries(6) as many:
        response = english().get(LIST, {"place": "2800"})
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(names(response)) == 10  # the ten nearest


def test_the_whole_list_needs_the_same_queries_for_3_or_33_hubs(
    world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8) as few:
        english().get(LIST)
    for n in range(30):
        services.create_hub(
            by=SYSTEM, digibank=world.a.digibank, **hub_fields(world.a, name=f"More {n}")
        )
    with django_assert_max_num_queries(8) as many:
        response = english().get(LIST)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(names(response)) == 25


def test_the_hub_page_shows_hours_walk_in_holidays_and_closures(world):
    today = timezone.localdate()
    services.set_weekly_hours(
        by=SYSTEM,
        hub=world.a.hub,
        hours=[
            (today.weekday(), datetime.time(9), datetime.time(12), "open"),
            (today.weekday(), datetime.time(13), datetime.time(16), "walk_in"),
        ],
    )
    services.add_opening_exception(
        by=SYSTEM, hub=world.a.hub, date=today + datetime.timedelta(days=2), reason="Verbouwing"
    )
    content = english().get(detail(world.a.hub)).content.decode()
    assert "09:00–<wbr>12:00" in content and "13:00–<wbr>16:00" in content
    assert "Verbouwing" in content
    assert "Walk in" in content and "By appointment" in content
    assert "You can get in without steps." in content
    assert "Dutch, French" in content


def test_the_hub_page_names_a_public_holiday_in_the_coming_week(world, monkeypatch):
    easter_saturday = datetime.date(2026, 4, 4)
    monkeypatch.setattr(timezone, "localdate", lambda: easter_saturday)
    content = Client(headers={"accept-language": "nl"}).get(detail(world.a.hub)).content.decode()
    assert "Paasmaandag" in content


def test_the_hub_page_links_to_a_map_when_there_are_coordinates(world):
    services.update_hub(hub=world.a.hub, by=SYSTEM, latitude="51.0259", longitude="4.4776")
    content = english().get(detail(world.a.hub)).content.decode()
    assert "https://www.openstreetmap.org/?mlat=51.025900&amp;mlon=4.477600" in content


def test_the_hub_page_falls_back_to_the_digibanks_contact_details(world):
    services.update_digibank(digibank=world.a.digibank, by=SYSTEM, phone="015 11 22 33")
    content = english().get(detail(world.a.hub)).content.decode()
    assert "015 11 22 33" in content


def test_the_hub_page_needs_few_queries(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        english().get(detail(world.a.hub))
