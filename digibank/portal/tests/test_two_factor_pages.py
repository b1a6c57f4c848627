"""The pages of the second log-in step: setting up the app on first log-in, the recovery codes
shown once, the code at each log-in, a recovery code used once."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from digibank.core.models import AuditAction, AuditEntry
from digibank.testing import PASSWORD, World, app_code, give_app

SECOND_STEP = reverse("portal:second_step")
SETUP = reverse("portal:second_step_setup")
CODES = reverse("portal:recovery_codes")


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def log_in(client: Client, user, next_url: str = "/staff/") -> None:
    response = client.post(
        reverse("login") + f"?next={next_url}", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302


def set_up_app(client: Client, user, next_url: str) -> list[str]:
    """Through the set-up page as a person would; returns the recovery codes shown."""
    response = client.get(SETUP, {"next": next_url})
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"code": app_code(device), "next": next_url})
    assert response.status_code == 302, response.content.decode()
    response = client.get(response["Location"])
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())


def test_the_first_log_in_sets_up_the_app_and_shows_the_codes_once(world: World, required):
    user = world.users["coordinator"]
    people = reverse("people:list", kwargs={"digibank": world.a.digibank.slug})
    client = Client()
    log_in(client, user, people)

    response = client.get(people)
    assert response["Location"].startswith(SECOND_STEP)
    response = client.get(response["Location"])
    assert response["Location"].startswith(SETUP)
    page = client.get(response["Location"]).content.decode()
    # The QR code is drawn in the page (no image from anywhere) and the key is there as text.
    assert '<svg class="qr-code"' in page and "<path d=" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert device.config_url.split("secret=")[1].split("&")[0] in page.replace(" ", "")

    codes = set_up_app(client, user, people)
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get(people).status_code == 200
    # Shown once: the page does not show them again.
    assert not re.findall(r"<li><code>", client.get(CODES).content.decode())
    assert AuditEntry.objects.filter(actor=user, action=AuditAction.SECOND_FACTOR_SET).exists()


def test_a_wrong_code_does_not_set_up_the_app(world: World, required):
    user = world.users["coordinator"]
    client = Client()
    log_in(client, user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    wrong = f"{(int(app_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"code": wrong})
    assert response.status_code == 200
    assert "This code is not right" in response.content.decode()
    assert not TOTPDevice.objects.get(user=user).confirmed
    assert client.get(reverse("portal:account"))["Location"].startswith(SECOND_STEP)


def test_reloading_the_set_up_page_keeps_the_same_key(world: World, required):
    user = world.users["coordinator"]
    client = Client()
    log_in(client, user)
    client.get(SETUP)
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_a_user_with_an_app_cannot_set_up_another_before_the_code(world: World, required):
    """Otherwise a stolen password would be enough to replace the owner's app."""
    user = world.users["coordinator"]
    give_app(user)
    client = Client()
    log_in(client, user)
    response = client.post(SETUP, {"code": "123456"})
    assert response.status_code == 302 and response["Location"].startswith(SECOND_STEP)
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_the_next_log_in_asks_the_code_and_refuses_it_twice(world: World, required):
    user = world.users["coordinator"]
    device = give_app(user)
    client = Client()
    log_in(client, user)
    code = app_code(device)
    assert client.post(SECOND_STEP, {"code": code, "next": "/staff/"})["Location"] == "/staff/"
    client.post(reverse("logout"))

    other = Client()
    log_in(other, user)
    response = other.post(SECOND_STEP, {"code": code, "next": "/staff/"})
    assert response.status_code == 200, "a code may be used only once"
    assert "This code is not right" in response.content.decode()
    assert other.get(reverse("portal:account")).status_code == 302


def test_the_second_step_gives_a_new_session_key(world: World, required):
    user = world.users["coordinator"]
    device = give_app(user)
    client = Client()
    log_in(client, user)
    before = client.session.session_key
    client.post(SECOND_STEP, {"code": app_code(device)})
    assert client.session.session_key != before


def test_a_recovery_code_works_once(world: World, required):
    user = world.users["coordinator"]
    client = Client()
    log_in(client, user)
    codes = set_up_app(client, user, "/staff/")
    client.post(reverse("logout"))

    second = Client()
    log_in(second, user)
    response = second.post(SECOND_STEP, {"code": codes[0].upper(), "next": "/staff/"})
    assert response["Location"] == "/staff/"
    assert second.get(reverse("portal:account")).status_code == 200
    third = Client()
    log_in(third, user)
    response = third.post(SECOND_STEP, {"code": codes[0], "next": "/staff/"})
    assert response.status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_new_recovery_codes_replace_the_old_ones(world: World, required):
    user = world.users["coordinator"]
    client = Client()
    log_in(client, user)
    old = set_up_app(client, user, "/staff/")
    response = client.post(CODES)
    new = re.findall(
        r"<li><code>([a-z2-7]{8})</code></li>", client.get(response["Location"]).content.decode()
    )
    assert len(new) == 10
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert stored == set(new) and not stored & set(old)


def test_the_status_page_tells_whether_it_is_on(world: World):
    user = world.users["coordinator"]
    client = Client()
    client.force_login(user)
    status = reverse("portal:second_step_status")
    assert "Two-step log-in is off" in client.get(status).content.decode()
    give_app(user)
    client.force_login(user)
    assert client.get(status)["Location"].startswith(SECOND_STEP)


def test_the_second_step_sends_only_to_this_site(world: World, required):
    user = world.users["coordinator"]
    device = give_app(user)
    client = Client()
    log_in(client, user)
    response = client.post(SECOND_STEP, {"code": app_code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("portal:staff_home")
