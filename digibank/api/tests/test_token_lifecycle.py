"""API tokens (issue 9, point 7): an expiry date chosen when made, and revoked on their own when
the password changes (page or reset), the account is switched off or the user loses a role;
making and revoking are in the audit trail."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from digibank.core.models import ApiToken, AuditAction, AuditEntry, TokenRevocation
from digibank.core.services import create_api_token, revoke_api_token
from digibank.organisations.models import Membership, Role
from digibank.organisations.services import remove_member
from digibank.testing import PASSWORD, World, act

ME = "/api/me"


def call(key: str):
    return Client().get(ME, headers={"authorization": f"Bearer {key}"})


def works(key: str) -> bool:
    return call(key).status_code == 200


def token_of(key: str) -> ApiToken:
    return ApiToken.objects.get(key_hash=ApiToken.hash_key(key))


@pytest.mark.parametrize("days", [30, 90, 180, 365])
def test_a_token_is_valid_for_the_chosen_number_of_days(world: World, days: int):
    before = timezone.now()
    key = create_api_token(user=world.users["analyst"], name="report", days=days)

    expires_at = token_of(key).expires_at
    assert before + timedelta(days=days) <= expires_at <= timezone.now() + timedelta(days=days)
    assert works(key)


def test_it_refuses_a_lifetime_of_more_than_a_year(world: World):
    with pytest.raises(ValueError):
        create_api_token(user=world.users["analyst"], name="forever", days=366)
    assert not ApiToken.objects.exists()


def test_it_refuses_a_token_past_its_expiry_date(world: World):
    key = create_api_token(user=world.users["analyst"], name="report", days=30)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = call(key)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_a_password_change_on_the_page_revokes_every_token(world: World):
    user = world.users["coordinator"]
    keys = [create_api_token(user=user, name=name) for name in ("laptop", "script")]
    client = Client()
    client.force_login(user)
    new = "purple elephant dances 42"

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    assert response.status_code == 302
    assert not any(works(key) for key in keys)
    assert {token_of(key).revoked_reason for key in keys} == {TokenRevocation.PASSWORD}
    entries = AuditEntry.objects.filter(object_type="core.apitoken", action=AuditAction.CHANGE)
    assert entries.count() == 2 and {entry.actor for entry in entries} == {user}


def test_a_password_reset_revokes_every_token(world: World):
    user = world.users["coordinator"]
    key = create_api_token(user=user, name="laptop")
    browser = Client()
    browser.post("/accounts/password/reset/", {"email": user.email})
    path = re.search(r"/accounts/password/reset/[^/\s]+/[^/\s]+/", str(mail.outbox[0].body))
    assert path is not None
    form_page = browser.get(path.group(0), follow=True)
    new = "purple elephant dances 42"

    browser.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})

    user.refresh_from_db()
    assert user.check_password(new)
    assert not works(key)
    assert token_of(key).revoked_reason == TokenRevocation.PASSWORD


def test_switching_off_the_account_revokes_every_token(world: World):
    user = world.users["technician"]
    key = create_api_token(user=user, name="laptop")

    user.is_active = False
    user.save(update_fields=["is_active"])

    assert token_of(key).revoked_reason == TokenRevocation.DEACTIVATED
    user.is_active = True
    user.save()
    assert not works(key)


def test_losing_a_role_revokes_every_token_audited_as_the_coordinator(world: World):
    user = world.users["technician"]
    key = create_api_token(user=user, name="laptop")
    coordinator = world.users["coordinator"]
    membership = Membership.objects.get(user=user, role=Role.TECHNICIAN)

    remove_member(membership=membership, by=act(coordinator))

    assert not works(key)
    assert token_of(key).revoked_reason == TokenRevocation.ROLE
    entry = AuditEntry.objects.get(object_type="core.apitoken", action=AuditAction.CHANGE)
    assert entry.actor == coordinator and entry.note == "revoked: role"


def test_saving_the_user_for_anything_else_keeps_the_tokens(world: World):
    user = world.users["analyst"]
    key = create_api_token(user=user, name="report")

    user.first_name = "Renamed"
    user.save()
    Client().post(reverse("login"), {"username": user.username, "password": PASSWORD})

    assert works(key)
    assert token_of(key).revoked_at is None


def test_making_and_revoking_a_token_are_audited_without_the_key(world: World):
    user = world.users["analyst"]
    key = create_api_token(user=user, name="report", days=30)
    token = token_of(key)

    revoke_api_token(user=user, token_id=token.pk)

    made, revoked = AuditEntry.objects.filter(
        object_type="core.apitoken", object_id=str(token.pk)
    ).order_by("id")
    assert (made.action, made.actor, made.fields) == (
        AuditAction.CREATE,
        user,
        ["expires_at", "name"],
    )
    assert (revoked.action, revoked.actor, revoked.note) == (
        AuditAction.CHANGE,
        user,
        "revoked: owner",
    )
    assert key not in made.note + revoked.note
    assert not works(key)
