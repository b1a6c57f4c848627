"""The invitation pages: the coordinator's form and list, and the link's pages."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from digibank.core.models import User
from digibank.organisations import services
from digibank.organisations.models import Invitation, InvitationStatus, Membership, Role
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.helpers import (
    EMOJI,
    EMPTY,
    RIGHT_TO_LEFT,
    SCRIPT,
    TOO_LONG,
    assert_error_next_to,
    english,
    logged_in,
)
from digibank.organisations.tests.invitation_helpers import invite, last_key
from digibank.testing import PASSWORD, act, make_user

STRONG = "kalender-fiets-42-wolk"


def same_shape(page: str, email: str) -> str:
    """The page with the address, the form tokens and the invitation's id taken out."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return re.sub(r"/invitations/\d+/", "/invitations/ID/", page.replace(email, "ADDRESS"))


def url(name, bank, **kwargs):
    return reverse(f"organisations:{name}", kwargs={"digibank": bank.digibank.slug, **kwargs})


def link(key, account=False):
    name = "organisations:invitation_account" if account else "organisations:invitation"
    return reverse(name, kwargs={"key": key})


@pytest.fixture
def coordinator(world):
    return logged_in(world.users["coordinator"])


def invite_data(**overrides):
    data = {"email": "lotte@example.be", "roles": [Role.TRAINER], "partner": ""}
    data.update(overrides)
    return data


def account_data(**overrides):
    data = {
        "first_name": "Lotte",
        "last_name": "Wouters",
        "username": "lotte",
        "password1": STRONG,
        "password2": STRONG,
    }
    data.update(overrides)
    return data


# The coordinator's side ------------------------------------------------------------------------


def elsewhere(world):
    """Someone with a name of their own, working in the other digibank only."""
    user = make_user("hanne-gent")
    User.objects.filter(pk=user.pk).update(last_name="Verstraete")
    services.add_member(by=SYSTEM, digibank=world.b.digibank, user=user, role=Role.ANALYST)
    return user


def test_the_answer_is_the_same_for_an_address_with_an_account_elsewhere(world, coordinator):
    other = elsewhere(world)
    answers = []
    for email in (other.email, "niemand@example.be"):
        response = coordinator.post(url("member_invite", world.a), invite_data(email=email))
        page = coordinator.get(response.url).content.decode()
        answers.append((response.status_code, response.url, same_shape(page, email)))
        # The next address meets the same list: this one's row goes.
        services.withdraw_invitation(invitation=Invitation.objects.get(email=email), by=SYSTEM)
    assert answers[0] == answers[1]
    assert "The invitation is sent to ADDRESS" in answers[0][2]
    for shown in (other.username, other.get_full_name()):
        assert shown not in answers[0][2]  # the address itself is replaced by ADDRESS
    assert not Membership.objects.filter(user=other, digibank=world.a.digibank).exists()


@override_settings(
    SITE_URL="https://digibank.example", ALLOWED_HOSTS=["testserver", "evil.example"]
)
def test_the_mail_links_to_site_url_even_with_a_forged_host(world):
    client = Client(headers={"accept-language": "en"}, HTTP_HOST="evil.example")
    client.force_login(world.users["coordinator"])
    response = client.post(url("member_invite", world.a), invite_data())
    assert response.status_code == 302
    body = mail.outbox[-1].body
    assert f"https://digibank.example/invitations/{last_key()}/" in body
    assert "evil.example" not in body


def test_the_list_shows_an_invitation_as_not_yet_accepted_with_the_address_only(world, coordinator):
    other = elsewhere(world)
    invite(world.a.digibank, other.email, roles=(Role.ANALYST, Role.TRAINER))
    page = coordinator.get(url("member_list", world.a)).content.decode()
    assert "Invitations not yet accepted" in page
    assert other.email in page
    assert "invited, not yet accepted" in page
    assert "Hanne" not in page and "Verstraete" not in page
    assert other.username not in page.replace(other.email, "")


def test_the_list_says_when_a_link_has_expired(world, coordinator):
    invitation, _key = invite(world.a.digibank)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=invitation.created_at)
    page = coordinator.get(url("member_list", world.a)).content.decode()
    assert "the link has expired" in page


