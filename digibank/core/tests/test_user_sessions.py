"""The user's active sessions (issue 9, point 5): listed on the account page with the browser in
plain words, the address, when logged in and when last active; the user ends any other session
or all others, and that browser is logged out on its next request."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from digibank.core import security
from digibank.core.models import UserSession
from digibank.core.user_sessions import describe_device
from digibank.testing import PASSWORD, World

ACCOUNT = reverse("portal:account")
FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
EDGE_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"
)


def browser(user_agent: str, address: str = "192.0.2.10") -> Client:
    return Client(REMOTE_ADDR=address, headers={"user-agent": user_agent, "accept-language": "en"})


def logged_in(world: World, user_agent: str, address: str = "192.0.2.10") -> Client:
    """A browser that logs in through the log-in page, as a person does."""
    client = browser(user_agent, address)
    user = world.users["coordinator"]
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize(
    ("user_agent", "words"),
    [
        (FIREFOX_WINDOWS, "Firefox on Windows"),
        (CHROME_ANDROID, "Chrome on Android"),
        (SAFARI_IPHONE, "Safari on iPhone"),
        (EDGE_WINDOWS, "Edge on Windows"),
        ("curl/8.5.0", "Unknown browser"),
        ("", "Unknown browser"),
    ],
)
def test_it_names_the_browser_and_system_in_plain_words(user_agent, words):
    assert describe_device(user_agent) == words


def test_a_log_in_records_the_session_with_browser_address_and_times(world: World):
    client = logged_in(world, FIREFOX_WINDOWS, "198.51.100.20")

    row = UserSession.objects.get()
    assert row.session_key == client.session.session_key
    assert row.user == world.users["coordinator"]
    assert row.address == "198.51.100.20"
    assert row.signed_in_at == row.last_seen_at
    page = client.get(ACCOUNT).content.decode()
    assert "Firefox on Windows" in page and "198.51.100.20" in page
    assert "this browser" in page


def test_the_account_page_lists_every_session_and_ends_one_other(world: World):
    firefox = logged_in(world, FIREFOX_WINDOWS)
    chrome = logged_in(world, CHROME_ANDROID)
    assert chrome.get(ACCOUNT).status_code == 200
    page = firefox.get(ACCOUNT).content.decode()
    assert "Chrome on Android" in page and "Firefox on Windows" in page
    other = UserSession.objects.get(session_key=chrome.session.session_key)

    response = firefox.post(reverse("portal:end_session", kwargs={"session_id": other.pk}))

    assert response.status_code == 302
    assert chrome.get(ACCOUNT).status_code == 302  # logged out: sent to the log-in page
    assert firefox.get(ACCOUNT).status_code == 200
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [
        firefox.session.session_key
    ]


def test_logging_out_everywhere_else_keeps_only_this_browser(world: World):
    firefox = logged_in(world, FIREFOX_WINDOWS)
    others = [logged_in(world, CHROME_ANDROID), logged_in(world, SAFARI_IPHONE)]

    firefox.post(reverse("portal:end_other_sessions"))

    assert all(other.get(ACCOUNT).status_code == 302 for other in others)
    assert firefox.get(ACCOUNT).status_code == 200
    assert UserSession.objects.count() == 1


def test_it_does_not_end_the_current_session_or_another_users(world: World):
    firefox = logged_in(world, FIREFOX_WINDOWS)
    mine = UserSession.objects.get()
    stranger = Client()
    stranger.force_login(world.users["analyst"])
    theirs = UserSession.objects.get(user=world.users["analyst"])

    for row in (mine, theirs):
        url = reverse("portal:end_session", kwargs={"session_id": row.pk})
        assert firefox.post(url).status_code == 404
    assert firefox.get(ACCOUNT).status_code == 200
    assert stranger.get(ACCOUNT).status_code == 200


def test_logging_out_removes_the_row(world: World):
    client = logged_in(world, FIREFOX_WINDOWS)

    client.post(reverse("logout"))

    assert not UserSession.objects.exists()


def test_a_session_ended_by_the_idle_limit_removes_its_row(world: World, monkeypatch):
    moment = [1_800_000_000]
    monkeypatch.setattr(security, "now", lambda: moment[0])
    client = logged_in(world, FIREFOX_WINDOWS)
    assert UserSession.objects.count() == 1

    moment[0] += settings.SESSION_COOKIE_AGE + 1
    assert client.get(ACCOUNT).status_code == 302

    assert not UserSession.objects.exists()


def test_last_active_moves_at_most_once_a_minute(world: World, monkeypatch):
    moment = [1_800_000_000]
    monkeypatch.setattr(security, "now", lambda: moment[0])
    client = logged_in(world, FIREFOX_WINDOWS)
    first = UserSession.objects.get().last_seen_at

    moment[0] += 30
    client.get(ACCOUNT)
    assert UserSession.objects.get().last_seen_at == first

    moment[0] += 30
    client.get(ACCOUNT)
    assert UserSession.objects.get().last_seen_at.timestamp() == moment[0]


def test_sessions_past_the_limits_are_not_listed_and_go_at_the_next_log_in(world: World):
    client = logged_in(world, FIREFOX_WINDOWS)
    user = world.users["coordinator"]
    now = timezone.now()
    idle = timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    UserSession.objects.create(
        session_key="idle", user=user, user_agent=SAFARI_IPHONE, signed_in_at=now - idle,
        last_seen_at=now - idle,
    )  # fmt: skip

    assert "Safari on iPhone" not in client.get(ACCOUNT).content.decode()
    logged_in(world, CHROME_ANDROID)
    assert not UserSession.objects.filter(session_key="idle").exists()


def test_a_password_change_forgets_the_other_sessions(world: World):
    firefox = logged_in(world, FIREFOX_WINDOWS)
    chrome = logged_in(world, CHROME_ANDROID)
    new = "purple elephant dances 42"

    firefox.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    page = firefox.get(ACCOUNT).content.decode()
    assert "Chrome on Android" not in page and "this browser" in page
    assert chrome.get(ACCOUNT).status_code == 302


def test_the_list_costs_the_same_queries_for_one_or_five_sessions(world: World):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    firefox = logged_in(world, FIREFOX_WINDOWS)
    firefox.get(ACCOUNT)
    with CaptureQueriesContext(connection) as one:
        firefox.get(ACCOUNT)
    for _ in range(4):
        logged_in(world, CHROME_ANDROID)
    firefox.get(ACCOUNT)

    with CaptureQueriesContext(connection) as five:
        page = firefox.get(ACCOUNT).content.decode()

    assert page.count("the session in Chrome on Android") == 4
    assert len(five.captured_queries) == len(one.captured_queries) > 0


def test_ending_a_session_deletes_it_from_the_session_store(world: World):
    firefox = logged_in(world, FIREFOX_WINDOWS)
    chrome = logged_in(world, CHROME_ANDROID)
    key = chrome.session.session_key
    row = UserSession.objects.get(session_key=key)

    firefox.post(reverse("portal:end_session", kwargs={"session_id": row.pk}))

    assert not Session.objects.filter(session_key=key).exists()


def test_a_session_gone_from_the_store_is_not_listed_and_its_row_goes(world: World):
    firefox = logged_in(world, FIREFOX_WINDOWS)
    chrome = logged_in(world, CHROME_ANDROID)
    key = chrome.session.session_key
    Session.objects.filter(session_key=key).delete()  # as Django's flush does on a stale hash

    assert "Chrome on Android" not in firefox.get(ACCOUNT).content.decode()
    assert not UserSession.objects.filter(session_key=key).exists()
