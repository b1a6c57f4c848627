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


# (known: birth year, postcode; new: birth year, postcode; warned?)
MISSING_YEAR = [
    ((1956, "2800"), (None, "2800"), True),  # the new record leaves the year out
    ((None, "2800"), (1956, "2800"), True),  # the known record has no year
    ((None, "2800"), (None, "2800"), True),
    ((None, "2800"), (None, "2811"), False),  # another postcode: someone else
    ((1956, "2800"), (None, "2811"), False),
    ((1956, ""), (None, ""), False),  # no postcode and no year: a name alone is too weak
    ((None, ""), (None, ""), True),  # exactly the same (as before)
    ((1956, "2800"), (1957, "2800"), False),  # two different years: two people
]


@pytest.mark.parametrize(("known", "new", "warned"), MISSING_YEAR)
def test_it_warns_on_same_name_and_postcode_when_a_year_of_birth_is_missing(
    world, known, new, warned
):
    first = register(world.a, birth_year=known[0], postcode=known[1])
    if warned:
        with pytest.raises(services.DuplicatePerson) as error:
            register(world.a, first_name="ANNA", birth_year=new[0], postcode=new[1])
        assert error.value.duplicates == [first]
    else:
        assert register(world.a, first_name="ANNA", birth_year=new[0], postcode=new[1]).pk


def test_only_a_match_with_the_same_year_counts_as_exact(world):
    with_year = register(world.a, birth_year=1956, postcode="2800")
    without_year = register(world.a, postcode="2800", allow_duplicate=True)
    with pytest.raises(services.DuplicatePerson) as error:
        register(world.a, birth_year=1956, postcode="2800")
    assert set(error.value.duplicates) == {with_year, without_year}
    assert error.value.exact == [with_year]
