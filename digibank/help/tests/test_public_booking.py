"""The resident's booking pages: one question per page, a code at the end, cancel and move with
it; the code never in a URL, unknown codes throttled."""

from __future__ import annotations

import pytest
from django.urls import reverse

from digibank.core.models import ThrottledAttempt
from digibank.help.models import Appointment, AppointmentStatus
from digibank.help.tests.helpers import book, slot, topic
from digibank.messaging.models import Message, MessageKind

pytestmark = pytest.mark.django_db


def step(name):
    return reverse("help:book_step", kwargs={"step": name})


def book_through_the_pages(client, world, at, **contact):
    client.get(reverse("help:book_start"))
    assert client.post(step("topic"), {"topic": topic(world.a).pk}).status_code == 302
    assert client.post(step("time"), {"slot": at.pk}).status_code == 302
    assert client.post(step("name"), {"name": "Mina"}).status_code == 302
    response = client.post(step("contact"), {"phone": "", "email": "", **contact})
    assert response.url == reverse("help:book_check")
    page = client.get(reverse("help:book_check"))
    assert "Mina" in page.content.decode()
    return client.post(reverse("help:book_check"))


def test_a_resident_books_with_a_name_and_an_email_and_gets_the_code(client, world):
    at = slot(world.a)
    response = book_through_the_pages(client, world, at, email="mina@example.com")
    assert response.url == reverse("help:book_done")
    appointment = Appointment.objects.get()
    page = client.get(reverse("help:book_done")).content.decode()
    assert appointment.reference_display in page
    assert appointment.email == "mina@example.com" and appointment.name == "Mina"
    message = Message.objects.get(kind=MessageKind.APPOINTMENT_BOOKED)
    assert message.recipient == "mina@example.com"
    assert appointment.reference_display in message.body


def test_without_contact_details_nothing_is_sent(client, world):
    book_through_the_pages(client, world, slot(world.a))
    assert Appointment.objects.count() == 1
    assert not Message.objects.exists()


def test_the_topic_page_lists_only_topics_with_a_free_time(client, world):
    slot(world.a, codes=("H05",))
    content = client.get(step("topic")).content.decode()
    assert topic(world.a, "H05").name in content
    assert topic(world.a, "H06").name not in content


def test_from_a_hub_page_only_that_hubs_times_are_offered(client, world):
    mine, other = slot(world.a), slot(world.b)
    client.get(reverse("help:book_start"), {"hub": world.b.hub.pk})
    client.post(step("topic"), {"topic": topic(world.b).pk})
    response = client.get(step("time"))
    choices = [value for value, _label in response.context["form"].fields["slot"].choices]
    assert choices == [other.pk] and mine.pk not in choices


def test_a_full_time_is_refused_on_the_check_page(client, world):
    at = slot(world.a, capacity=1)
    client.post(step("topic"), {"topic": topic(world.a).pk})
    client.post(step("time"), {"slot": at.pk})
    client.post(step("name"), {"name": "Mina"})
    client.post(step("contact"), {"phone": "", "email": ""})
    book(world.a, at)
    response = client.post(reverse("help:book_check"))
    assert response.status_code == 200
    assert "fully booked" in response.content.decode()


def test_a_resident_cancels_with_the_code(client, world):
    appointment = book(world.a, slot(world.a))
    response = client.post(reverse("help:manage"), {"reference": appointment.reference.lower()})
    assert response.url == reverse("help:yours")
    assert appointment.reference not in response.url
    client.post(reverse("help:cancel"))
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED


def test_a_resident_moves_to_another_time_with_the_code(client, world):
    appointment = book(world.a, slot(world.a))
    later = slot(world.a, days=6)
    client.post(reverse("help:manage"), {"reference": appointment.reference})
    assert client.post(reverse("help:move"), {"slot": later.pk}).url == reverse("help:yours")
    appointment.refresh_from_db()
    assert appointment.slot == later


def test_it_refuses_unknown_codes_past_the_limit(client, world, settings):
    settings.REFERENCE_LOOKUP_FAILURE_LIMIT = 2
    for _ in range(2):
        response = client.post(reverse("help:manage"), {"reference": "ACDE-FHJK"})
        assert response.status_code == 200
    assert ThrottledAttempt.objects.count() == 2
    appointment = book(world.a, slot(world.a))
    response = client.post(reverse("help:manage"), {"reference": appointment.reference})
    assert response.status_code == 429 and response["Retry-After"]


def test_the_inner_pages_send_a_stranger_back(client):
    for name in ("help:yours", "help:cancel", "help:move"):
        assert client.get(reverse(name)).url == reverse("help:manage")


def test_the_hub_page_links_to_online_booking_only_while_a_time_is_free(client, world):
    hub_page = reverse("organisations:public_hub_detail", kwargs={"hub_id": world.a.hub.pk})
    booking = f"{reverse('help:book_start')}?hub={world.a.hub.pk}"
    assert booking not in client.get(hub_page).content.decode()

    free = slot(world.a, capacity=1)
    assert booking in client.get(hub_page).content.decode()

    book(world.a, free)
    assert booking not in client.get(hub_page).content.decode()
