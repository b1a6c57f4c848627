"""Invitations, through the services: the only way staff give someone a role."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry, User
from digibank.organisations import services
from digibank.organisations.models import (
    Invitation,
    InvitationEvent,
    InvitationMail,
    InvitationStatus,
    Membership,
    Role,
)
from digibank.organisations.permissions import (
    PUBLIC,
    access_for,
    acting_in_region,
    digibanks_for,
)
from digibank.organisations.tests.invitation_helpers import invite, key_in, last_key
from digibank.testing import act, make_user

STRONG = "kalender-fiets-42-wolk"


@pytest.fixture(autouse=True)
def english():
    """The refusals are read in the source language."""
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator(world):
    return act(world.users["coordinator"])


def _expire(invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_it_answers_the_same_for_an_existing_and_an_unknown_address(world, coordinator):
    existing_elsewhere = world.other_users["analyst"].email
    known, known_key = invite(world.a.digibank, existing_elsewhere, by=coordinator)
    unknown, unknown_key = invite(world.a.digibank, "niemand@example.be", by=coordinator)

    first, second = mail.outbox
    assert first.subject == second.subject
    assert first.body.replace(known_key, "KEY") == second.body.replace(unknown_key, "KEY")
    assert known.status == unknown.status == InvitationStatus.PENDING
    assert not Membership.objects.filter(
        user=world.other_users["analyst"], digibank=world.a.digibank
    ).exists()
    fields = [
        list(AuditEntry.objects.filter(object_id=str(i.pk), object_type="organisations.invitation"))
        for i in (known, unknown)
    ]
    assert [e.fields for e in fields[0]] == [e.fields for e in fields[1]] == [["email", "roles"]]


def test_it_does_not_look_up_accounts_when_inviting(world, coordinator):
    """The same queries for an address with an account elsewhere and for an unknown one: the
    answer cannot differ, not even in time spent asking the database."""
    asked = []
    for email in (world.other_users["analyst"].email, "niemand@example.be"):
        with CaptureQueriesContext(connection) as captured:
            invite(world.a.digibank, email, by=coordinator)
        asked.append(
            [
                re.sub(r"'[^']*'|\b\d+\b", "?", query["sql"])
                for query in captured.captured_queries
                if "SAVEPOINT" not in query["sql"]
            ]
        )
    assert asked[0] == asked[1]
    by_address = [
        sql for sql in asked[0] if 'FROM "core_user"' in sql and "email" in sql.split("WHERE")[-1]
    ]
    assert by_address == []


def test_a_pending_invitation_grants_nothing(world, coordinator):
    user = world.other_users["analyst"]
    invite(world.a.digibank, user.email, roles=(Role.COORDINATOR,), by=coordinator)
    assert access_for(user, world.a.digibank) is None
    assert world.a.digibank not in digibanks_for(user)
    assert not Membership.objects.filter(user=user, digibank=world.a.digibank).exists()


def test_accepting_gives_the_roles_and_is_recorded(world, coordinator):
    user = make_user("lotte")
    invitation, key = invite(
        world.a.digibank,
        user.email,
        roles=(Role.TRAINER, Role.REFERRER),
        partner=world.a.partner,
        by=coordinator,
    )
    memberships = services.accept_invitation(key=key, by=user)

    assert {(m.role, m.partner) for m in memberships} == {
        (Role.TRAINER, None),
        (Role.REFERRER, world.a.partner),
    }
    assert access_for(user, world.a.digibank).roles == {Role.TRAINER, Role.REFERRER}
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.accepted_by == user
    assert InvitationEvent.objects.get(invitation=invitation).by == user
    entry = AuditEntry.objects.get(
        object_type="organisations.invitation", object_id=invitation.pk, action="change"
    )
    assert entry.actor == user and entry.fields == ["status"]


def test_the_account_of_another_address_cannot_accept(world, coordinator):
    _invitation, key = invite(world.a.digibank, "lotte@example.be", by=coordinator)
    intruder = world.other_users["trainer"]
    with pytest.raises(DomainError):
        services.accept_invitation(key=key, by=intruder)
    assert not Membership.objects.filter(user=intruder, digibank=world.a.digibank).exists()


def test_the_address_is_compared_without_regard_to_case(world, coordinator):
    user = make_user("lotte")
    _invitation, key = invite(world.a.digibank, user.email.upper(), by=coordinator)
    services.accept_invitation(key=key, by=user)
    assert Membership.objects.filter(user=user, digibank=world.a.digibank).exists()


def test_a_used_link_cannot_be_used_again(world, coordinator):
    user = make_user("lotte")
    _invitation, key = invite(world.a.digibank, user.email, by=coordinator)
    services.accept_invitation(key=key, by=user)
    with pytest.raises(DomainError, match="accepted already"):
        services.accept_invitation(key=key, by=user)
    assert Membership.objects.filter(user=user, digibank=world.a.digibank).count() == 1


def test_an_expired_link_is_refused(world, coordinator):
    user = make_user("lotte")
    invitation, key = invite(world.a.digibank, user.email, by=coordinator)
    assert invitation.expires_at - timezone.now() > datetime.timedelta(days=6, hours=23)
    _expire(invitation)
    with pytest.raises(DomainError, match="expired"):
        services.accept_invitation(key=key, by=user)
    assert not Membership.objects.filter(user=user, digibank=world.a.digibank).exists()


def test_the_expiry_follows_the_setting(world, coordinator, settings):
    settings.INVITATION_DAYS = 2
    invitation, _key = invite(world.a.digibank, by=coordinator)
    left = invitation.expires_at - timezone.now()
    assert datetime.timedelta(days=1, hours=23) < left <= datetime.timedelta(days=2)


def test_a_withdrawn_invitation_cannot_be_accepted(world, coordinator):
    user = make_user("lotte")
    invitation, key = invite(world.a.digibank, user.email, by=coordinator)
    services.withdraw_invitation(invitation=invitation, by=coordinator)
    with pytest.raises(DomainError, match="withdrawn"):
        services.accept_invitation(key=key, by=user)
    assert not Membership.objects.filter(user=user, digibank=world.a.digibank).exists()
    assert AuditEntry.objects.filter(
        object_type="organisations.invitation", object_id=invitation.pk, fields=["status"]
    ).exists()


def test_sending_again_replaces_the_link_and_the_expiry(world, coordinator):
    user = make_user("lotte")
    invitation, old_key = invite(world.a.digibank, user.email, by=coordinator)
    _expire(invitation)
    services.resend_invitation(invitation=invitation, by=coordinator)
    new_key = last_key()
    assert new_key != old_key
    with pytest.raises(DomainError, match="does not work"):
        services.accept_invitation(key=old_key, by=user)
    services.accept_invitation(key=new_key, by=user)
    assert AuditEntry.objects.filter(
        object_type="organisations.invitation", object_id=invitation.pk, note="sent again"
    ).exists()


def test_an_unknown_key_is_refused(world):
    with pytest.raises(DomainError, match="does not work"):
        services.invitation_for_key("not-a-key")


def test_only_the_digest_of_the_key_is_stored(world, coordinator):
    invitation, key = invite(world.a.digibank, by=coordinator)
    row = Invitation.objects.filter(pk=invitation.pk).values().get()
    assert key not in str(row)
    assert row["key_hash"] == Invitation.hash_key(key)


def test_the_link_is_built_on_site_url(world, coordinator, settings):
    settings.SITE_URL = "https://digibank.example"
    invite(world.a.digibank, by=coordinator)
    assert (
        f"https://digibank.example/invitations/{key_in(mail.outbox[-1])}/" in mail.outbox[-1].body
    )


def test_a_new_account_chooses_its_own_password_and_accepts(world, coordinator):
    invitation, key = invite(world.a.digibank, "Lotte@Example.be", by=coordinator)
    user = services.accept_invitation_with_new_account(
        key=key,
        username="lotte",
        first_name="Lotte",
        last_name="Wouters",
        password=STRONG,
        by=PUBLIC,
    )
    assert user.email == "lotte@example.be"
    assert user.check_password(STRONG)
    assert access_for(user, world.a.digibank).roles == {Role.TRAINER}
    invitation.refresh_from_db()
    assert invitation.accepted_by == user


@pytest.mark.parametrize("password", ["12345678", "password", "lotte", "wouters-lotte"])
def test_a_weak_password_is_refused_by_djangos_validators(world, coordinator, password):
    _invitation, key = invite(world.a.digibank, "lotte@example.be", by=coordinator)
    with pytest.raises(DomainError) as refused:
        services.accept_invitation_with_new_account(
            key=key,
            username="lotte",
            first_name="Lotte",
            last_name="Wouters",
            password=password,
            by=PUBLIC,
        )
    assert refused.value.field == "password1"
    assert not User.objects.filter(username="lotte").exists()


def test_no_second_account_is_made_for_an_address_that_has_one(world, coordinator):
    existing = world.other_users["trainer"]
    _invitation, key = invite(world.a.digibank, existing.email, by=coordinator)
    with pytest.raises(DomainError, match="Log in"):
        services.accept_invitation_with_new_account(
            key=key,
            username="other",
            first_name="O",
            last_name="T",
            password=STRONG,
            by=PUBLIC,
        )
    assert User.objects.filter(email__iexact=existing.email).count() == 1


def test_a_switched_off_account_cannot_accept(world, coordinator):
    user = make_user("gone", is_active=False)
    _invitation, key = invite(world.a.digibank, user.email, by=coordinator)
    with pytest.raises(DomainError):
        services.accept_invitation(key=key, by=user)


def test_it_refuses_a_role_the_person_already_has_here(world, coordinator):
    with pytest.raises(DomainError) as refused:
        invite(world.a.digibank, world.users["trainer"].email, by=coordinator)
    assert refused.value.field == "roles"
    assert not mail.outbox


def test_a_second_invitation_of_one_address_is_refused(world, coordinator):
    invite(world.a.digibank, "lotte@example.be", by=coordinator)
    with pytest.raises(DomainError) as refused:
        invite(world.a.digibank, "LOTTE@example.be", by=coordinator)
    assert refused.value.field == "email"
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("roles", "partner_of", "field"),
    [
        ((), None, "roles"),
        (("boss",), None, "roles"),
        ((Role.REFERRER,), None, "partner"),
        ((Role.REFERRER,), "b", "partner"),
    ],
)
def test_it_refuses_bad_roles_and_partners(world, coordinator, roles, partner_of, field):
    partner = world.b.partner if partner_of == "b" else None
    with pytest.raises(DomainError) as refused:
        invite(world.a.digibank, roles=roles, partner=partner, by=coordinator)
    assert refused.value.field == field
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("email", ["", "not-an-email", "<script>@x"])
def test_it_refuses_a_bad_address(world, coordinator, email):
    with pytest.raises(DomainError) as refused:
        invite(world.a.digibank, email, by=coordinator)
    assert refused.value.field == "email"


def test_only_a_coordinator_of_this_digibank_invites(world):
    with pytest.raises(PermissionDenied):
        invite(world.a.digibank, by=act(world.users["trainer"]))
    with pytest.raises(PermissionDenied):
        invite(world.a.digibank, by=act(world.other_users["coordinator"]))
    assert not Invitation.objects.exists()


def test_only_a_coordinator_of_this_digibank_withdraws_or_sends_again(world, coordinator):
    invitation, _key = invite(world.a.digibank, by=coordinator)
    for by in (act(world.users["trainer"]), act(world.other_users["coordinator"])):
        with pytest.raises(PermissionDenied):
            services.withdraw_invitation(invitation=invitation, by=by)
        with pytest.raises(PermissionDenied):
            services.resend_invitation(invitation=invitation, by=by)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_a_region_admin_invites_a_coordinator_of_a_digibank_of_the_region(world):
    admin = acting_in_region(world.region_users["region_admin"], world.region)
    invitation, _key = invite(world.a.digibank, roles=(Role.COORDINATOR,), by=admin)
    services.withdraw_invitation(invitation=invitation, by=admin)
    with pytest.raises(PermissionDenied):
        invite(
            world.a.digibank,
            roles=(Role.COORDINATOR,),
            by=acting_in_region(world.region_users["region_analyst"], world.region),
        )


def test_it_limits_the_mails_one_person_sends_an_hour(world, coordinator, settings):
    settings.INVITATION_HOURLY_LIMIT = 2
    first, _key = invite(world.a.digibank, "een@example.be", by=coordinator)
    services.resend_invitation(invitation=first, by=coordinator)
    with pytest.raises(DomainError, match="in the last hour"):
        invite(world.a.digibank, "twee@example.be", by=coordinator)
    with pytest.raises(DomainError, match="in the last hour"):
        services.resend_invitation(invitation=first, by=coordinator)
    assert len(mail.outbox) == 2
    assert not Invitation.objects.filter(email="twee@example.be").exists()
    # Another coordinator has their own count; an hour later this one may send again.
    invite(world.b.digibank, "drie@example.be", by=act(world.other_users["coordinator"]))
    InvitationMail.objects.update(at=timezone.now() - datetime.timedelta(minutes=61))
    invite(world.a.digibank, "twee@example.be", by=coordinator)


def test_a_mail_that_cannot_be_sent_leaves_no_invitation(world, coordinator, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr("digibank.organisations.invitation_mail.send_mail", refuse)
    with pytest.raises(DomainError, match="could not be sent"):
        invite(world.a.digibank, by=coordinator)
    assert not Invitation.objects.exists()
    assert not InvitationMail.objects.exists()


def test_staff_cannot_add_an_existing_account_directly(world, coordinator):
    """Only the system (commands, demo data) adds a role without an invitation."""
    with pytest.raises(TypeError):
        services.add_member(
            digibank=world.a.digibank,
            user=world.other_users["analyst"],
            role=Role.ANALYST,
            by=coordinator,
        )
    with pytest.raises(TypeError):
        services.add_region_member(
            region=world.region,
            user=world.other_users["analyst"],
            role="region_analyst",
            by=acting_in_region(world.region_users["region_admin"], world.region),
        )
    with pytest.raises(TypeError):
        services.create_staff_user(
            username="x", email="x@example.be", by=coordinator, digibank=world.a.digibank
        )
