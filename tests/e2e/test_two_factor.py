"""Two-step log-in in the browser, with JavaScript off (issue 9, point 2): a coordinator's first
log-in sets up the app from the key shown on the page, shows the recovery codes, and the next
log-in asks the app's code. The test computes each code as an authenticator app would."""

from __future__ import annotations

import time
from base64 import b32decode
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from playwright.sync_api import Page

from digibank.testing import World
from tests.e2e.browser import assert_accessible, fill_login_form

pytestmark = pytest.mark.e2e


def code_from_key(key_text: str, steps_ahead: int = 0, at: float | None = None) -> str:
    """What an authenticator app shows for the key typed from the page."""
    secret = "".join(key_text.split())
    key = b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key, 30, 0, 6, 0)
    totp.time = (time.time() if at is None else at) + 30 * steps_ahead
    return f"{totp.token():06d}"


def submit(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def test_a_coordinator_sets_up_the_app_then_logs_in_with_its_code(
    new_context, live_server, e2e_world: World, settings
):
    settings.TWO_FACTOR_REQUIRED = True
    page = new_context(java_script_enabled=False).new_page()
    user = e2e_world.users["coordinator"]
    login = live_server.url + reverse("login")

    page.goto(login)
    assert "optional" not in page.inner_text("main")
    assert_accessible(page)
    fill_login_form(page, user.username)
    assert urlsplit(page.url).path == reverse("portal:second_step_setup")
    assert page.locator("svg.qr-code path").count() == 1
    assert_accessible(page)

    key = page.inner_text("code.secret-key")
    page.fill("#id_code", "000000" if code_from_key(key) != "000000" else "111111")
    submit(page)
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page)
    page.wait_for_timeout(1_100)  # after a wrong code, the next one is checked a second later
    set_up_at = time.time()
    set_up_step = int(set_up_at // 30)
    page.fill("#id_code", code_from_key(key, at=set_up_at))
    submit(page)

    assert urlsplit(page.url).path == reverse("portal:recovery_codes")
    assert page.locator("ol.recovery-codes li").count() == 10
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main a.button").click()
    dashboard = reverse("portal:dashboard", kwargs={"digibank": e2e_world.a.digibank.slug})
    assert urlsplit(page.url).path == dashboard

    with page.expect_navigation():
        page.click(f'.site-header form[action="{reverse("logout")}"] button')
    page.goto(login)
    fill_login_form(page, user.username)
    assert urlsplit(page.url).path == reverse("portal:second_step")
    assert_accessible(page)
    # The code of the set-up may not serve twice: a later period's code does. Still in the set-up's
    # period, that is the next one; once a period has passed, it is the current one, since a set-up
    # code accepted just after its period moves the device's window back by one (django-otp drift).
    ahead = 0 if int(time.time() // 30) > set_up_step else 1
    page.fill("#id_code", code_from_key(key, steps_ahead=ahead))
    submit(page)
    assert urlsplit(page.url).path == dashboard
