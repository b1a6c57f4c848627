"""Asking for a device: by staff, by a referrer, by the resident on the public pages."""

import pytest
from django.core.exceptions import PermissionDenied

from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, AuditEntry
from digibank.devices.models import DeviceKind
from digibank.lending import services
from digibank.lending.codes import ALPHABET, display_code, normalise_code
from digibank.lending.models import DeviceRequest, Need, RequestSource, RequestStatus
from digibank.lending.tests.helpers import new_request
from digibank.messaging.models import Message, MessageKind, MessageStatus
from digibank.organisations.permissions import SYSTEM
from digibank.people.models import ConsentPurpose, Person
from digibank.people.services import record_consent
from digibank.testing import act

pytestmark = pytest.mark.django_db


def public_request(world, **extra):
    values = {
        "digibank": world.a.digibank,
        "first_name": "Fatima",
        "last_name": "Benali",
        "birth_year": 1979,
        "postcode": "2800",
        "contact_method": "phone",
        "phone": "0470 11 22 33",
        "language": "fr",
        "needs": [Need.JOB_SEARCH],
        "device_kind": DeviceKind.LAPTOP,
    }
    values.update(extra)
    return services.submit_public_request(**values)


def test_a_request_gets_a_short_unambiguous_reference_code(world):
    request = new_request(world.a)
    assert len(request.reference) == 8
    assert set(request.reference) <= set(ALPHABET)
    assert not set(request.reference) & set("01OILSZB2586G")
    assert request.reference_display == f"{request.reference[:4]}-{request.reference[4:]}"
    assert normalise_code(f" {request.reference_display.lower()} ") == request.reference
    assert display_code("ACDEFHJK") == "ACDE-FHJK"


def test_staff_submit_a_request_for_a_resident(world):
    request = new_request(world.a, by_role="hub_volunteer", needs=["school", "training"])
    assert request.status == RequestStatus.SUBMITTED
    assert request.source == RequestSource.STAFF
    assert request.submitted_by == world.a.users["hub_volunteer"]
    assert request.referrer_partner == world.a.partner  # the person was referred by the partner
    assert request.needs == ["school", "training"]
    entry = AuditEntry.objects.get(object_type="lending.devicerequest", object_id=str(request.pk))
    assert entry.action == AuditAction.CREATE
    assert "needs" in entry.fields and "reference" in entry.fields


def test_a_referrer_asks_only_for_the_people_their_partner_referred(world):
    request = new_request(world.a, by_role="referrer")
    assert request.person == world.a.referred_person
    with pytest.raises(PermissionDenied):
        new_request(world.a, by_role="referrer", person=world.a.person)


@pytest.mark.parametrize("role", ["technician", "trainer", "analyst"])
def test_roles_without_the_permission_cannot_submit(world, role):
    with pytest.raises(PermissionDenied):
        new_request(world.a, by_role=role)


def test_it_refuses_a_person_of_another_digibank(world):
    with pytest.raises(DomainError) as error:
        new_request(world.a, person=world.b.person)
    assert error.value.field == "person"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"needs": []}, "needs"),
        ({"needs": ["cooking"]}, "needs"),
        ({"device_kind": "spaceship"}, "device_kind"),
        ({"device_kind": DeviceKind.MOUSE}, "device_kind"),
        ({"keyboard_layout": "dvorak"}, "keyboard_layout"),
        ({"accessories_wanted": ["jetpack"]}, "accessories_wanted"),
        ({"accessibility_needs": "a" * 501}, "accessibility_needs"),
        ({"household_note": "b" * 301}, "household_note"),
        ({"household_note": "Mijn nummer is 85.07.30-033.28"}, "household_note"),
    ],
)
def test_it_refuses_bad_values_with_a_message_for_the_field(world, fields, field):
    with pytest.raises(DomainError) as error:
        new_request(world.a, **fields)
    assert error.value.field == field
    assert error.value.message
    assert not DeviceRequest.objects.exists()


def test_the_reference_code_is_sent_to_a_resident_who_agreed_to_be_contacted(world):
    person = world.a.person  # reachable by phone
    record_consent(person=person, by=SYSTEM, purpose=ConsentPurpose.CONTACT)
    request = new_request(world.a, person=person)
    message = Message.objects.get(kind=MessageKind.REFERENCE_CODE, person=person)
    assert message.status == MessageStatus.QUEUED
    assert request.reference_display in message.body


