"""The helpers' knowledge base in Chromium, with axe-core on every page: a coordinator writes a
local guide (an empty form first shows what is missing) and hands it over to a hub volunteer
(choosing nobody first shows the error), who with JavaScript off searches, finds it and opens the
hand-out, which prints without the site's menus."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from digibank.help.models import Guide
from digibank.testing import World
from tests.e2e.browser import DESKTOP
from tests.e2e.steps import dutch, go, log_in, open_page, submit

pytestmark = pytest.mark.e2e

STEPS = "1. Vraag naar de brief van de stad.\n2. Open het e-loket.\n3. Kies Parkeerkaart."
HANDOUT = "U vraagt uw parkeerkaart aan op het e-loket van de stad.\n\nNeem uw nummerplaat mee."


def test_a_coordinator_writes_a_local_guide_a_volunteer_finds_it_and_prints_the_hand_out(
    new_context, live_server, e2e_world: World
):
    bank = e2e_world.a
    base = live_server.url

    # The coordinator writes the guide; an empty form first says what is missing.
    page: Page = new_context(viewport=DESKTOP).new_page()
    log_in(page, base, bank.users["coordinator"])
    go(page, lambda: page.get_by_role("link", name=dutch("Guides"), exact=True).click())
    go(page, lambda: page.get_by_role("link", name=dutch("Write a local guide")).click())
    submit(page)
    assert page.locator(".error-summary").is_visible()
    assert page.title().startswith(dutch("Error") + ":")
    assert not Guide.objects.exists()
    page.get_by_label(dutch("Help topic")).select_option(label="Gemeente: e-loket en afspraken")
    page.get_by_label(dutch("Title"), exact=True).fill("Bewonersparkeerkaart aanvragen")
    page.get_by_label(dutch("Steps for helpers")).fill(STEPS)
    page.get_by_label(dutch("Hand-out for residents")).fill(HANDOUT)
    submit(page)
    guide = Guide.objects.get()
    assert guide.digibank == bank.digibank and guide.version == 1
    assert "Bewonersparkeerkaart aanvragen" in page.locator("h1").inner_text()

    # The coordinator hands the guide over to the hub volunteer who will keep it up to date.
    volunteer = bank.users["hub_volunteer"]
    go(page, lambda: page.get_by_role("link", name=dutch("Hand over")).click())
    submit(page)
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_owner_error").is_visible()
    page.get_by_label(dutch("Who looks after this guide from now on?")).select_option(
        value=str(volunteer.pk)
    )
    submit(page)
    assert dutch("%(name)s now looks after this guide.") % {"name": volunteer} in (
        page.locator("main").inner_text()
    )
    guide.refresh_from_db()
    assert guide.owner == volunteer and guide.version == 1

    # A hub volunteer, without JavaScript, searches with other capitals and finds it.
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, base, bank.users["hub_volunteer"])
    open_page(page, base + reverse("help:guide_list", args=[bank.digibank.slug]))
    page.get_by_role("textbox", name=dutch("Search the guides")).fill("PARKEERKAART e-loket")
    go(page, lambda: page.locator("main form[role=search] button[type=submit]").click())
    results = page.locator("main .hub-results")
    assert results.inner_text().count("Bewonersparkeerkaart aanvragen") == 1
    go(page, lambda: page.get_by_role("link", name="Bewonersparkeerkaart aanvragen").click())
    assert "Kies Parkeerkaart." in page.locator("main ol").inner_text()
    go(page, lambda: page.get_by_role("link", name=dutch("Hand-out to print")).click())
    assert "Neem uw nummerplaat mee." in page.locator("main article").inner_text()

    # On paper: the hand-out's words, no menus, no log-out button, no back link.
    page.emulate_media(media="print")
    assert page.locator(".handout").is_visible()
    for hidden in (".site-nav", ".site-header", ".back-link", ".site-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden


def test_the_region_admin_changes_a_region_guide_and_staff_read_the_old_version(
    new_context, live_server, e2e_world: World
):
    base = live_server.url
    region = e2e_world.region.slug
    page: Page = new_context(viewport=DESKTOP).new_page()
    log_in(page, base, e2e_world.region_users["region_admin"])
    open_page(page, base + reverse("region:overview", args=[region]))
    go(page, lambda: page.get_by_role("link", name=dutch("Guides for helpers")).click())
    go(page, lambda: page.get_by_role("link", name=dutch("Write a guide for the region")).click())
    page.get_by_label(dutch("Help topic")).select_option(label="eBox (officiële post)")
    page.get_by_label(dutch("Title"), exact=True).fill("eBox activeren")
    page.get_by_label(dutch("Steps for helpers")).fill("1. Open myebox.be.")
    page.get_by_label(dutch("Hand-out for residents")).fill("Ga naar myebox.be.")
    submit(page)
    go(page, lambda: page.get_by_role("link", name=dutch("Change this guide")).click())
    page.get_by_label(dutch("Steps for helpers")).fill("1. Open myebox.be of de app eBox.")
    page.get_by_label(dutch("What changed"), exact=True).fill("De app toegevoegd")
    submit(page)
    assert "De app toegevoegd" in page.locator("main table").inner_text()
    go(page, lambda: page.get_by_role("button", name=dutch("Checked: still correct")).click())

    page = new_context().new_page()
    log_in(page, base, e2e_world.b.users["trainer"])
    open_page(page, base + reverse("help:guide_list", args=[e2e_world.b.digibank.slug]))
    go(page, lambda: page.get_by_role("link", name="eBox activeren").click())
    go(
        page,
        lambda: page.get_by_role("link", name=dutch("Version %(number)s") % {"number": 1}).click(),
    )
    assert page.locator("main ol").inner_text().strip() == "Open myebox.be."
