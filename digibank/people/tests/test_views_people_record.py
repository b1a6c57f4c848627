"""One resident's record: looking (audited), changing, erasing, consents, and an audit trail that
holds field names, never values."""

import pytest
from django.urls import reverse

from digibank.core.models import AuditAction, AuditEntry
from digibank.people import services
from digibank.people.models import Consent, ConsentPurpose, Person
from digibank.people.tests.helpers import registration
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
    assert person.phone == "+32470999999"
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
