"""Spotting a person who is already registered, however the name is typed, within one digibank."""

import pytest

from digibank.people import services
from digibank.people.models import Person
from digibank.people.tests.helpers import register

pytestmark = pytest.mark.django_db


def test_it_spots_the_same_person_however_the_name_is_typed(world):
    first = register(
        world.a, first_name="Élise", last_name="Van den Broeck", birth_year=1956, postcode="2800"
    )
    with pytest.raises(services.DuplicatePerson) as error:
        register(
            world.a,
            first_name="  elise ",
            last_name="VANDEN  broeck",
            birth_year=1956,
            postcode="2800",
        )
    assert error.value.duplicates == [first]


def test_it_does_not_call_someone_born_in_another_year_a_duplicate(world):
    register(world.a, birth_year=1956, postcode="2800")
    second = register(world.a, birth_year=1957, postcode="2800")
    assert second.pk


def test_it_registers_a_namesake_when_told_it_is_someone_else(world):
    register(world.a, birth_year=1956)
    second = register(world.a, birth_year=1956, allow_duplicate=True)
    assert Person.objects.filter(match_key=second.match_key).count() == 2


def test_duplicates_are_looked_for_only_in_the_same_digibank(world):
    register(world.b, birth_year=1956)
    assert register(world.a, birth_year=1956).pk


def test_find_duplicates_can_leave_out_the_person_itself(world):
    person = register(world.a, birth_year=1956)
    found = services.find_duplicates(
        digibank=world.a.digibank,
        first_name="anna",
        last_name="janssens",
        birth_year=1956,
        postcode="",
        exclude=person,
    )
    assert not found.exists()
    assert (
        services.find_duplicates(
            digibank=world.a.digibank,
            first_name="anna",
            last_name="janssens",
            birth_year=1956,
            postcode="",
        ).get()
        == person
    )
