import pytest
from django.urls import reverse

from digibank.organisations import services
from digibank.organisations.models import Membership, Role
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.helpers import logged_in
from digibank.testing import make_user


def url(name, bank, **kwargs):
    return reverse(f"organisations:{name}", kwargs={"digibank": bank.digibank.slug, **kwargs})


@pytest.fixture
def coordinator(world):
    return logged_in(world.users["coordinator"])


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
