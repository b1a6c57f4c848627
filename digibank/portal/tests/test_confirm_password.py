"""Issue 9, point 5: exports of personal data and the erasure of a person ask for the password
again (and the app's code, for a user who has one) when it was last given more than
REAUTHENTICATION_MINUTES ago; then the user goes on where they were going."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from digibank.core import two_factor
from digibank.people.models import Person
from digibank.testing import PASSWORD, World, app_code, give_app, log_in_with_app

CONFIRM = reverse("portal:confirm_password")


def long_ago(client: Client) -> None:
    """The password was last given six minutes ago."""
    session = client.session
    session[two_factor.CONFIRMED_AT_SESSION_KEY] = int(time.time()) - 6 * 60
    session.save()


def export_url(world: World, kind: str = "csv") -> str:
    return reverse(f"devices:export_{kind}", kwargs={"digibank": world.a.digibank.slug})


def erase_url(world: World, person: Person) -> str:
    return reverse(
        "people:delete", kwargs={"digibank": world.a.digibank.slug, "person_id": person.pk}
    )


@pytest.fixture
def coordinator(world: World) -> Client:
    client = Client()
    client.force_login(world.users["coordinator"])
    return client


def test_exports_and_erasure_are_the_views_that_confirm():
    """The views marked `confirm_password=True`: a new export must be added here on purpose."""
    marked = set()

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif getattr(pattern.callback, "confirms_password", False):
                marked.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns)
    assert marked == {"devices:export_csv", "devices:export_xlsx", "people:delete"}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_export_is_refused_without_a_recent_password(world: World, coordinator, kind):
    long_ago(coordinator)
    url = export_url(world, kind)
    response = coordinator.get(url + "?q=x")
    assert response.status_code == 302
    assert response["Location"] == f"{CONFIRM}?next={url}%3Fq%3Dx"


def test_the_erasure_is_refused_without_a_recent_password(world: World, coordinator):
    person = world.a.person
    long_ago(coordinator)
    response = coordinator.post(erase_url(world, person))
    assert response.status_code == 302 and response["Location"].startswith(CONFIRM)
    assert Person.objects.filter(pk=person.pk).exists()
    assert coordinator.get(erase_url(world, person))["Location"].startswith(CONFIRM)


def test_the_password_lets_the_user_go_on_for_a_few_minutes(world: World, coordinator):
    long_ago(coordinator)
    url = export_url(world)
    page = coordinator.get(CONFIRM, {"next": url})
    assert page.status_code == 200 and 'name="code"' not in page.content.decode()
    response = coordinator.post(CONFIRM, {"password": PASSWORD, "next": url})
    assert response["Location"] == url
    assert coordinator.get(url).status_code == 200
    person = world.a.person
    assert coordinator.post(erase_url(world, person)).status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()


def test_a_wrong_password_is_refused(world: World, coordinator):
    long_ago(coordinator)
    response = coordinator.post(CONFIRM, {"password": "wrong", "next": export_url(world)})
    assert response.status_code == 200
    assert "This password is not right." in response.content.decode()
    assert coordinator.get(export_url(world)).status_code == 302


def test_wrong_passwords_here_lock_the_account_like_on_the_log_in_page(world: World, coordinator):
    long_ago(coordinator)
    for _ in range(5):
        coordinator.post(CONFIRM, {"password": "wrong", "next": export_url(world)})
    response = coordinator.post(CONFIRM, {"password": PASSWORD, "next": export_url(world)})
    assert response.status_code == 429
    assert coordinator.get(export_url(world)).status_code == 302


def test_a_user_with_an_app_gives_its_code_too(world: World):
    user = world.users["coordinator"]
    device = give_app(user)
    client = Client()
    log_in_with_app(client, user, device)
    long_ago(client)
    url = export_url(world)
    response = client.post(CONFIRM, {"password": PASSWORD, "next": url})
    assert response.status_code == 200, "the code is missing"
    wrong = f"{(int(app_code(device, 1)) + 1) % 1_000_000:06d}"
    response = client.post(CONFIRM, {"password": PASSWORD, "code": wrong, "next": url})
    assert response.status_code == 200, "the code is wrong"
    assert client.get(url).status_code == 302
    time.sleep(1.1)  # after a wrong code, the next one is checked a second later
    response = client.post(
        CONFIRM, {"password": PASSWORD, "code": app_code(device, 1), "next": url}
    )
    assert response["Location"] == url
    assert client.get(url).status_code == 200


def test_a_fresh_log_in_counts_as_a_confirmation(world: World, coordinator):
    assert coordinator.get(export_url(world)).status_code == 200
