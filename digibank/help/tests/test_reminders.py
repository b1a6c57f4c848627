"""Confirmations and reminders go through the outbox, once per time the appointment is for."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from digibank.help import services
from digibank.help.tests.helpers import book, slot
from digibank.messaging.models import Message, MessageKind, MessageStatus
from digibank.messaging.reminders import plan
from digibank.organisations.permissions import PUBLIC

pytestmark = pytest.mark.django_db


def reminders():
    return Message.objects.filter(kind=MessageKind.APPOINTMENT_REMINDER)


def tomorrow_at_ten(world):
    """Short lead and cut-off: tomorrow at ten may be less than the default 12 hours away when
    the test runs late in the evening, and the tests still book, move and cancel it online."""
    day = timezone.localdate() + datetime.timedelta(days=1)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    days = (starts - timezone.now()).total_seconds() / 86400
    return slot(world.a, days=days, lead_hours=1, cancel_hours=1)


def test_the_day_before_the_resident_gets_a_reminder_once(world):
    appointment = book(world.a, tomorrow_at_ten(world), email="mina@example.com")
    report = plan()
    assert report.queued == 1
    message = reminders().get()
    assert message.recipient == "mina@example.com" and message.status == MessageStatus.QUEUED
    assert appointment.reference_display in message.body and "Mina" in message.body
    assert plan().queued == 0
    assert reminders().count() == 1


def test_no_reminder_for_a_later_or_cancelled_appointment_or_without_an_address(world):
    book(world.a, slot(world.a, days=5), email="later@example.com")
    cancelled = book(world.a, tomorrow_at_ten(world), email="gone@example.com")
    services.cancel_appointment(appointment=cancelled, by=PUBLIC)
    book(world.a, tomorrow_at_ten(world))
    plan()
    assert not reminders().exists()


def test_a_moved_appointment_is_confirmed_and_reminded_again(world):
    appointment = book(world.a, slot(world.a, days=5), phone="+32470123456")
    services.move_appointment(appointment=appointment, slot=tomorrow_at_ten(world), by=PUBLIC)
    assert Message.objects.filter(kind=MessageKind.APPOINTMENT_BOOKED).count() == 2
    plan()
    assert reminders().get().recipient == "+32470123456"
