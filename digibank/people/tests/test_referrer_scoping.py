"""A referrer sees and acts on the people their partner referred, and nobody else."""

import pytest
from django.urls import reverse

from digibank.people.models import Person

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"people:{name}", kwargs={"digibank": "mechelen", **kwargs})


@pytest.fixture
def referrer(client, world):
    client.force_login(world.users["referrer"])
    return client


def test_the_list_holds_only_the_partners_referrals(referrer, world):
    body = referrer.get(url("list")).content.decode()
    assert "El Amrani, Youssef" in body
    assert "Peeters, Marie" not in body


def test_a_person_the_partner_did_not_refer_is_a_404(referrer, world):
    person = world.a.person
    assert referrer.get(url("detail", person_id=person.pk)).status_code == 404
    assert referrer.get(url("edit", person_id=person.pk)).status_code == 404
    response = referrer.post(url("consent_record", person_id=person.pk), {"purpose": "photos"})
    assert response.status_code == 404


def test_the_partners_referral_can_be_read_and_changed(referrer, world):
    person = world.a.referred_person
    assert referrer.get(url("detail", person_id=person.pk)).status_code == 200
    response = referrer.post(
        url("edit", person_id=person.pk),
        {
            "first_name": "Youssef",
            "last_name": "El Amrani",
            "contact_method": "referrer",
            "postcode": person.postcode,
            "birth_year": "1988",
            "preferred_language": "ar",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.preferred_language == "ar"
    assert person.referrer_partner == world.a.partner


def test_a_referrer_registers_for_their_partner_without_choosing_it(referrer, world):
    page = referrer.get(url("create")).content.decode()
    assert 'name="referrer_partner"' not in page
    response = referrer.post(
        url("create"),
        {
            "first_name": "Nora",
            "last_name": "Claes",
            "contact_method": "referrer",
            "preferred_language": "nl",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(last_name="Claes")
    assert person.referrer_partner == world.a.partner
    assert referrer.get(url("detail", person_id=person.pk)).status_code == 200


def test_a_duplicate_from_another_partner_is_mentioned_but_not_shown(referrer, world):
    person = world.a.person  # not referred by the referrer's partner
    response = referrer.post(
        url("create"),
        {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "postcode": person.postcode,
            "birth_year": str(person.birth_year),
            "contact_method": "referrer",
            "preferred_language": "nl",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "registered by another organisation" in body
    assert url("detail", person_id=person.pk) not in body
