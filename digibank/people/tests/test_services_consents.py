"""Consents: given once, withdrawn once, for known purposes, by whom the person's partner allows."""

import pytest
from django.core.exceptions import PermissionDenied

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.people import services
from digibank.people.models import ConsentPurpose
from digibank.people.tests.helpers import register
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_a_consent_is_given_once_and_withdrawn_once(world):
    person = register(world.a)
    consent = services.record_consent(
        person=person, by=act(world.users["hub_volunteer"]), purpose=ConsentPurpose.PHOTOS
    )
    with pytest.raises(DomainError):
        services.record_consent(
            person=person, by=act(world.users["hub_volunteer"]), purpose=ConsentPurpose.PHOTOS
        )
    consent = services.withdraw_consent(consent=consent, by=act(world.users["trainer"]))
    assert consent.withdrawn_at is not None
    assert consent.withdrawn_by == world.users["trainer"]
    with pytest.raises(DomainError):
        services.withdraw_consent(consent=consent, by=act(world.users["trainer"]))
    again = services.record_consent(
        person=person, by=act(world.users["hub_volunteer"]), purpose=ConsentPurpose.PHOTOS
    )
    assert again.is_active
    actions = AuditEntry.objects.filter(object_type="people.consent").values_list(
        "action", flat=True
    )
    assert sorted(actions) == ["change", "create", "create"]


def test_it_refuses_an_unknown_consent_purpose(world):
    with pytest.raises(DomainError):
        services.record_consent(
            person=world.a.person, by=act(world.users["coordinator"]), purpose="marketing"
        )


def test_a_referrer_records_consent_only_for_their_partners_people(world):
    with pytest.raises(PermissionDenied):
        services.record_consent(
            person=world.a.person, by=act(world.users["referrer"]), purpose=ConsentPurpose.PHOTOS
        )
    consent = services.record_consent(
        person=world.a.referred_person,
        by=act(world.users["referrer"]),
        purpose=ConsentPurpose.PHOTOS,
    )
    assert consent.person == world.a.referred_person
