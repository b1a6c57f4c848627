"""Issue 12's "Done when", read literally, as one browser journey in Chromium.

A resident with JavaScript off finds the nearest open hub by postcode, books an appointment for
"itsme" there, receives the reminder through the outbox, and cancels with the reference code.
Then a volunteer, on a phone-sized touch screen, logs a walk-in in three taps (a topic, the
outcome "referred to a partner", Save); the visit leads on to a referral, which reaches the
partner's referrer, who finds it in their incoming list. axe-core checks every page visited.

Each part also has its own, more detailed journey: test_hub_finder_journey, test_help_journey
and test_help_desk_journey; this one proves they hold together.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, Page

from digibank.help.models import Appointment, AppointmentStatus, Outcome, Referral, Visit
from digibank.messaging.models import Message, MessageKind
from digibank.organisations import services
from digibank.organisations.permissions import SYSTEM
from digibank.testing import World
from tests.e2e.browser import PHONE
from tests.e2e.help_steps import (
    ITSME,
    book_for_itsme,
    bookable_tomorrow,
    cancel_opened_appointment,
    fill_referral,
    hub_open_all_day,
    open_with_code,
    run_the_reminder_task,
)
from tests.e2e.steps import dutch, enter, go, log_in, open_page, path_of, tab_to

pytestmark = pytest.mark.e2e

RESIDENT, EMAIL = "Mina Peeters", "mina@example.com"
MAX_TAPS = 3


def _is_open_now(status: str) -> bool:
    """The finder's status line says "open now" (in Dutch), whatever the closing time."""
    opening = dutch("Open now until %(until)s. Walk in, no appointment needed.")
    return status.startswith(opening.split("%(until)s")[0])


class Taps:
    """Counts the volunteer's taps on the touch screen."""

    def __init__(self) -> None:
        self.count = 0

    def tap(self, target: Locator) -> None:
        target.tap()
        self.count += 1

    def tap_and_wait(self, page: Page, target: Locator) -> None:
        self.count += 1
        go(page, target.tap)


def _find_the_nearest_open_hub(page: Page, base_url: str) -> str:
    """From the home page's help card: the postcode, Enter, and the first hub open now. Returns
    the address of its public page."""
    open_page(page, base_url + reverse("portal:home"))
    tab_to(page, "main input#help-place")
    page.keyboard.type("2800")
    enter(page)
    heading = dutch("Nearest to %(place)s") % {"place": "2800 Mechelen"}
    assert heading in page.locator("main h2").first.inner_text()
    results = page.locator("main .hub-result")
    statuses = [results.nth(n).locator(".hub-status").inner_text() for n in range(results.count())]
    open_now = [n for n, status in enumerate(statuses) if _is_open_now(status)]
    assert open_now, f"no hub open now among {statuses}"
    return results.nth(open_now[0]).locator("h3 a").get_attribute("href") or ""


