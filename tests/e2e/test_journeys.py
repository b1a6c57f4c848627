"""Journeys through the site as people make them, in Chromium, with axe-core on every page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page

from digibank.testing import PASSWORD, World
from tests.e2e.browser import DESKTOP, assert_accessible, fill_login_form
from tests.e2e.steps import focused, press_enter_and_wait, tab_to

pytestmark = pytest.mark.e2e


def translated_error_prefix(language: str = "nl") -> str:
    with translation.override(language):
        return translation.gettext("Error") + ":"


def html_lang(page: Page) -> str:
    return page.get_attribute("html", "lang") or ""


def test_a_resident_finds_a_hub_with_the_keyboard_and_javascript_off(
    new_context, live_server, e2e_world: World
):
    page = new_context(java_script_enabled=False).new_page()
    hub = e2e_world.a.hub
    response = page.goto(live_server.url + reverse("portal:home"))
    assert response.status == 200
    assert html_lang(page) == "nl"
    assert_accessible(page)

    # The skip link is the first stop and moves the focus to the main content.
    page.keyboard.press("Tab")
    assert focused(page, "a.skip-link"), "the skip link is not the first focus stop"
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main-content"
    page.keyboard.press("Enter")
    assert focused(page, "main#main-content"), "the skip link does not move the focus to <main>"

    hub_finder = reverse("organisations:public_hub_list")
    tab_to(page, f'main a[href="{hub_finder}"]')
    press_enter_and_wait(page)
    assert urlsplit(page.url).path == hub_finder
    assert_accessible(page)

    tab_to(page, "main form input[name=place]")
    page.keyboard.type(hub.postcode)
    press_enter_and_wait(page)
    assert parse_qs(urlsplit(page.url).query)["place"] == [hub.postcode]
    assert page.input_value("input[name=place]") == hub.postcode, "the search was not kept"
    assert_accessible(page)
    other_hub = reverse("organisations:public_hub_detail", kwargs={"hub_id": e2e_world.b.hub.pk})
    assert page.locator(f'main a[href="{other_hub}"]').count() == 0, (
        "searching by postcode also lists a hub elsewhere"
    )

    hub_page = reverse("organisations:public_hub_detail", kwargs={"hub_id": hub.pk})
    tab_to(page, f'main a[href="{hub_page}"]')
    press_enter_and_wait(page)
    assert urlsplit(page.url).path == hub_page
    assert page.locator("h1").inner_text().strip() == hub.name
    assert_accessible(page)

    # The language switch in the header: a plain form, so it works with the keyboard and no JS.
    for language, name in [("fr", "Français"), ("en", "English"), ("nl", "Nederlands")]:
        tab_to(page, f'.language-switch button[value="{language}"]')
        press_enter_and_wait(page)
        assert urlsplit(page.url).path == hub_page, "the language switch left the page"
        assert html_lang(page) == language
        current = page.locator(".language-switch__current")
        assert current.inner_text().strip() == name
        assert current.get_attribute("lang") == language
        with translation.override(language):
            skip_text = translation.gettext("Skip to main content")
        assert page.locator("a.skip-link").inner_text().strip() == skip_text
        assert page.locator("h1").inner_text().strip() == hub.name
        assert_accessible(page)


def test_the_language_choice_follows_the_resident_to_the_next_page(
    new_context, live_server, e2e_world: World
):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + reverse("portal:home"))
    home_title_nl = page.title()
    with page.expect_navigation():
        page.click('.language-switch button[value="fr"]')
    assert html_lang(page) == "fr"
    page.goto(live_server.url + reverse("portal:accessibility"))
    assert html_lang(page) == "fr", "the chosen language was forgotten on the next page"
    assert_accessible(page)
    page.goto(live_server.url + reverse("portal:home"))
    with page.expect_navigation():
        page.click('.language-switch button[value="nl"]')
    assert html_lang(page) == "nl"
    assert page.title() == home_title_nl


def test_staff_log_in_use_the_main_navigation_and_log_out(
    new_context, live_server, e2e_world: World
):
    page = new_context(viewport=DESKTOP).new_page()
    coordinator = e2e_world.a.users["coordinator"]
    login_url = live_server.url + reverse("login")
    page.goto(login_url)
    assert_accessible(page)

    fill_login_form(page, coordinator.username, "not the password")
    assert urlsplit(page.url).path == reverse("login")
    assert page.locator(".error-summary").is_visible()
    assert page.input_value("#id_username") == coordinator.username, "the username was lost"
    assert page.input_value("#id_password") == "", "the wrong password is shown again"
    assert page.title().startswith(translated_error_prefix())
    assert_accessible(page)

    fill_login_form(page, coordinator.username, PASSWORD)
    dashboard = reverse("portal:dashboard", kwargs={"digibank": e2e_world.a.digibank.slug})
    assert urlsplit(page.url).path == dashboard
    assert_accessible(page)

    nav_links = page.locator("nav.site-nav a").evaluate_all(
        "links => links.map(a => [a.getAttribute('href'), a.textContent.trim()])"
    )
    assert len(nav_links) >= 5, f"the coordinator's navigation is too short: {nav_links}"
    for href, text in nav_links:
        response = page.goto(live_server.url + href)
        assert response.status == 200, f"nav link {text!r} ({href}) answered {response.status}"
        assert page.locator("h1").count() == 1, f"{href} does not have exactly one <h1>"
        assert page.locator("nav.site-nav").count() == 1, f"{href} lost the main navigation"
        here = urlsplit(page.url).path
        if here == href:
            current = page.locator(f'nav.site-nav a[href="{href}"]')
            assert current.get_attribute("aria-current") == "page", (
                f"nav link {text!r} is not marked as the current page on {href}"
            )
        assert_accessible(page)

    with page.expect_navigation():
        page.click(f'.site-header form[action="{reverse("logout")}"] button')
    assert urlsplit(page.url).path == reverse("portal:home")
    page.goto(live_server.url + dashboard)
    assert urlsplit(page.url).path == reverse("login"), "still logged in after logging out"


def test_a_staff_page_asked_anonymously_leads_through_log_in_back_to_it(
    page: Page, live_server, e2e_world: World
):
    people = reverse("people:list", kwargs={"digibank": e2e_world.a.digibank.slug})
    page.goto(live_server.url + people)
    parts = urlsplit(page.url)
    assert parts.path == reverse("login")
    assert parse_qs(parts.query)["next"] == [people]
    assert_accessible(page)

    fill_login_form(page, e2e_world.a.users["hub_volunteer"].username)
    assert urlsplit(page.url).path == people
    assert page.locator("h1").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_an_empty_form_puts_the_focus_on_the_error_summary(
    new_context, live_server, e2e_world: World, javascript: bool
):
    page = new_context(java_script_enabled=javascript).new_page()
    page.goto(live_server.url + reverse("login"))
    assert page.locator(".error-summary").count() == 0
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert focused(page, ".error-summary"), "the error summary did not receive the focus"
    assert page.title().startswith(translated_error_prefix())
    # Each error in the summary links to its field.
    targets = summary.locator("a").evaluate_all("links => links.map(a => a.hash)")
    assert targets, "the error summary lists no field"
    for target in targets:
        assert page.locator(target).count() == 1, f"{target} in the error summary leads nowhere"
    assert page.locator("#id_username_error.error-message").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("role", ["region_admin", "region_analyst"])
def test_a_region_user_logs_in_and_lands_on_the_region_overview(
    page: Page, login, live_server, e2e_world: World, role: str
):
    login(page, e2e_world.region_users[role])
    overview = reverse("region:overview", kwargs={"region": e2e_world.region.slug})
    assert urlsplit(page.url).path == overview
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    other = reverse("region:overview", kwargs={"region": e2e_world.other_region.slug})
    response = page.goto(live_server.url + other)
    assert response is not None
    assert response.status == 404
