import pytest
from django.urls import reverse

from digibank.organisations.tests.helpers import (
    EMOJI,
    EMPTY,
    RIGHT_TO_LEFT,
    SCRIPT,
    TOO_LONG,
    assert_error_next_to,
    logged_in,
)


def url(name, bank):
    return reverse(f"organisations:{name}", kwargs={"digibank": bank.digibank.slug})


@pytest.fixture
def coordinator(world):
    return logged_in(world.users["coordinator"])


def contact_data(**overrides):
    data = {"name": "Digibank Mechelen", "email": "", "phone": "", "website": ""}
    data.update(overrides)
    return data


def test_the_settings_show_the_municipalities_served_with_nis_codes(world, coordinator):
    content = coordinator.get(url("settings", world.a)).content.decode()
    assert "Mechelen" in content and "12025" in content and "2800, 2801, 2811, 2812" in content
    assert url("member_list", world.a) in content


def test_the_settings_link_to_the_target_groups(world, coordinator):
    content = coordinator.get(url("settings", world.a)).content.decode()
    assert reverse("people:target_groups", kwargs={"digibank": "mechelen"}) in content


def test_it_changes_the_contact_details(world, coordinator):
    response = coordinator.post(
        url("settings_contact", world.a),
        contact_data(email="info@digibank-mechelen.be", website="digibank-mechelen.be"),
    )
    world.a.digibank.refresh_from_db()
    assert response.url == url("settings", world.a)
    assert world.a.digibank.email == "info@digibank-mechelen.be"
    assert world.a.digibank.website == "https://digibank-mechelen.be"


def test_the_form_starts_with_the_current_details(world, coordinator):
    content = coordinator.get(url("settings_contact", world.a)).content.decode()
    assert 'value="Digibank Mechelen"' in content


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", EMPTY),
        ("name", TOO_LONG),
        ("email", EMOJI),
        ("phone", SCRIPT),
        ("website", RIGHT_TO_LEFT),
    ],
)
def test_it_refuses_bad_details_next_to_the_field(world, coordinator, field, value):
    response = coordinator.post(url("settings_contact", world.a), contact_data(**{field: value}))
    assert_error_next_to(response, field)
    world.a.digibank.refresh_from_db()
    assert world.a.digibank.name == "Digibank Mechelen"


def test_only_coordinators_open_the_settings(world):
    response = logged_in(world.users["hub_volunteer"]).get(url("settings", world.a))
    assert response.status_code == 403
