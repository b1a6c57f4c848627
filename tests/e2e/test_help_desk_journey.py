"""Help at the hubs in Chromium on a phone-sized screen, with axe-core on every page: a volunteer
logs a walk-in in three taps, runs the hub's queue, and refers a visitor to a partner, whose
referrer accepts it; the hub then sees the answer."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from digibank.help.models import Outcome, Referral, ReferralStatus, Visit
from digibank.testing import World
from tests.e2e.help_steps import fill_referral, save_visit
from tests.e2e.steps import dutch, go, log_in, open_page, path_of, submit

pytestmark = pytest.mark.e2e


def test_a_volunteer_logs_a_walk_in_in_three_taps_on_a_phone(
    page: Page, live_server, e2e_world: World
):
    bank = e2e_world.a
    base = live_server.url
    log_in(page, base, bank.users["hub_volunteer"])
    go(page, lambda: page.get_by_role("link", name=dutch("Help desk")).click())
    go(page, lambda: page.get_by_role("link", name=dutch("Log a visit")).first.click())
    assert page.viewport_size is not None and page.viewport_size["width"] <= 400

    page.get_by_label("itsme", exact=True).check()  # tap 1: the topic
    page.get_by_label(dutch(Outcome.SOLVED.label), exact=True).check()  # tap 2: the outcome
    save_visit(page)  # tap 3

    assert dutch("The visit is logged. Thank you.") in page.locator("main").inner_text()
    visit = Visit.objects.get()
    assert visit.hub == bank.hub and visit.outcome == Outcome.SOLVED and visit.minutes == 15
    assert [topic.code for topic in visit.topics.all()] == ["H01"]
    assert visit.person is None


def test_the_queue_leads_from_an_arrival_to_the_logged_visit(
    page: Page, live_server, e2e_world: World
):
    bank = e2e_world.a
    base = live_server.url
    log_in(page, base, bank.users["hub_volunteer"])
    open_page(page, base + reverse("help:queue_hubs", args=[bank.digibank.slug]))
    go(page, lambda: page.get_by_role("link", name=bank.hub.name).click())
    page.get_by_label(dutch("First name or number")).fill("Anna")
    submit(page)
    go(
        page,
        lambda: page.get_by_role("button", name=dutch("Help %(who)s") % {"who": "Anna"}).click(),
    )
    done = dutch("Done with %(who)s: log the visit") % {"who": "Anna"}
    go(page, lambda: page.get_by_role("button", name=done).click())
    assert path_of(page) == reverse("help:visit_new", args=[bank.digibank.slug])
    page.get_by_label("Mijn Burgerprofiel", exact=True).check()
    page.get_by_label(dutch(Outcome.PARTLY.label), exact=True).check()
    save_visit(page)
    assert Visit.objects.get().outcome == Outcome.PARTLY
    open_page(page, base + reverse("help:queue", args=[bank.digibank.slug, bank.hub.pk]))
    assert "Anna" not in page.locator("main").inner_text()


def test_a_referral_reaches_the_partners_referrer_who_accepts_it(
    page: Page, new_context, live_server, e2e_world: World
):
    bank = e2e_world.a
    base = live_server.url

    # At the hub: the volunteer refers a visitor, who agrees, to the social services.
    log_in(page, base, bank.users["hub_volunteer"])
    open_page(page, base + reverse("help:queue_hubs", args=[bank.digibank.slug]))
    go(page, lambda: page.get_by_role("link", name=dutch("Referrals to partners")).click())
    go(page, lambda: page.get_by_role("link", name=dutch("Refer someone to a partner")).click())
    fill_referral(
        page,
        bank.partner,
        reason="Vragen over een leefloon.",
        name="Anna Janssens",
        phone="0470 12 34 56",
    )
    referral = Referral.objects.get()
    assert referral.partner == bank.partner and referral.consent_at is not None

    # At the partner: the referrer sees it on their staff home and accepts it.
    partner_page = new_context().new_page()
    log_in(partner_page, base, bank.users["referrer"])
    go(
        partner_page,
        lambda: partner_page.get_by_role("link", name=dutch("Referrals received")).click(),
    )
    go(partner_page, lambda: partner_page.locator("main table a").first.click())
    assert "Anna Janssens" in partner_page.locator("main").inner_text()
    partner_page.get_by_label(dutch(ReferralStatus.ACCEPTED.label), exact=True).check()
    partner_page.get_by_label(dutch("Note for the hub")).fill("Afspraak op dinsdag.")
    submit(partner_page)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED

    # Back at the hub: the answer shows in the list.
    open_page(page, base + reverse("help:referral_list", args=[bank.digibank.slug]))
    text = page.locator("main").inner_text()
    assert "Afspraak op dinsdag." in text and dutch(ReferralStatus.ACCEPTED.label) in text


def test_the_shift_pages_work_for_the_coordinator_and_the_volunteer(
    page: Page, new_context, live_server, e2e_world: World
):
    bank = e2e_world.a
    base = live_server.url
    log_in(page, base, bank.users["coordinator"])
    open_page(page, base + reverse("help:shift_plan", args=[bank.digibank.slug]))
    day = timezone.localdate() + datetime.timedelta(days=2)
    page.get_by_label(dutch("Date")).fill(day.isoformat())
    page.get_by_label(dutch("Starts")).fill("13:00")
    page.get_by_label(dutch("Ends")).fill("16:00")
    submit(page)
    volunteer = new_context().new_page()
    log_in(volunteer, base, bank.users["hub_volunteer"])
    go(volunteer, lambda: volunteer.get_by_role("link", name=dutch("Shifts")).click())
    go(volunteer, lambda: volunteer.get_by_role("button", name=dutch("Sign up")).first.click())
    assert dutch("You are signed up. Thank you.") in volunteer.locator("main").inner_text()
