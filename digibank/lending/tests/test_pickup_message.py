"""The pick-up message says where, when the place is open, and until when to come."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.dateformat import format

from digibank.lending import services
from digibank.lending.notify import PICKUP_DAYS
from digibank.lending.tests.helpers import ready_device, waiting_request
from digibank.messaging.models import Message, MessageKind
from digibank.organisations import services as organisation_services
from digibank.organisations.permissions import SYSTEM
from digibank.testing import act

pytestmark = pytest.mark.django_db


def reserve(world):
    today = timezone.localdate()
    organisation_services.set_weekly_hours(
        by=SYSTEM,
        hub=world.a.hub,
        hours=[
            (today.weekday(), datetime.time(9), datetime.time(12), "open"),
            ((today.weekday() + 2) % 7, datetime.time(13), datetime.time(16), "walk_in"),
        ],
    )
    allocation = services.allocate(
        request=waiting_request(world.a),
        device=ready_device(world.a),
        by=act(world.a.users["coordinator"]),
    )
    return allocation, today


def test_the_pickup_message_gives_place_hours_and_deadline(world):
    _allocation, today = reserve(world)
    message = Message.objects.get(kind=MessageKind.PICKUP_READY)
    body = message.body
    assert world.a.hub.name in body and world.a.hub.street in body
    assert "09:00–12:00" in body, "the hours of the coming days"
    assert "13:00–16:00" in body
    deadline = today + datetime.timedelta(days=PICKUP_DAYS)
    with translation.override(message.language):
        assert format(deadline, "l j F") in body, "the last day to come"


def test_the_pickup_message_speaks_the_residents_language(world):
    request = waiting_request(world.a)
    request.person.preferred_language = "fr"
    request.person.save()
    today = timezone.localdate()
    organisation_services.set_weekly_hours(
        by=SYSTEM,
        hub=world.a.hub,
        hours=[(today.weekday(), datetime.time(9), datetime.time(12), "open")],
    )
    services.allocate(
        request=request, device=ready_device(world.a), by=act(world.a.users["coordinator"])
    )
    body = Message.objects.get(kind=MessageKind.PICKUP_READY).body
    weekday = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    assert f"{weekday[today.weekday()]} {today.day}" in body
    assert "09:00–12:00" in body
