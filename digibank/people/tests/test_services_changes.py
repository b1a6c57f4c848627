"""Changing a person's record: audited by field name, the registration checks apply again, a
referrer keeps to their partner's people."""

import pytest
from django.core.exceptions import PermissionDenied

from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.organisations.models import Partner, PartnerKind
from digibank.people import services
from digibank.people.tests.helpers import entries_for, register
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_it_audits_only_the_names_of_the_changed_fields(world):
    person = register(world.a, birth_year=1956)
    services.update_person(
        person=person,
        by=act(world.users["hub_volunteer"]),
        birth_year=1957,
        first_name="Anna",
        notes="Komt op dinsdag",
    )
    entry = entries_for(person, AuditAction.CHANGE).get()
    assert entry.fields == ["birth_year", "notes"]
    assert entry.actor == world.users["hub_volunteer"]


def test_a_change_that_changes_nothing_leaves_no_audit_entry(world):
    person = register(world.a, birth_year=1956)
    services.update_person(person=person, by=act(world.users["coordinator"]), birth_year=1956)
    assert not entries_for(person, AuditAction.CHANGE).exists()


def test_a_new_name_gives_a_new_match_key(world):
    person = register(world.a)
    services.update_person(person=person, by=act(world.users["coordinator"]), last_name="Dupré")
    person.refresh_from_db()
    assert person.match_key == "anna dupre"


def test_a_new_postcode_finds_the_municipality_again(world):
    person = register(world.a, postcode=world.b.hub.postcode)
    assert person.municipality is None
    person = services.update_person(
        person=person, by=act(world.users["coordinator"]), postcode=world.a.hub.postcode
    )
    assert person.municipality == world.a.hub.municipality


def test_changing_target_groups_is_audited(world):
    services.ensure_default_target_groups(world.a.digibank)
    person = register(world.a)
    services.update_person(
        person=person, by=act(world.users["coordinator"]), target_groups=["pupil"]
    )
    assert entries_for(person, AuditAction.CHANGE).get().fields == ["target_groups"]
    assert list(person.target_groups.values_list("code", flat=True)) == ["pupil"]


def test_it_refuses_to_change_an_unknown_field(world):
    person = register(world.a)
    with pytest.raises(TypeError):
        services.update_person(person=person, by=act(world.users["coordinator"]), digibank=None)


def test_a_referrer_cannot_change_someone_their_partner_did_not_refer(world):
    with pytest.raises(PermissionDenied):
        services.update_person(
            person=world.a.person, by=act(world.users["referrer"]), first_name="Maria"
        )


def test_a_referrer_cannot_hand_a_person_to_another_partner(world):
    other = Partner.objects.create(
        digibank=world.a.digibank, name="CAW", kind=PartnerKind.CIVIL_SOCIETY
    )
    person = services.update_person(
        person=world.a.referred_person, by=act(world.users["referrer"]), referrer_partner=other
    )
    assert person.referrer_partner == world.a.partner


def test_the_checks_also_apply_to_changes(world):
    person = register(world.a)
    with pytest.raises(DomainError) as error:
        services.update_person(
            person=person, by=act(world.users["coordinator"]), contact_method="email"
        )
    assert error.value.field == "email"
