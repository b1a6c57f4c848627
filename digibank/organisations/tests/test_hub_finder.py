"""The public hub finder understands a place however a resident types it, and lists the
nearest hubs first."""

import pytest
from django.urls import reverse

from digibank.organisations import services
from digibank.organisations.models import Municipality
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.queries import place_words, split_place
from digibank.organisations.tests.helpers import english

pytestmark = pytest.mark.django_db
LIST = reverse("organisations:public_hub_list")


@pytest.fixture
def hubs(world):
    """Mechelen (the world's hub of digibank A), Sint-Katelijne-Waver and Liège."""
    found = {"mechelen": world.a.hub.name}
    for key, nis_code, postcode, name in (
        ("skw", "12035", "2860", "Bib Sint-Katelijne-Waver"),
        ("liege", "62063", "4000", "Espace public numérique Liège"),
    ):
        municipality = Municipality.objects.get(nis_code=nis_code)
        world.b.digibank.municipalities.add(municipality)
        hub = services.create_hub(
            by=SYSTEM,
            digibank=world.b.digibank,
            name=name,
            street="Markt 1",
            postcode=postcode,
            municipality=municipality,
        )
        found[key] = hub.name
    return found


QUERIES = [
    ("2800", ["mechelen"]),
    ("2801", ["mechelen"]),  # Heffen, part of Mechelen
    ("2800 Mechelen", ["mechelen"]),
    ("mechelen 2800", ["mechelen"]),
    ("Mechelen, 2800", ["mechelen"]),
    ("  MECHELEN  ", ["mechelen"]),
    ("Malines", ["mechelen"]),
    ("9999 Mechelen", ["mechelen"]),  # a postcode that does not exist: the name still counts
    ("Sint-Katelijne-Waver", ["skw"]),
    ("sint katelijne waver", ["skw"]),
    ("SINT-KATELIJNE WAVER", ["skw"]),
    ("2860 sint-katelijne-waver", ["skw"]),
    ("Liège", ["liege"]),
    ("liege", ["liege"]),
    ("LIEGE 4000", ["liege"]),
    ("Luik", ["liege"]),
    ("4020", ["liege"]),
    ("Bastogne", []),  # more than 50 km from any hub
]


@pytest.mark.parametrize(("typed", "expected"), QUERIES)
def test_it_finds_the_nearest_hub_however_the_place_is_typed(world, hubs, typed, expected):
    response = english().get(LIST, {"place": typed})
    found = [result.hub.name for result in response.context["found"]]
    assert found[:1] == [hubs[key] for key in expected]


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("Sint-Katelijne-Waver", "sint katelijne waver"),
        ("Liège", "liege"),
        ("  Écaussinnes ", "ecaussinnes"),
        ("'s-Gravenwezel", "s gravenwezel"),
    ],
)
def test_place_words_leave_out_accents_hyphens_and_case(typed, words):
    assert place_words(typed) == words


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("2800 Mechelen", ("2800", "mechelen")),
        ("mechelen 2800", ("2800", "mechelen")),
        ("Mechelen", ("", "mechelen")),
        ("2800", ("2800", "")),
    ],
)
def test_a_postcode_and_a_name_are_told_apart_in_either_order(typed, parts):
    assert split_place(typed) == parts
