"""Staff pages of appointments: publish a time, book for a caller or a person, the day's list
(with a query count that does not grow with the bookings) and noting who came."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.help.models import Appointment, AppointmentStatus, BookedVia, Slot
from digibank.help.tests.helpers import book, in_the_past, slot, topic
from digibank.testing import act

pytestmark = pytest.mark.django_db


def url(world, name, **kwargs):
    return reverse(f"help:{name}", kwargs={"digibank": world.a.digibank.slug, **kwargs})


def test_a_volunteer_publishes_a_time_for_some_topics(client, world):
    client.force_login(world.a.users["hub_volunteer"])
    day = timezone.localdate() + datetime.timedelta(days=7)
    response = client.post(
        url(world, "slot_add"),
        {
            "hub": world.a.hub.pk,
            "day": day.isoformat(),
            "starts": "10:00",
            "ends": "10:30",
            "topics": [topic(world.a).pk, topic(world.a, "H06").pk],
            "capacity": 3,
            "lead_hours": 24,
            "cancel_hours": 12,
        },
    )
    assert response.status_code == 302
    created = Slot.objects.get()
    assert created.capacity == 3 and created.topics.count() == 2
    assert timezone.localtime(created.starts_at).hour == 10


def test_it_refuses_a_time_that_ends_before_it_starts(client, world):
    client.force_login(world.a.users["coordinator"])
    day = timezone.localdate() + datetime.timedelta(days=7)
    response = client.post(
        url(world, "slot_add"),
        {
            "hub": world.a.hub.pk,
            "day": day.isoformat(),
            "starts": "10:00",
            "ends": "09:00",
            "topics": [topic(world.a).pk],
            "capacity": 1,
            "lead_hours": 24,
            "cancel_hours": 12,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends"]
    assert not Slot.objects.exists()


def test_staff_book_for_someone_who_called(client, world):
    at = slot(world.a)
    client.force_login(world.a.users["hub_volunteer"])
    response = client.post(
        url(world, "staff_book", slot_id=at.pk),
        {"topic": topic(world.a).pk, "name": "Jef", "phone": "0470 12 34 56", "email": ""},
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.booked_via == BookedVia.STAFF and appointment.phone == "+32470123456"


def test_staff_book_for_a_registered_person_from_their_page(client, world):
    at = slot(world.a)
    client.force_login(world.a.users["coordinator"])
    person_page = reverse(
        "people:detail", kwargs={"digibank": world.a.digibank.slug, "person_id": world.a.person.pk}
    )
    booking = url(world, "staff_book_for_person", person_id=world.a.person.pk)
    assert booking in client.get(person_page).content.decode()
    response = client.post(booking, {"slot": at.pk, "topic": topic(world.a).pk})
    assert response.url == person_page
    assert Appointment.objects.get().person == world.a.person


def test_the_days_list_notes_who_came_and_who_did_not(client, world):
    at = slot(world.a, capacity=2)
    came, stayed_away = book(world.a, at), book(world.a, at, name="Lotte")
    in_the_past(at)
    client.force_login(world.a.users["hub_volunteer"])
    client.post(url(world, "outcome", appointment_id=came.pk), {"status": "attended"})
    client.post(url(world, "outcome", appointment_id=stayed_away.pk), {"status": "no_show"})
    came.refresh_from_db()
    stayed_away.refresh_from_db()
    assert came.status == AppointmentStatus.ATTENDED
    assert stayed_away.status == AppointmentStatus.NO_SHOW


def day_page(client, world, at):
    day = timezone.localtime(at.starts_at).date().isoformat()
    return client.get(url(world, "day"), {"hub": world.a.hub.pk, "day": day})


def test_the_days_list_costs_the_same_queries_for_many_appointments(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.a.users["coordinator"])
    at = slot(world.a, capacity=30)
    book(world.a, at)
    with django_assert_max_num_queries(20) as few:
        response = day_page(client, world, at)
    assert response.status_code == 200 and len(response.context["appointments"]) == 1
    for index in range(20):
        book(world.a, at, name=f"Resident {chr(65 + index)}")
    book(world.a, at, person=world.a.person, by=act(world.a.users["coordinator"]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = day_page(client, world, at)
    assert len(response.context["appointments"]) == 22


def test_the_times_list_costs_the_same_queries_for_many_times(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.a.users["coordinator"])
    slot(world.a)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url(world, "slots")).status_code == 200
    for index in range(10):
        slot(world.a, days=4 + index)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url(world, "slots"))
    assert len(response.context["slots"]) == 11
