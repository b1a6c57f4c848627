"""Handing a guide over to a new owner: only its writers do it, only to someone who can look after
it, never to the one who already owns it; the audit trail names the change and the history of
texts stays as it was."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, AuditEntry
from digibank.help import guide_queries, services
from digibank.help.models import Guide, GuideVersion
from digibank.help.tests.guide_helpers import local_guide, region_guide
from digibank.organisations import services as organisation_services
from digibank.organisations.models import RegionRole
from digibank.organisations.permissions import SYSTEM, acting_in_region
from digibank.testing import act, make_user

pytestmark = pytest.mark.django_db


def coordinator_of(bank):
    return act(bank.users["coordinator"], bank.digibank)


def region_admin(world):
    return acting_in_region(world.region_users["region_admin"], world.region)


def another_region_admin(world, region, username="tweede-admin"):
    user = make_user(username)
    organisation_services.add_region_member(
        by=SYSTEM, region=region, user=user, role=RegionRole.ADMIN
    )
    return user


def test_the_coordinator_hands_a_local_guide_to_a_hub_volunteer(world):
    guide = local_guide(world.a, world)
    volunteer = world.a.users["hub_volunteer"]
    services.hand_over_guide(guide=guide, to=volunteer, by=coordinator_of(world.a))
    guide.refresh_from_db()
    assert guide.owner == volunteer


def test_a_hand_over_is_audited_and_writes_no_version(world):
    guide = local_guide(world.a, world)
    services.hand_over_guide(
        guide=guide, to=world.a.users["hub_volunteer"], by=coordinator_of(world.a)
    )
    guide.refresh_from_db()
    assert guide.version == 1 and GuideVersion.objects.filter(guide=guide).count() == 1
    entry = AuditEntry.objects.filter(object_type="help.guide", object_id=str(guide.pk)).latest(
        "pk"
    )
    assert entry.action == AuditAction.CHANGE and entry.fields == ["owner"]
    assert entry.actor == world.a.users["coordinator"] and entry.digibank == world.a.digibank


@pytest.mark.parametrize("role", ["hub_volunteer", "trainer", "referrer", "technician", "analyst"])
def test_only_the_coordinator_hands_over_a_local_guide(world, role):
    guide = local_guide(world.a, world)
    with pytest.raises(PermissionDenied):
        services.hand_over_guide(
            guide=guide,
            to=world.a.users["hub_volunteer"],
            by=act(world.a.users[role], world.a.digibank),
        )
    guide.refresh_from_db()
    assert guide.owner == world.a.users["coordinator"]


def test_neither_another_digibanks_coordinator_nor_the_region_admin_hands_over_a_local_guide(
    world,
):
    guide = local_guide(world.a, world)
    for by in (coordinator_of(world.b), region_admin(world)):
        with pytest.raises(PermissionDenied):
            services.hand_over_guide(guide=guide, to=world.a.users["hub_volunteer"], by=by)
    assert Guide.objects.get(pk=guide.pk).owner == world.a.users["coordinator"]


def test_only_an_admin_of_its_region_hands_over_a_region_guide(world):
    guide = region_guide(world)
    second = another_region_admin(world, world.region)
    elsewhere = acting_in_region(
        another_region_admin(world, world.other_region, "brussel-admin"), world.other_region
    )
    refused = (
        coordinator_of(world.a),
        acting_in_region(world.region_users["region_analyst"], world.region),
        elsewhere,
    )
    for by in refused:
        with pytest.raises(PermissionDenied):
            services.hand_over_guide(guide=guide, to=second, by=by)
    services.hand_over_guide(guide=guide, to=second, by=region_admin(world))
    assert Guide.objects.get(pk=guide.pk).owner == second


@pytest.mark.parametrize("role", ["trainer", "referrer", "technician", "analyst"])
def test_a_local_guide_never_goes_to_someone_who_neither_checks_nor_writes_guides(world, role):
    guide = local_guide(world.a, world)
    with pytest.raises(DomainError) as refused:
        services.hand_over_guide(guide=guide, to=world.a.users[role], by=coordinator_of(world.a))
    assert refused.value.field == "owner"
    assert Guide.objects.get(pk=guide.pk).owner == world.a.users["coordinator"]


def test_a_local_guide_never_goes_to_another_digibanks_staff_the_region_or_an_outsider(world):
    guide = local_guide(world.a, world)
    strangers = (
        world.b.users["coordinator"],
        world.b.users["hub_volunteer"],
        world.region_users["region_admin"],
        world.outsider,
    )
    for stranger in strangers:
        with pytest.raises(DomainError) as refused:
            services.hand_over_guide(guide=guide, to=stranger, by=coordinator_of(world.a))
        assert refused.value.field == "owner"
    assert Guide.objects.get(pk=guide.pk).owner == world.a.users["coordinator"]


def test_a_guide_never_goes_to_a_deactivated_account(world):
    guide = local_guide(world.a, world)
    volunteer = world.a.users["hub_volunteer"]
    volunteer.is_active = False
    volunteer.save(update_fields=["is_active"])
    with pytest.raises(DomainError) as refused:
        services.hand_over_guide(guide=guide, to=volunteer, by=coordinator_of(world.a))
    assert refused.value.field == "owner"
    assert volunteer not in guide_queries.eligible_owners(guide)


def test_a_region_guide_goes_only_to_an_admin_of_its_region(world):
    guide = region_guide(world)
    strangers = (
        world.region_users["region_analyst"],
        world.a.users["coordinator"],
        another_region_admin(world, world.other_region, "brussel-admin"),
    )
    for stranger in strangers:
        with pytest.raises(DomainError) as refused:
            services.hand_over_guide(guide=guide, to=stranger, by=region_admin(world))
        assert refused.value.field == "owner"
    assert Guide.objects.get(pk=guide.pk).owner == world.region_users["region_admin"]


def test_it_refuses_to_hand_a_guide_to_its_owner(world):
    guide = local_guide(world.a, world)
    with pytest.raises(DomainError) as refused:
        services.hand_over_guide(
            guide=guide, to=world.a.users["coordinator"], by=coordinator_of(world.a)
        )
    assert refused.value.field == "owner" and "already owns" in refused.value.message
    assert refused.value.message.startswith(world.a.users["coordinator"].get_full_name())
    assert not AuditEntry.objects.filter(
        object_type="help.guide", object_id=str(guide.pk), action=AuditAction.CHANGE
    ).exists()


def test_a_guide_whose_owner_left_has_no_owner_until_it_is_handed_over(world):
    guide = local_guide(world.a, world)
    world.a.users["coordinator"].delete()
    guide.refresh_from_db()
    assert guide.owner is None
    assert list(guide_queries.without_owner(Guide.objects.all())) == [guide]
    volunteer = world.a.users["hub_volunteer"]
    services.hand_over_guide(guide=guide, to=volunteer, by=SYSTEM)
    assert Guide.objects.get(pk=guide.pk).owner == volunteer


def test_the_people_offered_are_the_checkers_and_writers_by_name_in_one_query(world):
    both = world.user_with_roles("coordinator", "hub_volunteer")
    guide = Guide.objects.select_related("digibank").get(pk=local_guide(world.a, world).pk)
    with CaptureQueriesContext(connection) as queries:
        offered = list(guide_queries.eligible_owners(guide))
    assert len(queries.captured_queries) == 1
    # Last names are all "Tester": first names order them; the one with two roles comes once.
    assert offered == [world.a.users["coordinator"], both, world.a.users["hub_volunteer"]]


def test_the_people_offered_for_a_region_guide_are_its_regions_admins(world):
    second = another_region_admin(world, world.region)
    another_region_admin(world, world.other_region, "brussel-admin")
    offered = set(guide_queries.eligible_owners(region_guide(world)))
    assert offered == {world.region_users["region_admin"], second}
