"""Issue 9, point 2: with two-step log-in required (production's default), no staff, region or
account page answers a session that gave only the password; the permission layer sends it to the
second step. Who needs it is derived from the grants."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, reverse

from digibank.core.tests.matrix import ACCOUNT, REGION, STAFF
from digibank.core.tests.test_permission_matrix import SPECS
from digibank.organisations import services
from digibank.organisations.models import RegionRole, Role
from digibank.organisations.permissions import (
    PERSONAL_DATA_PERMS,
    ROLE_PERMISSIONS,
    SECOND_FACTOR_REGION_ROLES,
    SECOND_FACTOR_ROLES,
    SYSTEM,
)
from digibank.testing import (
    PASSWORD,
    World,
    act,
    app_code,
    give_app,
    log_in_with_app,
    make_user,
)

SECOND_STEP = reverse("portal:second_step")
# The pages of the second step itself: the only ones a password-only session reaches.
STEP_PAGES = {"portal:second_step", "portal:second_step_setup"}


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def password_only(user) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def gated_specs() -> list[str]:
    return sorted(
        name
        for name, spec in SPECS.items()
        if spec.kind in (STAFF, REGION, ACCOUNT) and name not in STEP_PAGES
    )


def test_only_the_step_pages_are_reachable_before_the_second_step():
    """`second_step_view` (no gate) is used by the step's own pages and nothing else."""
    ungated = set()
    for pattern in get_resolver().url_patterns:
        for inner in getattr(pattern, "url_patterns", [pattern]):
            if getattr(getattr(inner, "callback", None), "before_second_step", False):
                ungated.add(f"portal:{inner.name}")
    assert ungated == STEP_PAGES


@pytest.mark.parametrize("name", gated_specs())
def test_a_password_only_session_reaches_no_staff_page(name, world: World, required):
    spec = SPECS[name]
    role = "region_admin" if spec.kind == REGION else "coordinator"
    user = world.user_for(role)
    client = password_only(user)
    url = reverse(name, kwargs=spec.kwargs(world.a, world.a))
    data = spec.data(world) if spec.data else {}
    with transaction.atomic():
        response = getattr(client, spec.method)(url, data=data)
        transaction.set_rollback(True)
    assert response.status_code == 302, (url, response.status_code)
    assert response["Location"].startswith(SECOND_STEP + "?next="), response["Location"]


def test_the_second_step_sends_a_user_without_an_app_to_the_set_up(world: World, required):
    client = password_only(world.users["hub_volunteer"])
    response = client.get(SECOND_STEP, {"next": "/staff/"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:second_step_setup"))


def test_after_the_code_the_pages_answer(world: World, required):
    user = world.users["coordinator"]
    client = Client()
    log_in_with_app(client, user, give_app(user))
    response = client.get(reverse("people:list", kwargs={"digibank": world.a.digibank.slug}))
    assert response.status_code == 200


def test_the_log_in_page_sends_a_user_who_must_give_a_code_to_the_second_step(
    world: World, required
):
    user = world.users["coordinator"]
    response = Client().post(
        reverse("login") + "?next=/staff/", {"username": user.username, "password": PASSWORD}
    )
    assert response["Location"] == SECOND_STEP + "?next=%2Fstaff%2F"


def test_an_analyst_sees_figures_without_a_second_step(world: World, required):
    """The analyst's role shows no personal data: nothing to enforce."""
    client = password_only(world.users["analyst"])
    response = client.get(reverse("portal:dashboard", kwargs={"digibank": world.a.digibank.slug}))
    assert response.status_code == 200


def test_a_role_given_during_the_session_asks_the_second_step_at_once(world: World, required):
    user = make_user("analyst-then-coordinator")
    services.add_member(by=SYSTEM, digibank=world.a.digibank, user=user, role=Role.ANALYST)
    client = password_only(user)
    dashboard = reverse("portal:dashboard", kwargs={"digibank": world.a.digibank.slug})
    assert client.get(dashboard).status_code == 200
    services.add_member(by=SYSTEM, digibank=world.a.digibank, user=user, role=Role.COORDINATOR)
    response = client.get(dashboard)
    assert response.status_code == 302 and response["Location"].startswith(SECOND_STEP)


def test_a_reset_ends_what_the_old_app_let_in(world: World, required):
    member = world.users["hub_volunteer"]
    client = Client()
    log_in_with_app(client, member, give_app(member))
    people = reverse("people:list", kwargs={"digibank": world.a.digibank.slug})
    assert client.get(people).status_code == 200
    membership = member.memberships.get(digibank=world.a.digibank)
    services.reset_second_factor(membership=membership, by=act(world.users["coordinator"]))
    response = client.get(people)
    assert response.status_code == 302 and response["Location"].startswith(SECOND_STEP)
    assert client.get(reverse("portal:api_tokens")).status_code == 302


def test_who_needs_the_second_step_comes_from_the_grants():
    shows_personal_data = {
        role for role, perms in ROLE_PERMISSIONS.items() if perms & PERSONAL_DATA_PERMS
    }
    assert set(SECOND_FACTOR_ROLES) == shows_personal_data
    assert set(Role) - SECOND_FACTOR_ROLES == {Role.ANALYST}
    assert set(SECOND_FACTOR_REGION_ROLES) == {RegionRole.ADMIN}


def test_optional_mode_lets_a_user_without_an_app_in_with_the_password(world: World, settings):
    settings.TWO_FACTOR_REQUIRED = False
    client = password_only(world.users["coordinator"])
    response = client.get(reverse("people:list", kwargs={"digibank": world.a.digibank.slug}))
    assert response.status_code == 200


def test_optional_mode_still_asks_the_code_of_a_user_with_an_app(world: World, settings):
    settings.TWO_FACTOR_REQUIRED = False
    user = world.users["coordinator"]
    device = give_app(user)
    client = password_only(user)
    people = reverse("people:list", kwargs={"digibank": world.a.digibank.slug})
    response = client.get(people)
    assert response.status_code == 302 and response["Location"].startswith(SECOND_STEP)
    response = client.post(SECOND_STEP, {"code": app_code(device), "next": people})
    assert response["Location"] == people
    assert client.get(people).status_code == 200


def test_the_log_in_page_says_when_the_second_step_is_optional(db, settings):
    settings.TWO_FACTOR_REQUIRED = False
    assert "two-step log-in is optional" in Client().get(reverse("login")).content.decode()
    settings.TWO_FACTOR_REQUIRED = True
    assert "two-step log-in is optional" not in Client().get(reverse("login")).content.decode()


def test_the_api_takes_no_session(world: World):
    """The API knows only tokens, made on an account page behind the second step: a logged-in
    browser session gets no answer from it."""
    client = Client()
    client.force_login(world.users["coordinator"])
    response = client.get(f"/api/digibanks/{world.a.digibank.slug}/people")
    assert response.status_code == 401
