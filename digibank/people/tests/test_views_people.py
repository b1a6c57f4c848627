import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from digibank.core.models import AuditAction, AuditEntry
from digibank.people import services
from digibank.people.models import Consent, ConsentPurpose, Person, TargetGroup
from digibank.people.tests.helpers import register
from digibank.testing import act

pytestmark = pytest.mark.django_db

BANK = "mechelen"


def url(name, **kwargs):
    return reverse(f"people:{name}", kwargs={"digibank": BANK, **kwargs})


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.users["coordinator"])
    return client


@pytest.fixture
def volunteer(client, world):
    client.force_login(world.users["hub_volunteer"])
    return client


def registration(**extra):
    data = {
        "first_name": "Fatima",
        "last_name": "Benali",
        "contact_method": "phone",
        "phone": "0470 12 34 56",
        "email": "",
        "postcode": "2800",
        "birth_year": "1975",
        "preferred_language": "ar",
        "household_size": "4",
        "notes": "",
    }
    data.update(extra)
    return data


# -- list -----------------------------------------------------------------------------------------


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


# -- register -------------------------------------------------------------------------------------


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
        ("first_name", "", "This field is required"),
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


# -- detail ---------------------------------------------------------------------------------------


def test_every_look_at_a_record_is_audited(volunteer, world):
    person = world.a.person
    volunteer.get(url("detail", person_id=person.pk))
    volunteer.get(url("detail", person_id=person.pk))
    views = AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_type="people.person", object_id=str(person.pk)
    )
    assert views.count() == 2
    assert views.first().actor == world.users["hub_volunteer"]


def test_the_detail_page_has_its_sections(volunteer, world):
    body = volunteer.get(url("detail", person_id=world.a.referred_person.pk)).content.decode()
    for heading in ["Contact", "Details", "Target groups", "Consents", "Referred by"]:
        assert f'">{heading}</h2>' in body or f">{heading}</h2>" in body
    assert world.a.partner.name in body
    assert "1988" in body  # people managers see the year of birth
    assert body.count("<h1") == 1


def test_a_coordinator_sees_the_merge_and_erase_actions_a_volunteer_does_not(client, world):
    client.force_login(world.users["coordinator"])
    body = client.get(url("detail", person_id=world.a.person.pk)).content.decode()
    assert url("merge", person_id=world.a.person.pk) in body
    assert url("delete", person_id=world.a.person.pk) in body
    client.force_login(world.users["hub_volunteer"])
    body = client.get(url("detail", person_id=world.a.person.pk)).content.decode()
    assert url("merge", person_id=world.a.person.pk) not in body
    assert url("delete", person_id=world.a.person.pk) not in body


def test_another_digibanks_person_is_a_404(coordinator, world):
    for name in ["detail", "edit", "delete", "merge"]:
        assert coordinator.get(url(name, person_id=world.b.person.pk)).status_code == 404
        assert coordinator.get(url(name, person_id=int("9" * 25))).status_code == 404


# -- edit -----------------------------------------------------------------------------------------


def test_a_volunteer_changes_details(volunteer, world):
    person = world.a.person
    form = volunteer.get(url("edit", person_id=person.pk)).content.decode()
    assert 'value="Marie"' in form
    data = registration(
        first_name="Marie",
        last_name="Peeters",
        postcode=person.postcode,
        birth_year="1950",
        phone="0470 99 99 99",
    )
    response = volunteer.post(url("edit", person_id=person.pk), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "0470 99 99 99"
    entry = AuditEntry.objects.filter(
        action=AuditAction.CHANGE, object_type="people.person", object_id=str(person.pk)
    ).get()
    assert "phone" in entry.fields
    assert "first_name" not in entry.fields


def test_bad_changes_are_kept_and_the_heading_keeps_the_saved_name(volunteer, world):
    person = world.a.person
    data = registration(first_name="x" * 10_000, last_name="Peeters")
    response = volunteer.post(url("edit", person_id=person.pk), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "x" * 10_000 in body
    assert "Change details of Marie Peeters" in body
    person.refresh_from_db()
    assert person.first_name == "Marie"


# -- delete ---------------------------------------------------------------------------------------


def test_a_coordinator_confirms_before_erasing(coordinator, world):
    person = world.a.person
    page = coordinator.get(url("delete", person_id=person.pk))
    assert page.status_code == 200
    assert Person.objects.filter(pk=person.pk).exists()
    response = coordinator.post(url("delete", person_id=person.pk))
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()


def test_a_volunteer_cannot_erase(volunteer, world):
    assert volunteer.post(url("delete", person_id=world.a.person.pk)).status_code == 403
    assert Person.objects.filter(pk=world.a.person.pk).exists()


# -- consents -------------------------------------------------------------------------------------


def test_consent_is_recorded_and_withdrawn_with_buttons(volunteer, world):
    person = world.a.person
    response = volunteer.post(
        url("consent_record", person_id=person.pk), {"purpose": ConsentPurpose.PHOTOS}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#consents")
    consent = Consent.objects.get(person=person)
    body = volunteer.get(url("detail", person_id=person.pk)).content.decode()
    assert url("consent_withdraw", person_id=person.pk, consent_id=consent.pk) in body
    volunteer.post(url("consent_withdraw", person_id=person.pk, consent_id=consent.pk))
    consent.refresh_from_db()
    assert consent.withdrawn_by == world.users["hub_volunteer"]


def test_a_consent_given_twice_gets_a_message_not_an_error_page(volunteer, world):
    person = world.a.person
    volunteer.post(url("consent_record", person_id=person.pk), {"purpose": "photos"})
    response = volunteer.post(
        url("consent_record", person_id=person.pk), {"purpose": "photos"}, follow=True
    )
    assert response.status_code == 200
    assert "already given" in response.content.decode()
    assert Consent.objects.filter(person=person).count() == 1


def test_an_unknown_consent_purpose_gets_a_message(volunteer, world):
    response = volunteer.post(
        url("consent_record", person_id=world.a.person.pk), {"purpose": "<script>"}, follow=True
    )
    assert response.status_code == 200
    assert "Choose what the consent is for" in response.content.decode()


def test_a_consent_of_another_person_cannot_be_withdrawn_through_this_one(volunteer, world):
    consent = services.record_consent(
        person=world.a.referred_person, by=act(world.users["coordinator"]), purpose="photos"
    )
    response = volunteer.post(
        url("consent_withdraw", person_id=world.a.person.pk, consent_id=consent.pk)
    )
    assert response.status_code == 404


# -- the audit trail never holds values -----------------------------------------------------------


def test_audit_entries_hold_field_names_never_values(volunteer, world):
    values = registration(
        first_name="Zoë",
        last_name="Vermeulen",
        phone="0499 88 77 66",
        email="zoe@example.org",
        contact_method="email",
        notes="Heeft een oude gsm",
    )
    volunteer.post(url("create"), values)
    person = Person.objects.get(last_name="Vermeulen")
    volunteer.get(url("detail", person_id=person.pk))
    volunteer.post(url("edit", person_id=person.pk), {**values, "phone": "0499 11 22 33"})
    entries = list(AuditEntry.objects.filter(object_id=str(person.pk)))
    assert {entry.action for entry in entries} == {"create", "view", "change"}
    stored = " ".join(f"{e.fields} {e.note} {e.object_type} {e.object_id}" for e in entries)
    for value in ["Zoë", "Vermeulen", "0499", "zoe@example.org", "oude gsm", "2800", "1975"]:
        assert value not in stored
    assert "phone" in stored


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
