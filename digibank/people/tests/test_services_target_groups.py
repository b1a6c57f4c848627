"""A digibank's own target groups: added, renamed and switched off by a coordinator only."""

import pytest
from django.core.exceptions import PermissionDenied

from digibank.core.errors import DomainError
from digibank.people import services
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_a_coordinator_adds_renames_and_switches_off_target_groups(world):
    group = services.add_target_group(
        digibank=world.a.digibank, by=act(world.users["coordinator"]), name="Mantelzorgers"
    )
    assert group.code == "mantelzorgers"
    with pytest.raises(DomainError):
        services.add_target_group(
            digibank=world.a.digibank, by=act(world.users["coordinator"]), name="mantelzorgers"
        )
    group = services.rename_target_group(
        group=group, by=act(world.users["coordinator"]), name="Mantelzorgers thuis"
    )
    assert group.name == "Mantelzorgers thuis"
    group = services.set_target_group_active(
        group=group, by=act(world.users["coordinator"]), active=False
    )
    assert not group.active


def test_a_volunteer_cannot_add_target_groups(world):
    with pytest.raises(PermissionDenied):
        services.add_target_group(
            digibank=world.a.digibank, by=act(world.users["hub_volunteer"]), name="Mantelzorgers"
        )
