"""Registering a resident on one page: duplicates shown before saving, messages next to the
fields."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from digibank.people import services
from digibank.people.models import Person
from digibank.people.tests.helpers import register, registration

pytestmark = pytest.mark.django_db

BANK = "mechelen"


def url(name, **kwargs):
    return reverse(f"people:{name}", kwargs={"digibank": BANK, **kwargs})


@pytest.fixture
def volunteer(client, world):
    client.force_login(world.users["hub_volunteer"])
    return client


def test_a_volunteer_registers_a_resident_in_one_page(volunteer, world):
    services.ensure_default_target_groups(world.a.digibank)
    form_page = volunteer.get(url("create")).content.decode()
    assert 'name="first_name"' in form_page
    assert 'type="radio" name="contact_method"' in form_page
    assert 'name="consents"' in form_page
    assert "different_person" not in form_page
    response = volunteer.post(
        url("create"),
        registration(target_groups=["job_seeker"], consents=["registration", "contact"]),
    )
    person = Person.objects.get(first_name="Fatima")
    assert response.status_code == 302
    assert response["Location"] == url("detail", person_id=person.pk)
    assert person.municipality == world.a.hub.municipality
    assert list(person.target_groups.values_list("code", flat=True)) == ["job_seeker"]
    assert set(person.consents.values_list("purpose", flat=True)) == {"registration", "contact"}


def test_a_possible_duplicate_is_shown_and_needs_a_tick(volunteer, world):
    first = register(
        world.a, first_name="Fatima", last_name="Benali", birth_year=1975, postcode="2800"
    )
    response = volunteer.post(
        url("create"), registration(first_name="fatima ", notes="Komt voor laptop")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert url("detail", person_id=first.pk) in body
    assert 'name="different_person"' in body
    assert "Komt voor laptop" in body  # what was typed is kept
    assert 'value="0470 12 34 56"' in body
    assert Person.objects.filter(last_name="Benali").count() == 1

    response = volunteer.post(url("create"), registration(duplicates_shown="1"))
    assert response.status_code == 200
    assert 'id="id_different_person_error"' in response.content.decode()
    assert Person.objects.filter(last_name="Benali").count() == 1

    response = volunteer.post(
        url("create"), registration(duplicates_shown="1", different_person="on")
    )
    assert response.status_code == 302
    assert Person.objects.filter(last_name="Benali").count() == 2


def test_the_contact_method_needs_its_details(volunteer):
    response = volunteer.post(url("create"), registration(contact_method="email"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_email_error"' in body
    assert not Person.objects.filter(last_name="Benali").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "", "Fill in “First name”"),
        ("first_name", "x" * 10_000, "80"),
        ("first_name", "<script>alert(1)</script>", "Use only letters"),
        ("last_name", "Benali 🙂", "Use only letters"),
        ("notes", "x" * 10_000, "2000"),
        ("notes", "Rijksregister 85.07.30-033.28", "national register number"),
        ("first_name", "85073003328", "national register number"),
        ("postcode", "٢٨٠٠", "4 digits"),
        ("postcode", "x" * 10_000, "4"),
        ("birth_year", "negentien", "like 1956"),
        ("birth_year", "1850", "like 1956"),
        ("household_size", "🙂", "Enter a number"),
        ("phone", "<script>", "0470 12 34 56"),
        ("email", "not-an-email", "email address"),
        ("contact_method", "pigeon", "Select a valid choice"),
        ("preferred_language", "xx", "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field_and_is_kept(volunteer, field, value, message):
    response = volunteer.post(url("create"), registration(**{field: value}))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="id_{field}_error"' in body
    assert message in body
    assert "There is a problem" in body or "Er is een probleem" in body
    kept = 'value="Fatima"' if field == "last_name" else 'value="Benali"'
    assert kept in body  # the other answers are kept
    if field not in {"contact_method", "preferred_language"} and len(value) < 100:
        assert escape(value) in body  # and so is what was typed here
    assert not Person.objects.filter(last_name="Benali").exists()


def test_script_and_right_to_left_text_are_stored_as_text_and_shown_escaped(volunteer, world):
    response = volunteer.post(
        url("create"),
        registration(first_name="يوسف", notes="<script>alert(1)</script> 🙂 مرحبا"),
    )
    assert response.status_code == 302
    person = Person.objects.get(first_name="يوسف")
    body = volunteer.get(url("detail", person_id=person.pk)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 🙂 مرحبا" in body
    assert "<script>alert" not in body


def test_another_mistake_after_the_duplicates_panel_hides_the_panel_until_asked_again(
    volunteer, world
):
    register(world.a, first_name="Fatima", last_name="Benali", birth_year=1975, postcode="2800")
    response = volunteer.post(
        url("create"), registration(duplicates_shown="1", different_person="on", phone="")
    )
    body = response.content.decode()
    assert 'id="id_phone_error"' in body
    assert 'name="different_person"' not in body
    response = volunteer.post(url("create"), registration(duplicates_shown="1"))
    assert 'name="different_person"' in response.content.decode()
