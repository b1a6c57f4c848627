"""Merging two records of one person: what moves, what is kept, and who may do it."""

import pytest
from django.core.exceptions import PermissionDenied

from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, AuditEntry
from digibank.people import services
from digibank.people.models import ConsentPurpose, Person
from digibank.people.tests.helpers import entries_for, register
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_merging_moves_consents_and_unites_target_groups(world):
    services.ensure_default_target_groups(world.a.digibank)
    keep = register(world.a, birth_year=1956, consents=["registration"], target_groups=["pupil"])
    remove = register(
        world.a,
        birth_year=1956,
        allow_duplicate=True,
        consents=["registration", "photos"],
        target_groups=["pupil", "newcomer"],
    )
    withdrawn = services.record_consent(
        person=remove, by=act(world.users["coordinator"]), purpose=ConsentPurpose.SURVEY
    )
    services.withdraw_consent(consent=withdrawn, by=act(world.users["coordinator"]))

    kept = services.merge_people(keep=keep, remove=remove, by=act(world.users["coordinator"]))

    assert not Person.objects.filter(pk=remove.pk).exists()
    purposes = sorted(kept.consents.values_list("purpose", flat=True))
    assert purposes == ["photos", "registration", "survey"]
    assert kept.consents.filter(purpose="registration").count() == 1
    assert kept.consents.get(purpose="survey").withdrawn_at is not None
    assert set(kept.target_groups.values_list("code", flat=True)) == {"pupil", "newcomer"}


def test_merging_fills_only_the_empty_fields_of_the_kept_record(world):
    keep = register(world.a, contact_method="phone", phone="0470 11 11 11", notes="Eerste")
    remove = register(
        world.a,
        allow_duplicate=True,
        contact_method="phone",
        phone="0470 22 22 22",
        email="anna@example.org",
        household_size=3,
        referrer_partner=world.a.partner,
        notes="Tweede",
    )
    kept = services.merge_people(keep=keep, remove=remove, by=act(world.users["coordinator"]))
    assert kept.phone == "+32470111111"
    assert kept.email == "anna@example.org"
    assert kept.household_size == 3
    assert kept.referrer_partner == world.a.partner
    assert kept.notes == "Eerste\n\nTweede"


def test_merging_is_audited_on_both_records_without_values(world):
    keep = register(world.a)
    remove = register(world.a, allow_duplicate=True, email="anna@example.org")
    removed_id = remove.pk
    services.merge_people(keep=keep, remove=remove, by=act(world.users["coordinator"]))
    kept_entry = entries_for(keep, AuditAction.MERGE).get()
    removed_entry = AuditEntry.objects.get(action=AuditAction.MERGE, object_id=str(removed_id))
    assert "email" in kept_entry.fields
    assert kept_entry.note == f"#{removed_id}"
    assert removed_entry.note == f"#{keep.pk}"
    for entry in AuditEntry.objects.all():
        assert "anna@example.org" not in f"{entry.fields} {entry.note} {entry.object_id}"


def test_it_refuses_to_merge_records_of_two_digibanks(world):
    with pytest.raises(DomainError):
        services.merge_people(
            keep=world.a.person, remove=world.b.person, by=act(world.users["coordinator"])
        )


def test_it_refuses_to_merge_a_record_with_itself(world):
    with pytest.raises(DomainError):
        services.merge_people(
            keep=world.a.person, remove=world.a.person, by=act(world.users["coordinator"])
        )


def test_only_a_coordinator_merges(world):
    with pytest.raises(PermissionDenied):
        services.merge_people(
            keep=world.a.person,
            remove=world.a.referred_person,
            by=act(world.users["hub_volunteer"]),
        )
    assert Person.objects.filter(pk=world.a.referred_person.pk).exists()
