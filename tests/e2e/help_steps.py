"""The steps of help at the hubs that several browser journeys share: a hub open around the
clock, a time to book, booking with JavaScript off, the reminder task, cancelling with the
reference code, the quick log of a visit and a referral to a partner.

Every step that lands on a new page checks it with axe-core (through `tests.e2e.steps`)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from digibank.help import services as help_services
from digibank.help.models import HelpTopic, Slot
from digibank.messaging.worker import queue_planning, run_pending_tasks
from digibank.organisations import services
from digibank.organisations.models import Hub, Municipality, Partner
from digibank.organisations.permissions import SYSTEM
from digibank.testing import Bank
from tests.e2e.steps import dutch, go, open_page, path_of, submit

# Walk-in around the clock (noon to midnight runs into the next day), so "open now" holds
# whenever the test runs.
ALL_DAY = [
    (day, opens, closes, "walk_in")
    for day in range(7)
    for opens, closes in (
        (datetime.time(0), datetime.time(12)),
        (datetime.time(12), datetime.time(0)),
    )
]
ITSME, TAXES = "H01", "H06"


def hub_open_all_day(bank: Bank) -> Hub:
    """A hub in Heffen (Mechelen), 5 km from the centre, open with walk-in around the clock,
    even on a public holiday, with a phone number and step-free access."""
    hub = services.create_hub(
        by=SYSTEM,
        digibank=bank.digibank,
        name="Buurthuis Heffen",
        street="Heffen-Dorp 2",
        postcode="2801",
        municipality=Municipality.objects.get(nis_code="12025"),
        latitude="51.0519",
        longitude="4.4125",
        phone="015 44 55 66",
        services=["help"],
        step_free=True,
        closed_on_public_holidays=False,
    )
    services.set_weekly_hours(by=SYSTEM, hub=hub, hours=ALL_DAY)
    return hub


def bookable_tomorrow(bank: Bank, hub: Hub) -> Slot:
    """A time tomorrow at 10:00 at `hub`, for itsme and taxes, with one helper."""
    day = timezone.localdate() + datetime.timedelta(days=1)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    topics = HelpTopic.objects.filter(
        region=bank.digibank.region, digibank=None, code__in=[ITSME, TAXES]
    )
    return help_services.create_slot(
        hub=hub,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=30),
        topics=topics,
        capacity=1,
        lead_hours=2,
        cancel_hours=2,
        by=SYSTEM,
    )


def book_for_itsme(page: Page, *, name: str, email: str) -> str:
    """From the booking start page: itsme, the first time offered, the name, the email address,
    the check page; returns the reference code the last page shows."""
    assert path_of(page) == reverse("help:book_start")
    first_step = reverse("help:book_step", kwargs={"step": "topic"})
    go(page, lambda: page.locator(f'main a[href="{first_step}"]').click())
    page.get_by_label("itsme", exact=True).check()
    submit(page)
    assert path_of(page) == reverse("help:book_step", kwargs={"step": "time"})
    page.locator("main input[name=slot]").first.check()
    submit(page)
    page.fill("main input[name=name]", name)
    submit(page)
    page.fill("main input[name=email]", email)
    submit(page)
    assert path_of(page) == reverse("help:book_check")
    summary = page.inner_text("main")
    assert "itsme" in summary and name in summary
    submit(page)
    assert path_of(page) == reverse("help:book_done")
    code = page.inner_text("main .reference-code").strip()
    assert len(code) == 9 and code[4] == "-"
    return code


def run_the_reminder_task() -> None:
    """What the worker does every few minutes: plan the reminders due, then send the queue."""
    queue_planning()
    run_pending_tasks()


def open_with_code(page: Page, base_url: str, code: str) -> None:
    """Type the reference code (in another case, without its hyphen) on the manage page."""
    open_page(page, base_url + reverse("help:manage"))
    page.fill("main input[name=reference]", code.replace("-", "").lower())
    submit(page)
    assert path_of(page) == reverse("help:yours")


def cancel_opened_appointment(page: Page) -> None:
    """On the appointment's page: cancel, confirm; the page then says it is cancelled."""
    go(page, lambda: page.locator(f'main a[href="{reverse("help:cancel")}"]').click())
    submit(page)
    assert path_of(page) == reverse("help:yours")
    assert dutch("cancelled") in page.inner_text("main").lower()


def save_visit(page: Page) -> None:
    go(page, lambda: page.get_by_role("button", name=dutch("Save the visit")).first.click())


def fill_referral(page: Page, partner: Partner, *, reason: str, name: str, phone: str) -> None:
    """The referral form: the partner, why, how to reach the person, and their consent."""
    page.get_by_label(partner.name).check()
    page.get_by_label(dutch("Why?")).fill(reason)
    page.get_by_label(dutch("Their name")).fill(name)
    page.get_by_label(dutch("Their phone number")).fill(phone)
    page.get_by_label(dutch("The person agrees that we pass their details to the partner.")).check()
    submit(page)
