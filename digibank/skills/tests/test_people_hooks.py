"""Erasing or merging a person reaches the checks linked to them."""

from __future__ import annotations

import pytest

from digibank.people.services import delete_person, merge_people, register_person
from digibank.skills import services
from digibank.skills.models import SkillsCheck
from digibank.skills.tests.helpers import finished_check
from digibank.testing import act

pytestmark = pytest.mark.django_db


def _linked(world, person):
    check = finished_check(world.region)
    services.link_check(
        check=check, person=person, consent=True, by=act(world.a.users["coordinator"])
    )
    return check


def test_erasing_a_person_makes_their_checks_anonymous_again(world):
    check = _linked(world, world.a.person)
    delete_person(person=world.a.person, by=act(world.a.users["coordinator"]))
    check = SkillsCheck.objects.get(pk=check.pk)
    assert check.person is None and check.consent_at is None and check.linked_by is None
    assert check.digibank is None and check.assisted_by is None
    assert check.answers  # the answers alone name nobody


def test_merging_people_moves_their_checks_to_the_record_that_stays(world):
    coordinator = act(world.a.users["coordinator"])
    twin = register_person(
        digibank=world.a.digibank,
        by=coordinator,
        first_name="Marie",
        last_name="Peeters-Twin",
        birth_year=1950,
        contact_method="none",
    )
    check = _linked(world, twin)
    merge_people(keep=world.a.person, remove=twin, by=coordinator)
    assert SkillsCheck.objects.get(pk=check.pk).person == world.a.person
