import re

import pytest
from django.urls import reverse

from digibank.core.models import User
from digibank.organisations import services
from digibank.organisations.models import Membership, Role
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.helpers import (
    EMOJI,
    EMPTY,
    RIGHT_TO_LEFT,
    SCRIPT,
    TOO_LONG,
    assert_error_next_to,
    logged_in,
)
from digibank.testing import make_user


def url(name, bank, **kwargs):
    return reverse(f"organisations:{name}", kwargs={"digibank": bank.digibank.slug, **kwargs})


@pytest.fixture
def coordinator(world):
    return logged_in(world.users["coordinator"])


def new_account(**overrides):
    data = {
        "account": "new",
        "identifier": "",
        "first_name": "Lotte",
        "last_name": "Wouters",
        "email": "lotte@example.be",
        "role": Role.HUB_VOLUNTEER,
        "partner": "",
    }
    data.update(overrides)
    return data


def existing_account(identifier, **overrides):
    return new_account(
        account="existing",
        identifier=identifier,
        first_name="",
        last_name="",
        email="",
        **overrides,
    )


def test_the_list_shows_every_role_of_the_digibank(world, coordinator):
    content = coordinator.get(url("member_list", world.a)).content.decode()
    for role in Role:
        assert str(role.label) in content
    assert "referrer-mechelen" in content
    assert "coordinator-eeklo" not in content


def test_the_list_needs_the_same_queries_for_few_or_many_staff(
    world, coordinator, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12) as few:
        coordinator.get(url("member_list", world.a))
    for n in range(30):
        services.add_member(
            by=SYSTEM,
            digibank=world.a.digibank,
            user=make_user(f"ref{n}"),
            role=Role.REFERRER,
            partner=world.a.partner,
        )
    with django_assert_max_num_queries(12) as many:
        coordinator.get(url("member_list", world.a))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_it_gives_an_existing_account_a_role_by_email_address(world, coordinator):
    user = make_user("hanne")
    response = coordinator.post(
        url("member_add", world.a), existing_account("HANNE@digibank.example", role=Role.TRAINER)
    )
    membership = Membership.objects.get(user=user)
    assert response.status_code == 302
    assert response.url == url("member_added", world.a, membership_id=membership.pk)
    page = coordinator.get(response.url).content.decode()
    assert "Password for the first log-in" not in page


def test_it_gives_an_existing_account_a_role_by_username(world, coordinator):
    coordinator.post(
        url("member_add", world.a),
        existing_account("trainer-eeklo", role=Role.REFERRER, partner=str(world.a.partner.pk)),
    )
    membership = Membership.objects.get(
        user=world.other_users["trainer"], digibank=world.a.digibank
    )
    assert membership.partner == world.a.partner


def test_it_makes_a_new_account_and_shows_its_password_once(world, coordinator):
    response = coordinator.post(url("member_add", world.a), new_account())
    user = User.objects.get(email="lotte@example.be")
    first = coordinator.get(response.url).content.decode()
    password = re.search(r'class="reference-code new-password">([^<]+)<', first).group(1)
    assert user.check_password(password)
    assert user.username in first
    second = coordinator.get(response.url).content.decode()
    assert password not in second


def test_a_new_password_is_not_shown_for_another_role(world, coordinator):
    response = coordinator.post(url("member_add", world.a), new_account())
    other = Membership.objects.get(user=world.users["trainer"], digibank=world.a.digibank)
    page = coordinator.get(url("member_added", world.a, membership_id=other.pk)).content.decode()
    assert "new-password" not in page
    assert "new-password" in coordinator.get(response.url).content.decode()


def test_it_asks_for_a_partner_for_a_referrer(world, coordinator):
    response = coordinator.post(url("member_add", world.a), new_account(role=Role.REFERRER))
    assert_error_next_to(response, "partner")
    assert not User.objects.filter(email="lotte@example.be").exists()


def test_it_offers_only_the_digibanks_active_partners(world, coordinator):
    content = coordinator.get(url("member_add", world.a)).content.decode()
    assert world.a.partner.name in content
    assert world.b.partner.name not in content


def test_it_refuses_a_partner_of_another_digibank(world, coordinator):
    response = coordinator.post(
        url("member_add", world.a),
        new_account(role=Role.REFERRER, partner=str(world.b.partner.pk)),
    )
    assert_error_next_to(response, "partner")


def test_it_refuses_an_unknown_account(world, coordinator):
    response = coordinator.post(url("member_add", world.a), existing_account("nobody@x.be"))
    assert_error_next_to(response, "identifier", "nobody@x.be")


def test_it_refuses_a_role_the_person_already_has(world, coordinator):
    response = coordinator.post(
        url("member_add", world.a), existing_account("trainer-mechelen", role=Role.TRAINER)
    )
    assert_error_next_to(response, "role")


def test_it_refuses_a_new_account_with_an_email_address_in_use(world, coordinator):
    response = coordinator.post(
        url("member_add", world.a), new_account(email="trainer-eeklo@digibank.example")
    )
    assert_error_next_to(response, "email", "trainer-eeklo@digibank.example")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_name", EMPTY),
        ("first_name", TOO_LONG),
        ("last_name", EMPTY),
        ("email", SCRIPT),
        ("email", RIGHT_TO_LEFT),
        ("email", EMPTY),
        ("role", EMOJI),
        ("account", EMPTY),
        ("partner", SCRIPT),
    ],
)
def test_it_refuses_bad_input_next_to_the_field(world, coordinator, field, value):
    response = coordinator.post(url("member_add", world.a), new_account(**{field: value}))
    assert_error_next_to(response, field)
    assert not User.objects.filter(first_name="Lotte").exists()


@pytest.mark.parametrize("name", [SCRIPT, EMOJI, RIGHT_TO_LEFT])
def test_new_accounts_may_have_names_in_any_script(world, coordinator, name):
    response = coordinator.post(url("member_add", world.a), new_account(first_name=name))
    assert response.status_code == 302
    assert User.objects.get(email="lotte@example.be").first_name == name


def test_it_asks_before_removing_a_role_and_then_removes_it(world, coordinator):
    membership = Membership.objects.get(user=world.users["trainer"], digibank=world.a.digibank)
    page = coordinator.get(url("member_remove", world.a, membership_id=membership.pk))
    assert "Yes, remove the role" in page.content.decode()
    response = coordinator.post(url("member_remove", world.a, membership_id=membership.pk))
    assert response.url == url("member_list", world.a)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_it_says_why_the_last_coordinator_cannot_be_removed(world, coordinator):
    membership = Membership.objects.get(user=world.users["coordinator"], digibank=world.a.digibank)
    response = coordinator.post(url("member_remove", world.a, membership_id=membership.pk))
    assert response.status_code == 200
    assert "at least one coordinator" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_coordinator_who_removes_their_own_role_leaves_the_settings(world, coordinator):
    services.add_member(
        by=SYSTEM, digibank=world.a.digibank, user=world.users["trainer"], role=Role.COORDINATOR
    )
    membership = Membership.objects.get(user=world.users["coordinator"], digibank=world.a.digibank)
    response = coordinator.post(url("member_remove", world.a, membership_id=membership.pk))
    assert response.url == reverse("portal:staff_home")


def test_a_role_in_another_digibank_is_not_found(world, coordinator):
    membership = Membership.objects.get(user=world.other_users["trainer"])
    response = coordinator.post(url("member_remove", world.a, membership_id=membership.pk))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()
