"""The account's security pages in Chromium, with axe-core on every page: the user's sessions,
ending another one, and making an API token valid for a chosen time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from digibank.core.models import ApiToken
from digibank.testing import World
from tests.e2e.browser import DESKTOP
from tests.e2e.steps import go, log_in, open_page, path_of, submit

pytestmark = pytest.mark.e2e

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


def test_a_user_ends_the_session_on_another_computer_which_is_then_logged_out(
    new_context, live_server, e2e_world: World
):
    user = e2e_world.users["coordinator"]
    hub_computer = new_context(viewport=DESKTOP, user_agent=FIREFOX_WINDOWS).new_page()
    log_in(hub_computer, live_server.url, user)
    phone = new_context(user_agent=CHROME_ANDROID, java_script_enabled=False).new_page()
    log_in(phone, live_server.url, user)

    account = live_server.url + reverse("portal:account")
    open_page(phone, account)
    sessions = phone.locator("main table").last
    assert "Firefox op Windows" in sessions.inner_text()
    assert "Chrome op Android" in sessions.inner_text()
    end = phone.get_by_role("button", name="Beëindigen (de sessie in Firefox op Windows)")
    go(phone, end.click)
    assert path_of(phone) == reverse("portal:account")
    assert "Firefox op Windows" not in phone.locator("main").inner_text()

    hub_computer.goto(account)
    assert path_of(hub_computer) == reverse("login")


def test_a_user_makes_a_token_valid_for_thirty_days(new_context, live_server, e2e_world: World):
    page = new_context(viewport=DESKTOP).new_page()
    log_in(page, live_server.url, e2e_world.users["analyst"])
    open_page(page, live_server.url + reverse("portal:api_tokens"))

    page.fill("#id_name", "Rapport")
    page.get_by_label("30 dagen").check()
    submit(page)  # checks the answer, which shows the key, with axe

    token = ApiToken.objects.get(user=e2e_world.users["analyst"])
    assert page.locator("code.token-key").inner_text().startswith(f"dgb_{token.prefix}")
    with translation.override("nl"):
        until = date_format(
            timezone.localtime(timezone.now() + timedelta(days=30)), "SHORT_DATE_FORMAT"
        )
    assert until in page.locator("main table").inner_text()
