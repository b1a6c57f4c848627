"""Booking help in Chromium with JavaScript off: a resident books an appointment for "itsme" from
the home page's Help card with a name and an email address, gets the reminder through the outbox
when the reminder task runs, and cancels with the reference code in another browser. axe-core
checks every page on the way."""

from __future__ import annotations

import pytest
from django.urls import reverse

from digibank.help.models import Appointment, AppointmentStatus
from digibank.messaging.models import Message, MessageKind
from digibank.testing import World
from tests.e2e.help_steps import (
    ITSME,
    book_for_itsme,
    bookable_tomorrow,
    cancel_opened_appointment,
    open_with_code,
    run_the_reminder_task,
)
from tests.e2e.steps import go, open_page, path_of

pytestmark = pytest.mark.e2e


def test_a_resident_books_for_itsme_is_reminded_and_cancels_with_the_code(
    new_context, live_server, e2e_world: World
):
    bookable_tomorrow(e2e_world.a, e2e_world.a.hub)
    page = new_context(java_script_enabled=False).new_page()
    open_page(page, live_server.url + reverse("portal:home"))
    go(page, lambda: page.locator(f'main a[href^="{reverse("help:book_start")}"]').first.click())
    assert path_of(page) == reverse("help:book_start")
    code = book_for_itsme(page, name="Mina", email="mina@example.com")
    appointment = Appointment.objects.get()
    assert appointment.reference_display == code and appointment.topic.code == ITSME

    # The reminder task runs (the worker queues it every few minutes): the outbox has it.
    run_the_reminder_task()
    reminder = Message.objects.get(kind=MessageKind.APPOINTMENT_REMINDER)
    assert reminder.recipient == "mina@example.com" and code in reminder.body

    # Another browser: only the code leads to the appointment.
    page = new_context(java_script_enabled=False).new_page()
    open_with_code(page, live_server.url, code)
    # Moving is offered too; there is no other free time, which the page says.
    go(page, lambda: page.locator(f'main a[href="{reverse("help:move")}"]').click())
    go(page, lambda: page.locator(f'main a[href="{reverse("help:yours")}"]').click())
    cancel_opened_appointment(page)
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