def test_the_list_needs_the_same_queries_for_few_or_many_invitations(
    world, coordinator, django_assert_max_num_queries
):
    invite(world.a.digibank, "een@example.be")
    with django_assert_max_num_queries(14) as few:
        coordinator.get(url("member_list", world.a))
    for n in range(20):
        invite(
            world.a.digibank, f"ref{n}@example.be", roles=(Role.REFERRER,), partner=world.a.partner
        )
    with django_assert_max_num_queries(14) as many:
        coordinator.get(url("member_list", world.a))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_coordinator_sends_an_invitation_again(world, coordinator):
    invitation, old_key = invite(world.a.digibank)
    response = coordinator.post(url("invitation_resend", world.a, invitation_id=invitation.pk))
    assert response.url == url("member_list", world.a)
    assert last_key() != old_key
    assert len(mail.outbox) == 2


def test_the_coordinator_withdraws_an_invitation(world, coordinator):
    invitation, key = invite(world.a.digibank)
    coordinator.post(url("invitation_withdraw", world.a, invitation_id=invitation.pk))
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.WITHDRAWN
    assert "withdrawn" in english().get(link(key)).content.decode()
    assert "lotte" not in coordinator.get(url("member_list", world.a)).content.decode()


def test_an_invitation_of_another_digibank_is_not_found(world, coordinator):
    invitation, _key = invite(world.b.digibank)
    for name in ("invitation_resend", "invitation_withdraw"):
        response = coordinator.post(url(name, world.a, invitation_id=invitation.pk))
        assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_it_asks_for_a_partner_for_a_referrer(world, coordinator):
    response = coordinator.post(url("member_invite", world.a), invite_data(roles=[Role.REFERRER]))
    assert_error_next_to(response, "partner")
    assert not Invitation.objects.exists()


def test_it_offers_only_the_digibanks_active_partners(world, coordinator):
    content = coordinator.get(url("member_invite", world.a)).content.decode()
    assert world.a.partner.name in content
    assert world.b.partner.name not in content


def test_it_refuses_a_partner_of_another_digibank(world, coordinator):
    response = coordinator.post(
        url("member_invite", world.a),
        invite_data(roles=[Role.REFERRER], partner=str(world.b.partner.pk)),
    )
    assert_error_next_to(response, "partner")


def test_it_refuses_a_role_the_person_already_has(world, coordinator):
    response = coordinator.post(
        url("member_invite", world.a), invite_data(email="trainer-mechelen@digibank.example")
    )
    assert_error_next_to(response, "roles")


def test_it_says_when_the_hourly_limit_is_reached(world, coordinator, settings):
    settings.INVITATION_HOURLY_LIMIT = 1
    coordinator.post(url("member_invite", world.a), invite_data())
    response = coordinator.post(url("member_invite", world.a), invite_data(email="b@example.be"))
    assert response.status_code == 200
    assert "in the last hour" in response.content.decode()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", EMPTY),
        ("email", SCRIPT),
        ("email", RIGHT_TO_LEFT),
        ("email", TOO_LONG),
        ("roles", EMPTY),
        ("roles", EMOJI),
        ("partner", SCRIPT),
    ],
)
def test_it_refuses_bad_input_next_to_the_field(world, coordinator, field, value):
    response = coordinator.post(url("member_invite", world.a), invite_data(**{field: value}))
    assert_error_next_to(response, field)
    assert not Invitation.objects.exists()


# The invited person's side ---------------------------------------------------------------------


def test_the_link_page_names_the_digibank_and_roles_and_is_never_cached(world):
    _invitation, key = invite(world.a.digibank, roles=(Role.TRAINER, Role.ANALYST))
    response = english().get(link(key))
    page = response.content.decode()
    assert world.a.digibank.name in page
    assert "trainer" in page and "analyst" in page
    assert "no-store" in response["Cache-Control"]
    assert link(key, account=True) in page


