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


def test_erasing_a_person_makes_their_checks_name_nobody_but_keeps_their_figures(world):
    world.a.person.target_groups.set(world.a.digibank.target_groups.filter(code="65plus"))
    check = _linked(world, world.a.person)
    key = world.a.person.reach_key
    delete_person(person=world.a.person, by=act(world.a.users["coordinator"]))
    check = SkillsCheck.objects.get(pk=check.pk)
    assert check.person is None and check.consent_at is None and check.linked_by is None
    assert check.assisted_by is None
    assert check.answers  # the answers alone name nobody
    # What the digibank's figures need stays, naming nobody: see `people.snapshot`.
    assert check.digibank == world.a.digibank
    assert check.target_groups == ["65plus"] and check.reach_key == key


def test_a_check_keeps_the_figures_of_the_day_it_was_linked(world):
    world.a.person.target_groups.set(world.a.digibank.target_groups.filter(code="65plus"))
    check = _linked(world, world.a.person)
    world.a.person.target_groups.clear()
    check = SkillsCheck.objects.get(pk=check.pk)
    assert check.target_groups == ["65plus"]
    assert check.age_band == world.a.person.age_band
    assert check.municipality_id == world.a.person.municipality_id
    assert check.reach_key == world.a.person.reach_key


def test_an_anonymous_check_keeps_no_figures_of_anyone(world):
    check = finished_check(world.region)
    assert check.reach_key is None and check.target_groups == []


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
    moved = SkillsCheck.objects.get(pk=check.pk)
    assert moved.person == world.a.person
    assert moved.reach_key == world.a.person.reach_key  # one person, counted once
