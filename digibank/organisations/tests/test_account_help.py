"""Helping a staff member who cannot log in (issue 9, points 1 and 2): the coordinator resets a
member's two-step log-in; the region admin does it for the region's accounts and the digibanks'
coordinators, and unlocks their log-in lock-outs. Every reset and unlock is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from digibank.core import two_factor
from digibank.core.models import AuditAction, AuditEntry
from digibank.organisations import services
from digibank.organisations.models import Region, RegionMembership, RegionRole, Role
from digibank.organisations.permissions import SYSTEM, acting_in_region
from digibank.organisations.tests.helpers import logged_in
from digibank.testing import PASSWORD, World, act, give_app, make_user


def fail_log_ins(username: str, times: int = 5) -> None:
    client = Client(REMOTE_ADDR="192.0.2.44")
    for _ in range(times):
        client.post(reverse("login"), {"username": username, "password": "wrong password"})


def can_log_in(user) -> bool:
    client = Client(REMOTE_ADDR="192.0.2.45")
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    return response.status_code == 302 and "_auth_user_id" in client.session


def member_reset_url(world: World, membership) -> str:
    return reverse(
        "organisations:member_reset_second_factor",
        kwargs={"digibank": world.a.digibank.slug, "membership_id": membership.pk},
    )


def test_the_coordinator_resets_a_members_app_audited(world: World):
    member = world.users["hub_volunteer"]
    give_app(member)
    two_factor.new_recovery_codes(member)
    membership = member.memberships.get()
    assert services.reset_second_factor(membership=membership, by=act(world.users["coordinator"]))
    assert not two_factor.has_second_factor(member)
    assert two_factor.recovery_codes_left(member) == 0
    entry = AuditEntry.objects.get(action=AuditAction.SECOND_FACTOR_RESET)
    assert (entry.actor, entry.digibank, entry.object_id) == (
        world.users["coordinator"],
        world.a.digibank,
        str(member.pk),
    )


@pytest.mark.parametrize("role", ["hub_volunteer", "technician", "trainer", "referrer", "analyst"])
def test_only_the_coordinator_of_the_digibank_may_reset(world: World, role):
    member = world.users["technician"]
    give_app(member)
    membership = member.memberships.get()
    with pytest.raises(PermissionDenied):
        services.reset_second_factor(membership=membership, by=act(world.users[role]))
    with pytest.raises(PermissionDenied):
        services.reset_second_factor(
            membership=membership, by=act(world.other_users["coordinator"])
        )
    assert two_factor.has_second_factor(member)
    assert not AuditEntry.objects.filter(action=AuditAction.SECOND_FACTOR_RESET).exists()


def test_the_members_page_has_the_reset_button_for_members_with_an_app(world: World):
    member = world.users["hub_volunteer"]
    membership = member.memberships.get()
    coordinator = logged_in(world.users["coordinator"])
    members = reverse("organisations:member_list", kwargs={"digibank": world.a.digibank.slug})
    assert member_reset_url(world, membership) not in coordinator.get(members).content.decode()
    give_app(member)
    assert member_reset_url(world, membership) in coordinator.get(members).content.decode()
    response = coordinator.post(member_reset_url(world, membership))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=member).exists()


def test_a_coordinator_of_another_digibank_gets_nothing(world: World):
    member = world.users["hub_volunteer"]
    give_app(member)
    other = logged_in(world.other_users["coordinator"])
    url = reverse(
        "organisations:member_reset_second_factor",
        kwargs={"digibank": world.b.digibank.slug, "membership_id": member.memberships.get().pk},
    )
    assert other.post(url).status_code == 404
    assert two_factor.has_second_factor(member)


def region_admin(world: World):
    return acting_in_region(world.region_users["region_admin"], world.region)


def test_the_region_admin_resets_and_unlocks_a_region_account(world: World):
    analyst = world.region_users["region_analyst"]
    membership = RegionMembership.objects.get(user=analyst)
    give_app(analyst)
    fail_log_ins(analyst.username)
    assert not can_log_in(analyst)
    assert services.reset_region_second_factor(membership=membership, by=region_admin(world))
    assert services.unlock_region_account(membership=membership, by=region_admin(world))
    assert not two_factor.has_second_factor(analyst)
    assert can_log_in(analyst)
    actions = set(
        AuditEntry.objects.filter(object_id=str(analyst.pk)).values_list("action", flat=True)
    )
    assert {AuditAction.SECOND_FACTOR_RESET, AuditAction.UNLOCK} <= actions


def test_an_admin_of_another_region_or_an_analyst_cannot(world: World):
    analyst = world.region_users["region_analyst"]
    membership = RegionMembership.objects.get(user=analyst)
    give_app(analyst)
    other = Region.objects.create(name="Wallonie", slug="wallonie")
    stranger = make_user("admin-wallonie")
    services.add_region_member(by=SYSTEM, region=other, user=stranger, role=RegionRole.ADMIN)
    for by in (
        acting_in_region(stranger, other),
        acting_in_region(analyst, world.region),
    ):
        with pytest.raises(PermissionDenied):
            services.reset_region_second_factor(membership=membership, by=by)
        with pytest.raises(PermissionDenied):
            services.unlock_region_account(membership=membership, by=by)
    assert two_factor.has_second_factor(analyst)


def test_the_region_accounts_page_unlocks_and_resets(world: World, django_assert_max_num_queries):
    analyst = world.region_users["region_analyst"]
    membership = RegionMembership.objects.get(user=analyst)
    client = logged_in(world.region_users["region_admin"])
    page_url = reverse("region:accounts", kwargs={"region": world.region.slug})
    kwargs = {"region": world.region.slug, "membership_id": membership.pk}
    unlock = reverse("region:account_unlock", kwargs=kwargs)
    reset = reverse("region:account_reset_second_factor", kwargs=kwargs)
    page = client.get(page_url).content.decode()
    assert analyst.username in page and unlock not in page and reset not in page

    give_app(analyst)
    fail_log_ins(analyst.username)
    for number in range(5):  # more accounts, the same number of queries
        user = make_user(f"analyst-{number}")
        services.add_region_member(
            by=SYSTEM, region=world.region, user=user, role=RegionRole.ANALYST
        )
        give_app(user)
    with django_assert_max_num_queries(12):
        page = client.get(page_url).content.decode()
    assert unlock in page and reset in page
    assert client.post(unlock).status_code == 302
    assert client.post(reset).status_code == 302
    assert not two_factor.has_second_factor(analyst)
    assert can_log_in(analyst)


def test_the_region_admin_unlocks_and_resets_a_coordinator_on_the_digibank_page(world: World):
    coordinator = world.users["coordinator"]
    membership = coordinator.memberships.get(role=Role.COORDINATOR)
    give_app(coordinator)
    fail_log_ins(coordinator.username)
    assert not can_log_in(coordinator)
    client = logged_in(world.region_users["region_admin"])
    kwargs = {
        "region": world.region.slug,
        "digibank_id": world.a.digibank.pk,
        "membership_id": membership.pk,
    }
    unlock = reverse("region:coordinator_unlock", kwargs=kwargs)
    reset = reverse("region:coordinator_reset_second_factor", kwargs=kwargs)
    detail = reverse(
        "region:digibank_detail",
        kwargs={"region": world.region.slug, "digibank_id": world.a.digibank.pk},
    )
    page = client.get(detail).content.decode()
    assert unlock in page and reset in page
    assert client.post(unlock).status_code == 302
    assert client.post(reset).status_code == 302
    assert not two_factor.has_second_factor(coordinator)
    assert can_log_in(coordinator)


def test_the_region_admin_cannot_reach_a_member_who_is_not_a_coordinator(world: World):
    """The region pages list coordinators only: another member's id is a 404."""
    member = world.users["hub_volunteer"]
    give_app(member)
    client = logged_in(world.region_users["region_admin"])
    url = reverse(
        "region:coordinator_reset_second_factor",
        kwargs={
            "region": world.region.slug,
            "digibank_id": world.a.digibank.pk,
            "membership_id": member.memberships.get().pk,
        },
    )
    assert client.post(url).status_code == 404
    assert two_factor.has_second_factor(member)
