"""Registering a person: the checks on what is typed, who may register whom, consents and target
groups given at registration."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.organisations.models import Municipality, Partner, PartnerKind
from digibank.people import services
from digibank.people.models import Consent, ConsentPurpose, Person, TargetGroup
from digibank.people.tests.helpers import entries_for, register
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_it_registers_a_person_and_audits_the_field_names(world):
    person = register(
        world.a,
        first_name="Élise",
        last_name="Van den Broeck",
        contact_method="phone",
        phone="0470 12 34 56",
        birth_year=1956,
        consents=[ConsentPurpose.REGISTRATION],
    )
    assert person.digibank == world.a.digibank
    assert person.match_key == "elise vandenbroeck"
    entry = entries_for(person, AuditAction.CREATE).get()
    assert entry.actor == world.users["coordinator"]
    assert {"first_name", "last_name", "phone", "birth_year", "consents"} <= set(entry.fields)
    assert "email" not in entry.fields


def test_it_finds_the_municipality_from_the_postcode(world):
    person = register(world.a, postcode=world.a.hub.postcode)
    assert person.municipality == world.a.hub.municipality


def test_it_leaves_the_municipality_empty_for_a_postcode_outside_the_digibank(world):
    person = register(world.a, postcode=world.b.hub.postcode)
    assert person.municipality is None


def test_it_refuses_a_postcode_of_another_municipality(world):
    with pytest.raises(DomainError) as error:
        register(world.a, postcode=world.b.hub.postcode, municipality=world.a.hub.municipality)
    assert error.value.field == "postcode"


def test_it_refuses_a_postcode_that_is_not_four_digits(world):
    with pytest.raises(DomainError) as error:
        register(world.a, postcode="28OO")
    assert error.value.field == "postcode"


@pytest.mark.parametrize("year", [1899, timezone.localdate().year + 1])
def test_it_refuses_an_impossible_year_of_birth(world, year):
    with pytest.raises(DomainError) as error:
        register(world.a, birth_year=year)
    assert error.value.field == "birth_year"


@pytest.mark.parametrize(
    ("method", "field"),
    [("phone", "phone"), ("email", "email"), ("referrer", "referrer_partner")],
)
def test_it_refuses_a_way_to_reach_without_what_it_needs(world, method, field):
    with pytest.raises(DomainError) as error:
        register(world.a, contact_method=method)
    assert error.value.field == field


def test_it_accepts_reaching_someone_through_their_referrer(world):
    person = register(world.a, contact_method="referrer", referrer_partner=world.a.partner)
    assert person.referrer_partner == world.a.partner


def test_it_refuses_a_partner_of_another_digibank(world):
    with pytest.raises(DomainError) as error:
        register(world.a, referrer_partner=world.b.partner)
    assert error.value.field == "referrer_partner"


def test_it_refuses_a_household_of_zero(world):
    with pytest.raises(DomainError) as error:
        register(world.a, household_size=0)
    assert error.value.field == "household_size"


def test_it_refuses_a_national_register_number_in_the_notes(world):
    with pytest.raises(DomainError) as error:
        register(world.a, notes="RR 85.07.30-033.28")
    assert error.value.field == "notes"
    assert not Person.objects.filter(last_name="Janssens").exists()


def test_a_referrer_always_registers_for_their_own_partner(world):
    other = Partner.objects.create(
        digibank=world.a.digibank, name="CAW", kind=PartnerKind.CIVIL_SOCIETY
    )
    person = register(world.a, by_role="referrer", referrer_partner=other)
    assert person.referrer_partner == world.a.partner
    assert person.referred_by == world.users["referrer"]


def test_a_technician_cannot_register_people(world):
    with pytest.raises(PermissionDenied):
        register(world.a, by_role="technician")


def test_a_user_of_another_digibank_cannot_register_people_here(world):
    with pytest.raises(PermissionDenied):
        services.register_person(
            digibank=world.a.digibank,
            by=act(world.other_users["coordinator"]),
            first_name="A",
            last_name="B",
            contact_method="none",
        )


def test_it_records_consents_with_who_recorded_them(world):
    person = register(world.a, consents=[ConsentPurpose.REGISTRATION, ConsentPurpose.PHOTOS])
    consents = Consent.objects.filter(person=person)
    assert {c.purpose for c in consents} == {"registration", "photos"}
    assert all(c.recorded_by == world.users["coordinator"] for c in consents)


def test_it_takes_target_groups_as_objects_or_codes(world):
    services.ensure_default_target_groups(world.a.digibank)
    pupils = TargetGroup.objects.get(digibank=world.a.digibank, code="pupil")
    person = register(world.a, target_groups=[pupils, "65plus"])
    assert set(person.target_groups.values_list("code", flat=True)) == {"pupil", "65plus"}


def test_it_refuses_a_target_group_of_another_digibank(world):
    services.ensure_default_target_groups(world.b.digibank)
    theirs = TargetGroup.objects.filter(digibank=world.b.digibank).first()
    with pytest.raises(DomainError) as error:
        register(world.a, target_groups=[theirs])
    assert error.value.field == "target_groups"


def test_default_target_groups_are_made_once_and_keep_their_new_names(world):
    services.ensure_default_target_groups(world.a.digibank)
    group = TargetGroup.objects.get(digibank=world.a.digibank, code="65plus")
    assert group.name == "65-plussers"
    group.name = "Senioren"
    group.save()
    services.ensure_default_target_groups(world.a.digibank)
    assert TargetGroup.objects.filter(digibank=world.a.digibank).count() == 8
    group.refresh_from_db()
    assert group.name == "Senioren"


def test_municipality_is_kept_when_the_postcode_matches(world):
    municipality = Municipality.objects.get(nis_code="12025")
    person = register(world.a, postcode=municipality.postcodes[0], municipality=municipality)
    assert person.municipality == municipality
