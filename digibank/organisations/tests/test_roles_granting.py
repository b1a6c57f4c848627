"""Who holds a permission, read from the grants: the roles (and region roles) that grant it, with
the digibank's settings applied, so no query about permissions names a role by hand."""

from __future__ import annotations

import pytest

from digibank.organisations.models import RegionRole, Role
from digibank.organisations.permissions import (
    Perm,
    RegionPerm,
    region_roles_granting,
    roles_granting,
)

pytestmark = pytest.mark.django_db


def test_the_roles_granting_any_of_the_permissions_asked(world):
    digibank = world.a.digibank
    assert roles_granting(digibank, Perm.MANAGE_GUIDES) == {Role.COORDINATOR}
    assert roles_granting(digibank, Perm.CHECK_GUIDES, Perm.MANAGE_GUIDES) == {
        Role.COORDINATOR,
        Role.HUB_VOLUNTEER,
    }
    assert Role.ANALYST not in roles_granting(digibank, Perm.READ_GUIDES)


def test_a_grant_switched_off_by_the_digibanks_settings_is_left_out(world):
    digibank = world.a.digibank
    digibank.referrers_decide_eligibility = False
    assert Role.REFERRER not in roles_granting(digibank, Perm.DECIDE_ELIGIBILITY)
    digibank.referrers_decide_eligibility = True
    assert Role.REFERRER in roles_granting(digibank, Perm.DECIDE_ELIGIBILITY)


def test_the_region_roles_granting_a_region_permission():
    assert region_roles_granting(RegionPerm.MANAGE_GUIDES) == {RegionRole.ADMIN}
    assert region_roles_granting(RegionPerm.VIEW_REGION) == {RegionRole.ADMIN, RegionRole.ANALYST}
