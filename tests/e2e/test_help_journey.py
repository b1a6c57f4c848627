"""Booking help in Chromium with JavaScript off: a resident books an appointment for "itsme" from
the home page's Help card with a name and an email address, gets the reminder through the outbox
when the reminder task runs, and cancels with the reference code in another browser. axe-core
checks every page on the way."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.help import services
from digibank.help.models import Appointment, AppointmentStatus, HelpTopic
from digibank.messaging.models import Message, MessageKind
from digibank.messaging.worker import queue_planning, run_pending_tasks
from digibank.organisations.permissions import SYSTEM
from digibank.testing import World
from tests.e2e.steps import dutch, go, open_page, path_of, submit

pytestmark = pytest.mark.e2e


def _tomorrow_morning(world: World) -> None:
    """A time tomorrow at 10:00 at digibank A's hub, for itsme and taxes, with one helper."""
    day = timezone.localdate() + datetime.timedelta(days=1)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    topics = HelpTopic.objects.filter(region=world.region, digibank=None, code__in=["H01", "H06"])
    services.create_slot(
        hub=world.a.hub,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=30),
        topics=topics,
        capacity=1,
        lead_hours=2,
        cancel_hours=2,
        by=SYSTEM,
    )


def test_a_resident_books_for_itsme_is_reminded_and_cancels_with_the_code(
    new_context, live_server, e2e_world: World
):
    _tomorrow_morning(e2e_world)
    page = new_context(java_script_enabled=False).new_page()
    open_page(page, live_server.url + reverse("portal:home"))
    go(page, lambda: page.locator(f'main a[href^="{reverse("help:book_start")}"]').first.click())
    assert path_of(page) == reverse("help:book_start")
    first_step = reverse("help:book_step", kwargs={"step": "topic"})
    go(page, lambda: page.locator(f'main a[href="{first_step}"]').click())

    page.get_by_label("itsme", exact=True).check()
    submit(page)
    assert path_of(page) == reverse("help:book_step", kwargs={"step": "time"})
    page.locator("main input[name=slot]").first.check()
    submit(page)
    page.fill("main input[name=name]", "Mina")
    submit(page)
    page.fill("main input[name=email]", "mina@example.com")
    submit(page)
    assert path_of(page) == reverse("help:book_check")
    assert "itsme" in page.inner_text("main") and "Mina" in page.inner_text("main")
    submit(page)
    assert path_of(page) == reverse("help:book_done")
    code = page.inner_text("main .reference-code").strip()
    assert len(code) == 9 and code[4] == "-"
    appointment = Appointment.objects.get()
    assert appointment.reference_display == code and appointment.topic.code == "H01"

    # The reminder task runs (the worker queues it every few minutes): the outbox has it.
    queue_planning()
    run_pending_tasks()
    reminder = Message.objects.get(kind=MessageKind.APPOINTMENT_REMINDER)
    assert reminder.recipient == "mina@example.com" and code in reminder.body

    # Another browser: only the code leads to the appointment.
    page = new_context(java_script_enabled=False).new_page()
    open_page(page, live_server.url + reverse("help:manage"))
    page.fill("main input[name=reference]", code.replace("-", "").lower())
    submit(page)
    assert path_of(page) == reverse("help:yours")
    # Moving is offered too; there is no other free time, which the page says.
    go(page, lambda: page.locator(f'main a[href="{reverse("help:move")}"]').click())
    go(page, lambda: page.locator(f'main a[href="{reverse("help:yours")}"]').click())
    go(page, lambda: page.locator(f'main a[href="{reverse("help:cancel")}"]').click())
    submit(page)
    assert path_of(page) == reverse("help:yours")
    assert dutch("cancelled") in page.inner_text("main").lower()
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
