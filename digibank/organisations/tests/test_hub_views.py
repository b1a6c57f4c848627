"""A digibank's hubs: the list, one hub's page, adding and changing a hub, closing and reopening
it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from digibank.organisations import services
from digibank.organisations.models import Hub
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.helpers import (
    EMOJI,
    EMPTY,
    RIGHT_TO_LEFT,
    SCRIPT,
    TOO_LONG,
    assert_error_next_to,
    hub_fields,
    hub_form_data,
    logged_in,
)


def url(name, bank, **kwargs):
    return reverse(f"organisations:{name}", kwargs={"digibank": bank.digibank.slug, **kwargs})


@pytest.fixture
def coordinator(world):
    return logged_in(world.users["coordinator"])


# List ---------------------------------------------------------------------------------------------


def test_the_list_shows_the_digibanks_hubs_only(world):
    client = logged_in(world.users["hub_volunteer"])
    response = client.get(url("hub_list", world.a))
    assert world.a.hub.name in response.content.decode()
    assert world.b.hub.name not in response.content.decode()
    assert "Add a hub" not in response.content.decode()


def test_the_coordinator_gets_a_button_to_add_a_hub(world, coordinator):
    response = coordinator.get(url("hub_list", world.a))
    assert url("hub_create", world.a) in response.content.decode()


def test_the_list_needs_the_same_queries_for_3_or_33_hubs(
    world, coordinator, django_assert_max_num_queries
):
    for n in range(3):
        services.create_hub(
            by=SYSTEM, digibank=world.a.digibank, **hub_fields(world.a, name=f"Hub {n}")
        )
    with django_assert_max_num_queries(12) as few:
        coordinator.get(url("hub_list", world.a))
    for n in range(30):
        services.create_hub(
            by=SYSTEM, digibank=world.a.digibank, **hub_fields(world.a, name=f"More {n}")
        )
    with django_assert_max_num_queries(12) as many:
        response = coordinator.get(url("hub_list", world.a))
    assert len(many.captured_queries) == len(few.captured_queries)
    assert "Next page" in response.content.decode()


# Detail -------------------------------------------------------------------------------------------


def test_the_detail_page_shows_address_map_hours_and_accessibility(world, coordinator):
    hub = services.update_hub(
        hub=world.a.hub,
        by=SYSTEM,
        latitude="51.028",
        longitude="4.4777",
        hearing_loop=True,
        phone="015 20 30 40",
    )
    services.set_weekly_hours(
        by=SYSTEM,
        hub=hub,
        hours=[
            (0, datetime.time(9), datetime.time(12), "open"),
            (0, datetime.time(13), datetime.time(15), "walk_in"),
        ],
    )
    response = coordinator.get(url("hub_detail", world.a, hub_id=hub.pk))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Stationsstraat 1" in content
    assert "openstreetmap.org/?mlat=51.028000&amp;mlon=4.477700" in content
    assert "09:00–<wbr>12:00" in content and "13:00–<wbr>15:00" in content
    assert "Hearing loop" in content
    assert "tel:+3215203040" in content
    assert url("hub_edit", world.a, hub_id=hub.pk) in content


def test_the_detail_page_shows_a_coming_closed_day_in_the_next_seven_days(world, coordinator):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    services.add_opening_exception(
        by=SYSTEM, hub=world.a.hub, date=tomorrow, reason="Staff training"
    )
    response = coordinator.get(url("hub_detail", world.a, hub_id=world.a.hub.pk))
    assert "Staff training" in response.content.decode()


def test_other_roles_see_the_hub_without_buttons_to_change_it(world):
    client = logged_in(world.users["technician"])
    response = client.get(url("hub_detail", world.a, hub_id=world.a.hub.pk))
    assert response.status_code == 200
    assert url("hub_edit", world.a, hub_id=world.a.hub.pk) not in response.content.decode()


def test_a_hub_of_another_digibank_is_not_found(world, coordinator):
    for name in ("hub_detail", "hub_edit", "hub_hours", "hub_exceptions", "hub_deactivate"):
        response = coordinator.get(url(name, world.a, hub_id=world.b.hub.pk))
        assert response.status_code == 404, name


# Create and edit ----------------------------------------------------------------------------------


def test_it_adds_a_hub_and_asks_for_its_hours(world, coordinator):
    response = coordinator.post(url("hub_create", world.a), hub_form_data(world.a))
    hub = Hub.objects.get(name="Buurthuis De Schakel")
    assert response.status_code == 302
    assert response.url == url("hub_hours", world.a, hub_id=hub.pk)
    assert hub.digibank == world.a.digibank
    assert hub.languages == ["nl", "ar"] and hub.services == ["help"]
    assert hub.step_free and not hub.quiet_room


def test_the_form_offers_only_the_municipalities_served(world, coordinator):
    response = coordinator.get(url("hub_create", world.a))
    content = response.content.decode()
    assert "Mechelen (2800, 2801, 2811, 2812)" in content
    assert "Eeklo" not in content


def test_it_refuses_a_municipality_of_another_digibank(world, coordinator):
    eeklo = world.b.digibank.municipalities.get()
    response = coordinator.post(
        url("hub_create", world.a),
        hub_form_data(world.a, municipality=str(eeklo.pk), postcode="9900"),
    )
    assert_error_next_to(response, "municipality")
    assert not Hub.objects.filter(name="Buurthuis De Schakel").exists()


def test_it_refuses_a_postcode_of_another_municipality_next_to_the_field(world, coordinator):
    response = coordinator.post(url("hub_create", world.a), hub_form_data(world.a, postcode="9900"))
    assert_error_next_to(response, "postcode", "9900")
    assert "2800, 2801, 2811, 2812" in response.content.decode()


@pytest.mark.parametrize("name", [EMPTY, TOO_LONG])
def test_it_refuses_an_empty_or_too_long_name_and_keeps_the_other_input(world, coordinator, name):
    response = coordinator.post(
        url("hub_create", world.a), hub_form_data(world.a, name=name, street="Kerkstraat 99")
    )
    assert_error_next_to(response, "name", name)
    assert "Kerkstraat 99" in response.content.decode()
    assert response.content.decode().count("<h1>") == 1
    assert "<title>Error: " in response.content.decode()


@pytest.mark.parametrize("name", [SCRIPT, EMOJI, RIGHT_TO_LEFT])
def test_it_keeps_any_script_in_a_name_and_shows_it_as_text(world, coordinator, name):
    response = coordinator.post(url("hub_create", world.a), hub_form_data(world.a, name=name))
    hub = Hub.objects.get(name=name)
    page = coordinator.get(url("hub_detail", world.a, hub_id=hub.pk)).content.decode()
    assert response.status_code == 302
    assert escape(name) in page
    assert "<script>alert" not in page


@pytest.mark.parametrize("value", [EMPTY, TOO_LONG, SCRIPT, EMOJI, RIGHT_TO_LEFT])
def test_it_refuses_a_bad_postcode_with_a_message_next_to_it(world, coordinator, value):
    response = coordinator.post(url("hub_create", world.a), hub_form_data(world.a, postcode=value))
    assert_error_next_to(response, "postcode", value[:4] if value == TOO_LONG else value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", SCRIPT),
        ("phone", EMOJI),
        ("email", RIGHT_TO_LEFT),
        ("website", SCRIPT),
        ("latitude", "north"),
        ("latitude", "4.47"),
        ("accessibility_notes", TOO_LONG),
        ("directions", TOO_LONG),
        ("languages", "xx"),
        ("services", SCRIPT),
    ],
)
def test_it_refuses_bad_details_next_to_the_field(world, coordinator, field, value):
    data = hub_form_data(world.a, **{field: value})
    if field == "latitude":
        data["longitude"] = "4.47"
    response = coordinator.post(url("hub_create", world.a), data)
    assert_error_next_to(response, field)
    assert not Hub.objects.filter(name="Buurthuis De Schakel").exists()


def test_it_changes_a_hub(world, coordinator):
    hub = world.a.hub
    form = coordinator.get(url("hub_edit", world.a, hub_id=hub.pk)).content.decode()
    assert 'value="Stationsstraat 1"' in form
    response = coordinator.post(
        url("hub_edit", world.a, hub_id=hub.pk),
        hub_form_data(world.a, name="Bib Mechelen", street="Stationsstraat 1"),
    )
    hub.refresh_from_db()
    assert response.status_code == 302
    assert hub.name == "Bib Mechelen"
    assert hub.languages == ["nl", "ar"]


def test_a_refused_change_shows_the_old_name_in_the_heading(world, coordinator):
    response = coordinator.post(
        url("hub_edit", world.a, hub_id=world.a.hub.pk), hub_form_data(world.a, name=TOO_LONG)
    )
    assert_error_next_to(response, "name")
    assert f"<h1>Change {world.a.hub.name}</h1>" in response.content.decode()


def test_another_role_cannot_add_a_hub(world):
    client = logged_in(world.users["hub_volunteer"])
    response = client.post(url("hub_create", world.a), hub_form_data(world.a))
    assert response.status_code == 403
    assert not Hub.objects.filter(name="Buurthuis De Schakel").exists()


# Closing and reopening ----------------------------------------------------------------------------


def test_it_asks_before_closing_a_hub_and_then_closes_it(world, coordinator):
    page = coordinator.get(url("hub_deactivate", world.a, hub_id=world.a.hub.pk))
    assert "Yes, close this hub" in page.content.decode()
    world.a.hub.refresh_from_db()
    assert world.a.hub.active

    response = coordinator.post(url("hub_deactivate", world.a, hub_id=world.a.hub.pk))
    world.a.hub.refresh_from_db()
    assert response.status_code == 302
    assert not world.a.hub.active


def test_closing_a_closed_hub_says_so(world, coordinator):
    services.deactivate_hub(hub=world.a.hub, by=SYSTEM)
    response = coordinator.post(url("hub_deactivate", world.a, hub_id=world.a.hub.pk))
    assert response.status_code == 200
    assert "already closed" in response.content.decode()


def test_it_reopens_a_hub(world, coordinator):
    services.deactivate_hub(hub=world.a.hub, by=SYSTEM)
    response = coordinator.post(url("hub_reactivate", world.a, hub_id=world.a.hub.pk))
    world.a.hub.refresh_from_db()
    assert response.status_code == 302
    assert world.a.hub.active
