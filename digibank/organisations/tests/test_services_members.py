import pytest

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.organisations import services
from digibank.organisations.models import Membership, RegionMembership, Role
from digibank.organisations.permissions import SYSTEM
from digibank.testing import act, make_user


def test_it_creates_a_staff_user_who_can_log_in_with_the_password(db):
    user = services.create_staff_user(
        by=SYSTEM, username="an", email="an@example.be", first_name="An", password="x7-very-secret"
    )
    assert user.check_password("x7-very-secret")
    assert AuditEntry.objects.filter(object_type="core.user", object_id=user.pk).exists()


def test_a_staff_user_without_a_password_cannot_log_in_yet(db):
    user = services.create_staff_user(by=SYSTEM, username="an", email="an@example.be")
    assert not user.has_usable_password()


def test_it_refuses_an_email_address_an_account_already_uses(world):
    with pytest.raises(DomainError) as refused:
        services.create_staff_user(
            by=SYSTEM, username="new", email="COORDINATOR-mechelen@digibank.example"
        )
    assert refused.value.field == "email"


def test_it_refuses_a_username_that_is_taken(world):
    with pytest.raises(DomainError) as refused:
        services.create_staff_user(
            by=SYSTEM, username="Coordinator-Mechelen", email="new@example.be"
        )
    assert refused.value.field == "username"


@pytest.mark.parametrize("email", ["", "not-an-email", "<script>@x"])
def test_it_refuses_a_missing_or_bad_email_address(db, email):
    with pytest.raises(DomainError) as refused:
        services.create_staff_user(by=SYSTEM, username="an", email=email)
    assert refused.value.field == "email"


def test_it_refuses_a_username_with_spaces(db):
    with pytest.raises(DomainError) as refused:
        services.create_staff_user(by=SYSTEM, username="an peeters", email="an@example.be")
    assert refused.value.field == "username"


def test_the_system_gives_a_role_and_records_it(world):
    user = make_user("newbie")

    membership = services.add_member(
        digibank=world.a.digibank, user=user, role=Role.TRAINER, by=SYSTEM
    )

    assert membership.role == Role.TRAINER
    entry = AuditEntry.objects.get(object_type="organisations.membership", object_id=membership.pk)
    assert entry.system and entry.digibank == world.a.digibank


def test_one_user_may_have_roles_in_two_digibanks(world):
    user = world.users["trainer"]
    services.add_member(by=SYSTEM, digibank=world.b.digibank, user=user, role=Role.TRAINER)
    assert Membership.objects.filter(user=user).count() == 2


def test_it_refuses_a_referrer_without_a_partner(world):
    with pytest.raises(DomainError) as refused:
        services.add_member(
            by=SYSTEM, digibank=world.a.digibank, user=make_user("r"), role=Role.REFERRER
        )
    assert refused.value.field == "partner"


def test_it_refuses_a_partner_of_another_digibank(world):
    with pytest.raises(DomainError) as refused:
        services.add_member(
            by=SYSTEM,
            digibank=world.a.digibank,
            user=make_user("r"),
            role=Role.REFERRER,
            partner=world.b.partner,
        )
    assert refused.value.field == "partner"
    assert not Membership.objects.filter(user__username="r").exists()


def test_it_refuses_a_partner_that_is_no_longer_active(world):
    services.update_partner(partner=world.a.partner, by=SYSTEM, active=False)
    world.a.partner.refresh_from_db()
    with pytest.raises(DomainError):
        services.add_member(
            by=SYSTEM,
            digibank=world.a.digibank,
            user=make_user("r"),
            role=Role.REFERRER,
            partner=world.a.partner,
        )


def test_a_referrer_gets_their_partner(world):
    membership = services.add_member(
        by=SYSTEM,
        digibank=world.a.digibank,
        user=make_user("r"),
        role=Role.REFERRER,
        partner=world.a.partner,
    )
    assert membership.partner == world.a.partner


def test_it_refuses_a_role_the_user_already_has(world):
    with pytest.raises(DomainError) as refused:
        services.add_member(
            by=SYSTEM, digibank=world.a.digibank, user=world.users["trainer"], role=Role.TRAINER
        )
    assert refused.value.field == "role"


def test_it_refuses_an_unknown_role(world):
    with pytest.raises(DomainError) as refused:
        services.add_member(by=SYSTEM, digibank=world.a.digibank, user=make_user("x"), role="boss")
    assert refused.value.field == "role"


def test_it_refuses_an_account_that_is_switched_off(world):
    user = make_user("gone", is_active=False)
    with pytest.raises(DomainError):
        services.add_member(by=SYSTEM, digibank=world.a.digibank, user=user, role=Role.TRAINER)


def test_it_removes_a_role_and_records_it(world):
    membership = Membership.objects.get(user=world.users["trainer"], digibank=world.a.digibank)
    services.remove_member(membership=membership, by=act(world.users["coordinator"]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(
        object_type="organisations.membership", action="delete"
    ).exists()


def test_it_refuses_to_remove_the_last_coordinator(world):
    membership = Membership.objects.get(user=world.users["coordinator"], digibank=world.a.digibank)
    with pytest.raises(DomainError):
        services.remove_member(membership=membership, by=act(world.users["coordinator"]))
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_coordinator_may_go_when_another_one_stays(world):
    services.add_member(
        by=SYSTEM, digibank=world.a.digibank, user=world.users["trainer"], role=Role.COORDINATOR
    )
    membership = Membership.objects.get(user=world.users["coordinator"], digibank=world.a.digibank)
    services.remove_member(membership=membership, by=SYSTEM)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_coordinator_of_another_digibank_does_not_count(world):
    services.add_member(
        by=SYSTEM, digibank=world.b.digibank, user=world.users["trainer"], role=Role.COORDINATOR
    )
    membership = Membership.objects.get(user=world.users["coordinator"], digibank=world.a.digibank)
    with pytest.raises(DomainError):
        services.remove_member(membership=membership, by=SYSTEM)


def test_a_new_username_does_not_clash(world):
    assert services.unused_username("outsider@example.be") == "outsider-2"
    assert services.unused_username("<script>@x.be") == "script"


def test_initial_passwords_differ(db):
    assert services.generate_initial_password() != services.generate_initial_password()


def test_it_gives_a_region_role_once(world):
    user = make_user("analist")
    services.add_region_member(by=SYSTEM, region=world.region, user=user, role="region_analyst")
    assert RegionMembership.objects.filter(user=user).count() == 1
    with pytest.raises(DomainError):
        services.add_region_member(by=SYSTEM, region=world.region, user=user, role="region_analyst")
    with pytest.raises(DomainError):
        services.add_region_member(by=SYSTEM, region=world.region, user=user, role="king")