def test_help_at_the_hubs_done_when(new_context, live_server, e2e_world: World):
    bank = e2e_world.a
    base = live_server.url
    # The world's Mechelen hub is nearest to 2800 but, without hours, closed now; a hub in
    # Heffen, 5 km away, is open with walk-in all day and has a time to book for itsme.
    nearest = bank.hub
    services.update_hub(hub=nearest, by=SYSTEM, services=["help"])
    services.set_weekly_hours(hub=nearest, by=SYSTEM, hours=[])
    open_hub = hub_open_all_day(bank)
    bookable_tomorrow(bank, open_hub)

    # 1. The resident, JavaScript off: the nearest open hub by postcode.
    resident = new_context(java_script_enabled=False).new_page()
    hub_page = _find_the_nearest_open_hub(resident, base)
    assert hub_page == reverse("organisations:public_hub_detail", args=[open_hub.pk])
    first = resident.locator("main .hub-result").first
    assert nearest.name in first.locator("h3").inner_text(), "the closed hub is not nearest"
    assert dutch("Closed now. No opening hours in the next two weeks.") in first.inner_text()
    tab_to(resident, f'main a[href="{hub_page}"]')
    enter(resident)
    assert resident.locator("h1").inner_text().strip() == open_hub.name
    assert _is_open_now(resident.locator("main .hub-status").inner_text())

    # 2. Books for itsme there, from the hub's page.
    book_link = resident.get_by_role("link", name=dutch("Book an appointment online"))
    go(resident, book_link.click)
    booking_at = dutch("You are booking at %(hub)s.") % {"hub": open_hub.name}
    assert booking_at in resident.inner_text("main")
    code = book_for_itsme(resident, name=RESIDENT, email=EMAIL)
    appointment = Appointment.objects.get()
    assert appointment.slot.hub == open_hub and appointment.topic.code == ITSME
    assert appointment.reference_display == code
    assert open_hub.name in resident.inner_text("main")

    # 3. The reminder reaches the outbox when the reminder task runs.
    assert not Message.objects.filter(kind=MessageKind.APPOINTMENT_REMINDER).exists()
    run_the_reminder_task()
    reminder = Message.objects.get(kind=MessageKind.APPOINTMENT_REMINDER)
    assert reminder.recipient == EMAIL and code in reminder.body

    # 4. Cancels with the reference code, in another browser.
    resident = new_context(java_script_enabled=False).new_page()
    open_with_code(resident, base, code)
    assert "itsme" in resident.inner_text("main")
    cancel_opened_appointment(resident)
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED

    # 5. A volunteer on a phone-sized touch screen logs a walk-in in three taps.
    phone = new_context(viewport=PHONE, has_touch=True, is_mobile=True).new_page()
    log_in(phone, base, bank.users["hub_volunteer"])
    go(phone, phone.get_by_role("link", name=dutch("Help desk")).click)
    go(phone, phone.get_by_role("link", name=dutch("Log a visit")).first.click)
    assert path_of(phone) == reverse("help:visit_new", args=[bank.digibank.slug])
    taps = Taps()
    taps.tap(phone.get_by_label("itsme", exact=True))
    taps.tap(phone.get_by_label(dutch(Outcome.REFERRED.label), exact=True))
    save = phone.get_by_role("button", name=dutch("Save the visit")).first
    # Save comes before the optional fields (time spent, notes): nothing else to scroll to.
    save_box, notes_box = save.bounding_box(), phone.locator("main [name=notes]").bounding_box()
    assert save_box is not None and notes_box is not None
    assert save_box["y"] < notes_box["y"]
    taps.tap_and_wait(phone, save)
    assert taps.count <= MAX_TAPS
    assert dutch("The visit is logged. Thank you.") in phone.locator("main").inner_text()
    visit = Visit.objects.get()
    assert visit.outcome == Outcome.REFERRED and visit.person is None
    assert [topic.code for topic in visit.topics.all()] == [ITSME]

    # 6. The visit leads on to the referral, which reaches the partner's referrer.
    assert path_of(phone) == reverse("help:referral_new", args=[bank.digibank.slug])
    fill_referral(
        phone,
        bank.partner,
        reason="Vragen over een leefloon.",
        name="Anna Janssens",
        phone="0470 12 34 56",
    )
    sent = dutch("The referral is sent to %(partner)s.") % {"partner": bank.partner.name}
    assert sent in phone.locator("main").inner_text()
    referral = Referral.objects.get()
    assert referral.visit == visit and referral.partner == bank.partner

    referrer = new_context().new_page()
    log_in(referrer, base, bank.users["referrer"])
    go(referrer, referrer.get_by_role("link", name=dutch("Referrals received")).click)
    assert path_of(referrer) == reverse("help:incoming_referrals", args=[bank.digibank.slug])
    rows = referrer.locator("main table tbody tr")
    assert rows.count() == 1
    assert "Anna Janssens" in rows.first.inner_text()
    assert bank.partner.name in rows.first.inner_text()
    go(referrer, rows.first.locator("a").click)
    detail = referrer.locator("main").inner_text()
    assert "Vragen over een leefloon." in detail and "Anna Janssens" in detail
