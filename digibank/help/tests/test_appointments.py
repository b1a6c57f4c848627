"""Booking, cancelling and moving appointments: seats, lead times, cut-offs and no-shows."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.help import services
from digibank.help.models import Appointment, AppointmentEvent, AppointmentStatus, BookedVia, Slot
from digibank.help.tests.helpers import book, in_the_past, slot
from digibank.organisations.permissions import PUBLIC
from digibank.people.erasure import erase_elsewhere
from digibank.people.tests.helpers import register
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_a_resident_books_with_a_name_and_gets_a_reference_code(world):
    at = slot(world.a)
    appointment = book(world.a, at, phone="+32470123456")
    assert len(appointment.reference) == 8
    assert appointment.booked_via == BookedVia.ONLINE and appointment.booked_by is None
    assert appointment.status == AppointmentStatus.BOOKED
    at.refresh_from_db()
    assert at.booked == 1
    assert AuditEntry.objects.filter(object_type="help.appointment").exists()


def test_it_refuses_the_seat_after_the_last_one(world):
    at = slot(world.a, capacity=2)
    book(world.a, at)
    book(world.a, at)
    with pytest.raises(DomainError, match="fully booked"):
        book(world.a, at)
    assert Appointment.objects.filter(slot=at).count() == 2


def test_the_database_refuses_a_counter_above_the_capacity(world):
    at = slot(world.a, capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=at.pk).update(booked=F("capacity") + 1)


def test_a_cancelled_seat_can_be_booked_again(world):
    at = slot(world.a, capacity=1)
    first = book(world.a, at)
    services.cancel_appointment(appointment=first, by=PUBLIC)
    at.refresh_from_db()
    assert at.booked == 0
    book(world.a, at)
    assert AppointmentEvent.objects.filter(appointment=first, to_state="cancelled").count() == 1


def test_it_refuses_a_topic_the_time_is_not_for(world):
    at = slot(world.a, codes=("H01",))
    with pytest.raises(DomainError, match="not for this topic"):
        book(world.a, at, code="H06")


def test_a_resident_cannot_book_within_the_lead_time_but_staff_can(world):
    at = slot(world.a, days=0.5, lead_hours=24)
    with pytest.raises(DomainError, match="no longer be booked online"):
        book(world.a, at)
    staff = book(world.a, at, by=act(world.a.users["hub_volunteer"]))
    assert staff.booked_via == BookedVia.STAFF
    assert staff.booked_by == world.a.users["hub_volunteer"]


def test_a_resident_cannot_cancel_after_the_cut_off(world):
    at = slot(world.a, days=0.25, lead_hours=1, cancel_hours=12)
    appointment = book(world.a, at)
    with pytest.raises(DomainError, match="too late"):
        services.cancel_appointment(appointment=appointment, by=PUBLIC)
    services.cancel_appointment(appointment=appointment, by=act(world.a.users["coordinator"]))
    assert appointment.status == AppointmentStatus.CANCELLED


def test_moving_takes_the_new_seat_and_gives_back_the_old_one(world):
    old, new = slot(world.a), slot(world.a, days=5)
    appointment = book(world.a, old)
    services.move_appointment(appointment=appointment, slot=new, by=PUBLIC)
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.booked, new.booked) == (0, 1)
    appointment.refresh_from_db()
    assert appointment.slot == new and appointment.moved_at is not None


def test_moving_to_a_full_time_changes_nothing(world):
    old, full = slot(world.a), slot(world.a, days=5, capacity=1)
    book(world.a, full)
    appointment = book(world.a, old)
    with pytest.raises(DomainError, match="fully booked"):
        services.move_appointment(appointment=appointment, slot=full, by=PUBLIC)
    old.refresh_from_db()
    assert old.booked == 1
    appointment.refresh_from_db()
    assert appointment.slot == old


def test_it_refuses_to_move_to_another_digibanks_time(world):
    appointment = book(world.a, slot(world.a))
    with pytest.raises(DomainError, match="same digibank"):
        services.move_appointment(appointment=appointment, slot=slot(world.b), by=PUBLIC)


def test_a_no_show_is_recorded_once_the_time_has_begun(world):
    at = slot(world.a)
    appointment = book(world.a, at)
    volunteer = act(world.a.users["hub_volunteer"])
    with pytest.raises(DomainError, match="not started yet"):
        services.record_outcome(appointment=appointment, status="no_show", by=volunteer)
    in_the_past(at)
    services.record_outcome(appointment=appointment, status="no_show", by=volunteer)
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.NO_SHOW
    at.refresh_from_db()
    assert at.booked == 1  # a no-show keeps the seat: the figures of the time add up


def test_roles_without_the_permission_cannot_book_for_someone(world):
    at = slot(world.a)
    with pytest.raises(PermissionDenied):
        book(world.a, at, by=act(world.a.users["technician"]))
    with pytest.raises(PermissionDenied):
        book(world.a, at, by=act(world.b.users["coordinator"]))


def test_less_helpers_than_bookings_is_refused(world):
    at = slot(world.a, capacity=3)
    book(world.a, at)
    book(world.a, at)
    with pytest.raises(DomainError, match="2 people have booked"):
        services.change_capacity(slot=at, capacity=1, by=act(world.a.users["coordinator"]))
    services.change_capacity(slot=at, capacity=2, by=act(world.a.users["coordinator"]))


def test_a_booking_for_a_person_keeps_their_groups_and_survives_their_erasure(world):
    person = world.a.person
    group_codes = sorted(person.target_groups.values_list("code", flat=True))
    appointment = book(
        world.a, slot(world.a), name="", person=person, by=act(world.a.users["coordinator"])
    )
    assert appointment.name == f"{person.first_name} {person.last_name}"
    assert appointment.target_groups == group_codes
    assert appointment.municipality_id == person.municipality_id
    erased = erase_elsewhere(person)
    assert any(row.model is Appointment for row in erased)
    appointment.refresh_from_db()
    assert appointment.person is None and appointment.name == ""
    assert appointment.target_groups == group_codes


def test_a_resident_cannot_book_for_a_registered_person(world):
    with pytest.raises(DomainError):
        book(world.a, slot(world.a), person=world.a.person)


def test_a_referrer_books_only_for_their_partners_people(world):
    other = register(world.a)
    referrer = act(world.a.users["referrer"])
    with pytest.raises(PermissionDenied):
        book(world.a, slot(world.a), person=other, by=referrer)
