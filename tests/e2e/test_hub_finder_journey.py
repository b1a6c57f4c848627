"""A resident finds the nearest hub that is open now from their postcode, with JavaScript off,
and opens its page; axe-core checks every page on the way."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from digibank.organisations import services
from digibank.organisations.permissions import SYSTEM
from digibank.testing import World
from tests.e2e.browser import assert_accessible
from tests.e2e.help_steps import hub_open_all_day
from tests.e2e.steps import press_enter_and_wait, tab_to

pytestmark = pytest.mark.e2e


def test_a_resident_finds_the_nearest_open_hub_by_postcode_without_javascript(
    new_context, live_server, e2e_world: World
):
    # The world's Mechelen hub, without hours, is closed now; a hub in Heffen, 5 km away, is open
    # all day with walk-in, even on a public holiday.
    closed = e2e_world.a.hub
    services.update_hub(hub=closed, by=SYSTEM, services=["help"])
    services.set_weekly_hours(hub=closed, by=SYSTEM, hours=[])
    open_hub = hub_open_all_day(e2e_world.a)

    page = new_context(java_script_enabled=False, locale="en-GB").new_page()
    page.set_extra_http_headers({"Accept-Language": "en"})
    page.goto(live_server.url + reverse("portal:home"))
    assert_accessible(page)

    # The help card's own search: the postcode, then Enter.
    tab_to(page, "main input#help-place")
    page.keyboard.type("2800")
    press_enter_and_wait(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query["place"] == ["2800"] and query["service"] == ["help"]
    assert "Nearest to 2800 Mechelen" in page.locator("main h2").first.inner_text()
    assert_accessible(page)

    results = page.locator(".hub-result")
    assert results.count() == 2
    first, second = results.nth(0), results.nth(1)
    assert closed.name in first.locator("h3").inner_text()
    assert "Closed now" in first.locator(".hub-status").inner_text()
    assert open_hub.name in second.locator("h3").inner_text()
    assert "km)" in second.locator("h3").inner_text()
    assert "Open now" in second.locator(".hub-status").inner_text()
    assert second.locator('a[href="tel:+3215445566"]').count() == 1, "no tap-to-call link"

    hub_page = reverse("organisations:public_hub_detail", kwargs={"hub_id": open_hub.pk})
    tab_to(page, f'main a[href="{hub_page}"]')
    press_enter_and_wait(page)
    assert urlsplit(page.url).path == hub_page
    assert page.locator("h1").inner_text().strip() == open_hub.name
    assert "Open now" in page.locator(".hub-status").inner_text()
    assert "To make an appointment, call us" in page.locator("main").inner_text()
    assert_accessible(page)