def test_no_reference_code_goes_to_a_resident_reached_through_their_referrer(world):
    new_request(world.a)  # referred_person: contact through the referrer
    message = Message.objects.get(kind=MessageKind.REFERENCE_CODE)
    assert message.status == MessageStatus.SKIPPED


def test_a_public_request_registers_the_resident_with_minimal_data(world):
    request = public_request(world)
    person = request.person
    assert request.source == RequestSource.PUBLIC
    assert request.submitted_by is None
    assert (person.first_name, person.last_name, person.birth_year) == ("Fatima", "Benali", 1979)
    assert person.preferred_language == "fr"
    assert set(person.consents.values_list("purpose", flat=True)) == {
        ConsentPurpose.REGISTRATION,
        ConsentPurpose.CONTACT,
    }
    message = Message.objects.get(kind=MessageKind.REFERENCE_CODE)
    assert message.status == MessageStatus.QUEUED
    assert message.recipient == "+32470112233"
    assert message.language == "fr"


def test_a_public_request_of_a_known_person_is_attached_to_their_record(world):
    known = world.a.person  # Marie Peeters, 1950, with a phone number
    before = Person.objects.count()
    request = public_request(
        world,
        first_name="marie",
        last_name="PEETERS",
        birth_year=1950,
        postcode=known.postcode,
        phone="0499 99 99 99",
    )
    assert request.person == known
    assert Person.objects.count() == before
    known.refresh_from_db()
    assert known.phone == "+32470123456", "what a visitor types never changes a known record"


def test_a_public_request_without_a_year_of_birth_is_not_added_to_a_namesakes_record(world):
    known = world.a.person  # Marie Peeters, 1950
    request = public_request(
        world,
        first_name=known.first_name,
        last_name=known.last_name,
        birth_year=None,
        postcode=known.postcode,
        phone="0499 99 99 99",
    )
    assert request.person != known, "same name and postcode may be someone else"
    assert request.person.phone == "+32499999999"


def test_a_known_person_without_contact_details_gets_the_ones_typed_now(world):
    known = world.a.referred_person  # contacted through the referrer, no phone or email
    request = public_request(
        world,
        first_name=known.first_name,
        last_name=known.last_name,
        birth_year=known.birth_year,
        postcode=known.postcode,
        contact_method="email",
        email="youssef@example.org",
    )
    assert request.person == known
    known.refresh_from_db()
    assert known.email == "youssef@example.org"
    assert known.consents.filter(purpose=ConsentPurpose.CONTACT).exists()


def test_a_public_request_refuses_a_bad_name_without_saving_anything(world):
    with pytest.raises(DomainError) as error:
        public_request(world, first_name="<script>")
    assert error.value.field == "first_name"
    assert not DeviceRequest.objects.exists()


def test_changing_the_device_of_an_eligible_request_puts_it_on_the_waiting_list(world):
    from digibank.lending.tests.helpers import make_eligible

    request = make_eligible(world.a, new_request(world.a, device_kind=""))
    assert request.status == RequestStatus.ELIGIBLE
    services.update_request(
        request=request, by=act(world.a.users["coordinator"]), device_kind=DeviceKind.TABLET
    )
    assert request.status == RequestStatus.WAITING
    assert request.device_kind == DeviceKind.TABLET


def test_a_request_is_cancelled_with_a_reason(world):
    request = new_request(world.a)
    services.cancel_request(request=request, by=act(world.a.users["hub_volunteer"]), reason="Moved")
    assert request.status == RequestStatus.CANCELLED
    assert request.close_reason == "Moved"
    with pytest.raises(DomainError):
        services.cancel_request(request=request, by=act(world.a.users["hub_volunteer"]))
    with pytest.raises(DomainError):
        services.update_request(
            request=request, by=act(world.a.users["coordinator"]), needs=["school"]
        )


def test_a_person_with_an_open_request_is_not_erased_by_accident(world):
    from digibank.people.services import delete_person

    new_request(world.a)
    with pytest.raises(DomainError, match="still has an open device request"):
        delete_person(person=world.a.referred_person, by=act(world.a.users["coordinator"]))
    assert Person.objects.filter(pk=world.a.referred_person.pk).exists()
