"""A log-in ends after 30 minutes idle, after 12 hours in all, and when the browser closes; the
clock of digibank.core.security is moved to travel in time."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from digibank.core import security
from digibank.testing import PASSWORD, World

MINUTE = 60


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.moment = 1_800_000_000
        monkeypatch.setattr(security, "now", lambda: self.moment)

    def travel(self, minutes: int) -> None:
        self.moment += minutes * MINUTE


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


def staff_page(world: World) -> str:
    return reverse("portal:account")


def logged_in(world: World) -> Client:
    client = Client()
    client.force_login(world.users["coordinator"])
    return client


def test_the_limits_are_thirty_minutes_idle_twelve_hours_in_all_and_the_browser_session():
    assert settings.SESSION_COOKIE_AGE == 30 * MINUTE
    assert settings.SESSION_MAX_AGE == 12 * 60 * MINUTE
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_the_session_cookie_ends_with_the_browser(world: World):
    response = Client().post(
        reverse("login"), {"username": world.users["coordinator"].username, "password": PASSWORD}
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert not cookie["max-age"] and not cookie["expires"]


def test_a_log_in_ends_after_thirty_minutes_without_a_request(world: World, clock: Clock):
    client = logged_in(world)
    assert client.get(staff_page(world)).status_code == 200
    clock.travel(29)
    assert client.get(staff_page(world)).status_code == 200
    clock.travel(29)  # 58 minutes after the log-in, 29 after the last request
    assert client.get(staff_page(world)).status_code == 200
    clock.travel(31)
    response = client.get(staff_page(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    clock.travel(1)
    assert client.get(staff_page(world)).status_code == 302  # it stays ended


def test_a_log_in_ends_after_twelve_hours_however_active(world: World, clock: Clock):
    client = logged_in(world)
    for _ in range(12 * 3):
        assert client.get(staff_page(world)).status_code == 200
        clock.travel(20)
    assert client.get(staff_page(world)).status_code == 200  # exactly 12 hours
    clock.travel(1)
    response = client.get(staff_page(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
