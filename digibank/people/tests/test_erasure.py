"""Erasing a person: only a coordinator may, and their consents go with them.

The erasure hook: other apps' handlers run inside `delete_person`, before the person goes; one
refusing keeps everything, and what they erased is named in the one audit entry."""

import pytest
from django.core.exceptions import PermissionDenied

from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, AuditEntry
from digibank.people import erasure, services
from digibank.people.models import Consent, ConsentPurpose, Person
from digibank.people.tests.helpers import register
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_the_apps_that_keep_rows_about_a_person_register_a_handler():
    assert {"lending", "messaging"} <= set(erasure._handlers)


def test_a_handler_that_refuses_keeps_the_person_and_writes_no_audit_entry(world, monkeypatch):
    def still_open(person: Person) -> list[erasure.Erased]:
        raise DomainError("This person still has something open.")

    monkeypatch.setattr(erasure, "_handlers", {"test": still_open})
    person = register(world.a, consents=[ConsentPurpose.REGISTRATION])

    with pytest.raises(DomainError, match="still has something open"):
        services.delete_person(person=person, by=act(world.users["coordinator"]))

    assert Person.objects.filter(pk=person.pk).exists()
    assert Consent.objects.filter(person=person).exists()
    assert not AuditEntry.objects.filter(action=AuditAction.DELETE).exists()


def test_a_handler_runs_before_the_person_is_deleted_and_is_named_in_the_audit(world, monkeypatch):
    seen = []

    def note_it(person: Person) -> list[erasure.Erased]:
        seen.append(Person.objects.filter(pk=person.pk).exists())
        return [erasure.Erased(Consent, ("purpose",))]

    monkeypatch.setattr(erasure, "_handlers", {"test": note_it})
    person = register(world.a, phone="0470 11 22 33", contact_method="phone")
    person_id = person.pk

    services.delete_person(person=person, by=act(world.users["coordinator"]))

    assert seen == [True]
    entry = AuditEntry.objects.get(action=AuditAction.DELETE, object_id=str(person_id))
    assert {"first_name", "phone", "people.consent", "people.consent.purpose"} <= set(entry.fields)
    assert "0470" not in str(entry.fields)


def test_a_coordinator_erases_a_person_and_their_consents(world):
    person = register(world.a, consents=[ConsentPurpose.REGISTRATION])
    person_id = person.pk
    services.delete_person(person=person, by=act(world.users["coordinator"]))
    assert not Person.objects.filter(pk=person_id).exists()
    assert not Consent.objects.filter(person_id=person_id).exists()
    entry = AuditEntry.objects.get(action=AuditAction.DELETE, object_id=str(person_id))
    assert "first_name" in entry.fields


@pytest.mark.parametrize("role", ["hub_volunteer", "trainer", "referrer"])
def test_only_a_coordinator_may_erase_a_person(world, role):
    with pytest.raises(PermissionDenied):
        services.delete_person(person=world.a.referred_person, by=act(world.users[role]))
    assert Person.objects.filter(pk=world.a.referred_person.pk).exists()