def test_someone_without_an_account_makes_one_and_accepts(world):
    _invitation, key = invite(world.a.digibank, "lotte@example.be")
    client = english()
    response = client.post(link(key, account=True), account_data())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    user = User.objects.get(username="lotte")
    assert user.email == "lotte@example.be" and user.check_password(STRONG)
    assert Membership.objects.filter(user=user, digibank=world.a.digibank).exists()
    assert client.login(username="lotte", password=STRONG)
    assert client.get(reverse("portal:staff_home")).status_code == 302  # to the dashboard


def test_the_account_form_refuses_a_weak_password_next_to_the_field(world):
    _invitation, key = invite(world.a.digibank, "lotte@example.be")
    response = english().post(
        link(key, account=True), account_data(password1="12345678", password2="12345678")
    )
    assert_error_next_to(response, "password1")
    assert not User.objects.filter(username="lotte").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_name", EMPTY),
        ("last_name", TOO_LONG),
        ("username", "an peeters"),
        ("username", SCRIPT),
        ("username", EMPTY),
        ("password2", "something-else-9"),
    ],
)
def test_the_account_form_refuses_bad_input_next_to_the_field(world, field, value):
    _invitation, key = invite(world.a.digibank, "lotte@example.be")
    response = english().post(link(key, account=True), account_data(**{field: value}))
    assert_error_next_to(response, field)
    assert not User.objects.filter(email="lotte@example.be").exists()


def test_the_account_form_refuses_a_taken_username(world):
    _invitation, key = invite(world.a.digibank, "lotte@example.be")
    response = english().post(link(key, account=True), account_data(username="trainer-eeklo"))
    assert_error_next_to(response, "username")


def test_someone_with_an_account_is_asked_to_log_in_and_then_accepts(world):
    user = make_user("lotte")
    _invitation, key = invite(world.a.digibank, user.email)
    client = english()
    page = client.get(link(key)).content.decode()
    assert "Log in to accept" in page
    assert client.get(link(key, account=True)).url == link(key)  # no second account
    assert client.post(link(key)).url.startswith(reverse("login"))
    assert not Membership.objects.filter(user=user).exists()

    client.login(username=user.username, password=PASSWORD)
    assert "Accept the invitation" in client.get(link(key)).content.decode()
    response = client.post(link(key))
    assert response.url == reverse("portal:staff_home")
    assert Membership.objects.filter(user=user, digibank=world.a.digibank).exists()


def test_someone_logged_in_with_another_account_cannot_accept(world):
    _invitation, key = invite(world.a.digibank, "lotte@example.be")
    intruder = logged_in(world.other_users["trainer"])
    page = intruder.get(link(key)).content.decode()
    assert "this invitation is for another email address" in page
    response = intruder.post(link(key))
    assert response.status_code == 200
    assert "another email address" in response.content.decode()
    assert not Membership.objects.filter(
        user=world.other_users["trainer"], digibank=world.a.digibank
    ).exists()


@pytest.mark.parametrize("how", ["expired", "withdrawn", "accepted", "replaced", "garbage"])
def test_a_link_that_no_longer_works_says_why_in_dutch(world, how):
    user = make_user("lotte")
    invitation, key = invite(world.a.digibank, user.email)
    if how == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=invitation.created_at)
    elif how == "withdrawn":
        services.withdraw_invitation(invitation=invitation, by=SYSTEM)
    elif how == "accepted":
        services.accept_invitation(key=key, by=user)
    elif how == "replaced":
        services.resend_invitation(invitation=invitation, by=SYSTEM)
    elif how == "garbage":
        key = "x" * 500
    for page in (link(key), link(key, account=True)):
        response = Client(headers={"accept-language": "nl"}).get(page)
        assert response.status_code == 200
        content = response.content.decode()
        assert "Deze uitnodigingslink werkt niet" in content
        assert world.a.digibank.name not in content


def test_accepting_after_the_coordinator_invited_leads_to_the_staff_pages(world):
    user = make_user("lotte")
    invite(world.a.digibank, user.email, roles=(Role.TRAINER,), by=act(world.users["coordinator"]))
    client = logged_in(user)
    assert client.get(reverse("portal:dashboard", args=[world.a.digibank.slug])).status_code == 404
    client.post(link(last_key()))
    assert client.get(reverse("portal:dashboard", args=[world.a.digibank.slug])).status_code == 200
