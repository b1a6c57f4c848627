"""A hub volunteer's staff home counts today's booked appointments at the hubs of their shifts
today, links to that hub's day list, and costs the same queries with more appointments."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digibank.help.models import Shift, Slot
from digibank.help.services.shifts import sign_up
from digibank.help.tests.helpers import book, slot
from digibank.help.tests.visit_helpers import act, client_for, shift_at
from digibank.organisations.models import Role

pytestmark = pytest.mark.django_db


def on_shift_now(world):
    """The world's volunteer takes a shift at the hub, which then runs around now."""
    shift = shift_at(world.a, days=1)
    volunteer = world.users["hub_volunteer"]
    sign_up(shift=shift, by=act(volunteer))
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    Shift.objects.filter(pk=shift.pk).update(starts_at=now - hour, ends_at=now + hour)
    return client_for(volunteer)


def booked_now(world, count):
    """A time at the hub moved to now, with `count` people booked."""
    at = slot(world.a, capacity=count + 1)
    for n in range(count):
        book(world.a, at, name=f"Visitor {n}")
    now = timezone.now()
    Slot.objects.filter(pk=at.pk).update(
        starts_at=now, ends_at=now + datetime.timedelta(minutes=30)
    )
    return at


def volunteer_lines(client, world):
    home = reverse("portal:dashboard", kwargs={"digibank": world.a.digibank.slug})
    response = client.get(home)
    sections = {section.role: section for section in response.context["sections"]}
    return sections[Role.HUB_VOLUNTEER].lines


def test_the_volunteer_sees_todays_appointments_at_the_hub_of_their_shift(world):
    client = on_shift_now(world)
    booked_now(world, 2)

    line = next(
        line for line in volunteer_lines(client, world) if "appointments today" in line.text
    )
    assert world.a.hub.name in line.text and line.count == 2
    day = client.get(line.url)
    assert day.status_code == 200
    assert "Visitor 0" in day.content.decode() and "Visitor 1" in day.content.decode()


def test_no_shift_today_means_no_appointments_line(world):
    client = client_for(world.users["hub_volunteer"])
    booked_now(world, 1)
    assert not [line for line in volunteer_lines(client, world) if "appointment" in line.text]


def test_the_home_costs_the_same_queries_with_more_appointments(world):
    client = on_shift_now(world)
    booked_now(world, 1)
    url = reverse("portal:dashboard", kwargs={"digibank": world.a.digibank.slug})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    booked_now(world, 4)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
