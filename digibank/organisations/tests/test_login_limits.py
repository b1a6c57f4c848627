"""Log-in limits (issue 9, point 1): lock-out after failed attempts, the wait message, unlocking by
the coordinator or the region admin, and the audit trail of both."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from digibank.core.models import AuditAction, AuditEntry
from digibank.organisations import services
from digibank.organisations.permissions import acting_in_region
from digibank.organisations.tests.helpers import logged_in
from digibank.testing import PASSWORD, act, make_user

LOGIN = "/accounts/login/"
WAIT = "You tried to log in too many times"


def browser(address="192.0.2.10"):
    return Client(headers={"accept-language": "en"}, REMOTE_ADDR=address)


def attempt(client, username, password="wrong password"):
    return client.post(LOGIN, {"username": username, "password": password})


def fail(client, username, times):
    for _ in range(times):
        attempt(client, username)


def travel(minutes):
    """Move every stored attempt `minutes` into the past, as if that much time went by."""
    for row in AccessAttempt.objects.all():
        row.attempt_time -= datetime.timedelta(minutes=minutes)
        row.save(update_fields=["attempt_time"])


def logs_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def test_the_sixth_attempt_is_refused_with_the_wait_message_even_with_the_right_password(world):
    user = world.users["hub_volunteer"]
    client = browser()
    fail(client, user.username, 5)
    response = attempt(client, user.username, PASSWORD)
    assert response.status_code == 429
    content = response.content.decode()
    assert WAIT in content and 'class="error-summary"' in content
    assert "_auth_user_id" not in client.session


def test_it_refuses_the_right_password_from_another_address_too(world):
    user = world.users["hub_volunteer"]
    fail(browser("192.0.2.10"), user.username, 5)
    assert attempt(browser("198.51.100.7"), user.username, PASSWORD).status_code == 429


def test_four_wrong_passwords_still_let_the_right_one_in(world):
    user = world.users["hub_volunteer"]
    client = browser()
    fail(client, user.username, 4)
    assert logs_in(attempt(client, user.username, PASSWORD))


def test_after_thirty_minutes_the_right_password_works_again(world):
    user = world.users["hub_volunteer"]
    client = browser()
    fail(client, user.username, 5)
    travel(29)
    assert attempt(client, user.username, PASSWORD).status_code == 429
    travel(2)
    assert logs_in(attempt(client, user.username, PASSWORD))


def test_the_wait_message_says_when_to_try_again_in_dutch(world):
    user = world.users["hub_volunteer"]
    client = Client(headers={"accept-language": "nl"}, REMOTE_ADDR="192.0.2.10")
    fail(client, user.username, 5)
    content = attempt(client, user.username, PASSWORD).content.decode()
    last = AccessAttempt.objects.get().attempt_time + datetime.timedelta(minutes=30)
    expected = timezone.localtime(last).strftime("%H:%M")
    assert f"Probeer het opnieuw vanaf {expected}." in content


def test_it_refuses_an_address_after_twenty_failures_on_any_accounts(world):
    client = browser("203.0.113.5")
    for number in range(20):
        attempt(client, f"guess-{number}")
    user = world.users["hub_volunteer"]
    assert attempt(client, user.username, PASSWORD).status_code == 429
    assert logs_in(attempt(browser("192.0.2.99"), user.username, PASSWORD))


def test_nineteen_failures_from_one_address_are_not_yet_refused(world):
    client = browser("203.0.113.5")
    for number in range(19):
        attempt(client, f"guess-{number}")
    assert logs_in(attempt(client, world.users["hub_volunteer"].username, PASSWORD))


def test_a_lock_out_is_in_the_audit_trail_of_the_accounts_digibank_once(world):
    user = world.users["hub_volunteer"]
    client = browser()
    fail(client, user.username, 7)
    entries = AuditEntry.objects.filter(action=AuditAction.LOCK, object_id=str(user.pk))
    assert [(entry.digibank, entry.actor) for entry in entries] == [(world.a.digibank, None)]


def test_a_lock_out_of_an_account_without_digibank_is_audited_without_one(world):
    loner = make_user("loner")
    fail(browser(), loner.username, 5)
    entry = AuditEntry.objects.get(action=AuditAction.LOCK, object_id=str(loner.pk))
    assert entry.digibank is None


def unlock_url(bank, membership):
    return reverse(
        "organisations:member_unlock",
        kwargs={"digibank": bank.digibank.slug, "membership_id": membership.pk},
    )


def test_the_coordinator_sees_the_lock_and_unlocks_it_audited(world):
    user = world.users["hub_volunteer"]
    client = browser()
    fail(client, user.username, 5)
    coordinator = logged_in(world.users["coordinator"])
    members = reverse("organisations:member_list", kwargs={"digibank": world.a.digibank.slug})
    membership = user.memberships.get()
    assert unlock_url(world.a, membership) in coordinator.get(members).content.decode()
    response = coordinator.post(unlock_url(world.a, membership))
    assert response.status_code == 302
    assert logs_in(attempt(client, user.username, PASSWORD))
    entry = AuditEntry.objects.get(action=AuditAction.UNLOCK)
    assert (entry.actor, entry.digibank, entry.object_id) == (
        world.users["coordinator"],
        world.a.digibank,
        str(user.pk),
    )
    assert unlock_url(world.a, membership) not in coordinator.get(members).content.decode()


def test_a_coordinator_of_another_digibank_cannot_unlock(world):
    user = world.users["hub_volunteer"]
    fail(browser(), user.username, 5)
    other = logged_in(world.other_users["coordinator"])
    membership = user.memberships.get()
    url = reverse(
        "organisations:member_unlock",
        kwargs={"digibank": world.b.digibank.slug, "membership_id": membership.pk},
    )
    assert other.post(url).status_code == 404
    with pytest.raises(PermissionDenied):
        services.unlock_account(membership=membership, by=act(world.other_users["coordinator"]))
    assert attempt(browser(), user.username, PASSWORD).status_code == 429
    assert not AuditEntry.objects.filter(action=AuditAction.UNLOCK).exists()


def test_the_region_admin_can_unlock_a_member_of_the_region(world):
    user = world.users["hub_volunteer"]
    fail(browser(), user.username, 5)
    admin = world.region_users["region_admin"]
    services.unlock_account(
        membership=user.memberships.get(), by=acting_in_region(admin, world.region)
    )
    assert logs_in(attempt(browser(), user.username, PASSWORD))


def test_a_region_admin_of_another_region_cannot_unlock(world):
    user = world.users["hub_volunteer"]
    admin = world.region_users["region_admin"]
    with pytest.raises((PermissionDenied, Http404)):
        services.unlock_account(
            membership=user.memberships.get(), by=acting_in_region(admin, world.other_region)
        )
