"""Erasing a resident (GDPR art. 17) is refused while a request is open or a device is on loan, and
a refusal leaves every row as it was."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, AuditEntry
from digibank.lending.models import (
    DeviceRequest,
    Loan,
)
from digibank.lending.tests.erasure_history import PRIVATE, a_full_history, erase
from digibank.lending.tests.helpers import (
    handed_over,
    new_request,
    reserved_request,
    waiting_request,
)
from digibank.messaging.models import Message, MessageStatus
from digibank.people import erasure
from digibank.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "make_open",
    [new_request, waiting_request, reserved_request],
    ids=["submitted", "waiting", "reserved"],
)
def test_it_refuses_to_erase_a_person_with_an_open_request(world, make_open):
    request = make_open(world.a)
    with pytest.raises(DomainError) as error:
        erase(world.a, world.a.referred_person)
    assert "This person still has an open device request" in error.value.message
    assert request.reference_display in error.value.message
    request.refresh_from_db()
    assert request.person == world.a.referred_person
    assert Person.objects.filter(pk=world.a.referred_person.pk).exists()


def test_it_refuses_to_erase_a_person_with_a_device_on_loan(world):
    loan = handed_over(world.a)
    with pytest.raises(DomainError) as error:
        erase(world.a, world.a.referred_person)
    assert "This person still has a device on loan" in error.value.message
    assert loan.device.asset_tag in error.value.message
    assert "open device request" not in error.value.message  # the handed-over one is closed
    loan.refresh_from_db()
    assert loan.person == world.a.referred_person


def test_a_refusal_leaves_the_closed_rows_as_they_were(world):
    person = world.a.referred_person
    loan, cancelled, _ = a_full_history(world.a, person)
    handed_over(world.a, person=person)  # a second device, still on loan
    with pytest.raises(DomainError):
        erase(world.a, person)
    loan.refresh_from_db()
    cancelled.refresh_from_db()
    assert (loan.person, loan.return_note) == (person, PRIVATE[6])
    assert (cancelled.person, cancelled.close_reason) == (person, PRIVATE[7])
    assert not AuditEntry.objects.filter(
        action=AuditAction.DELETE, object_type="people.person"
    ).exists()


def test_a_refusal_from_messaging_undoes_the_anonymising_of_lending(world, monkeypatch):
    handlers = erasure._handlers
    # Lending's handler first, so that there is something to undo.
    monkeypatch.setattr(
        erasure, "_handlers", {"lending": handlers["lending"], "messaging": handlers["messaging"]}
    )
    person = world.a.person  # contacted by phone: the pick-up message is in the outbox
    loan, cancelled, _ = a_full_history(world.a, person)
    leaving = Message.objects.filter(person=person).first()
    # What the worker does when it takes a message: it is on its way out right now.
    Message.objects.filter(pk=leaving.pk).update(status=MessageStatus.SENDING)
    with pytest.raises(DomainError, match="being sent right now"):
        erase(world.a, person)
    loan.refresh_from_db()
    cancelled.refresh_from_db()
    assert (loan.person, loan.return_note) == (person, PRIVATE[6])
    assert (cancelled.person, cancelled.close_reason) == (person, PRIVATE[7])
    assert loan.erased_person_key is None


def test_deleting_a_person_any_other_way_never_orphans_their_loan(world):
    handed_over(world.a)
    with pytest.raises(ProtectedError):
        Person.objects.get(pk=world.a.referred_person.pk).delete()


def test_the_database_refuses_an_open_request_or_a_loan_without_a_person(world):
    request = waiting_request(world.a)
    with pytest.raises(IntegrityError), transaction.atomic():
        DeviceRequest.objects.filter(pk=request.pk).update(person=None)
    loan = handed_over(world.a, person=world.a.person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Loan.objects.filter(pk=loan.pk).update(person=None)
