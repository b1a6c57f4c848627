"""The figures pages: who sees what, the filters, the downloads, and a fixed query count."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from digibank.insights.figures import QUERIES, dashboard
from digibank.insights.period import period_for
from digibank.insights.sources import Window
from digibank.lending.tests.helpers import handed_over, waiting_request
from digibank.organisations.models import Municipality
from digibank.people.models import Person
from digibank.people.services import register_person
from digibank.testing import act

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def staff_url(world, name: str = "insights:dashboard", **query: str) -> str:
    url = reverse(name, kwargs={"digibank": world.a.digibank.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def region_url(world, name: str = "insights:region_dashboard") -> str:
    return reverse(name, kwargs={"region": world.region.slug})


def people(world, count: int, **fields) -> list[Person]:
    return [
        register_person(
            digibank=world.a.digibank,
            by=act(world.a.users["coordinator"]),
            first_name="Zelda",
            last_name="Vandamme-" + "abcdefghijklmnopqrstuvwxyz"[n],
            birth_year=1950,
            postcode=world.a.person.postcode,
            municipality=world.a.person.municipality,
            phone="0470 12 34 56",
            target_groups=["65plus"],
            **fields,
        )
        for n in range(count)
    ]


def test_the_analyst_sees_small_counts_as_fewer_than_ten_and_no_names(world) -> None:
    loan = handed_over(world.a)
    body = client_for(world.a.users["analyst"]).get(staff_url(world)).content.decode()
    assert "&lt;10" in body
    assert loan.person is not None
    assert loan.person.last_name not in body
    assert world.a.person.last_name not in body
    assert 'role="img"' in body and "aria-labelledby" in body


def test_counts_of_ten_or_more_are_shown(world) -> None:
    for person in people(world, 10):
        handed_over(world.a, person=person)
    window = Window((world.a.digibank.pk,), *_period())
    board = dashboard(window, period_for("last12"))
    assert board.headlines.reached.text == "10"
    assert board.table("reached_target_group").rows[0].cells[0].text == "10"


def _period():
    chosen = period_for("last12")
    return chosen.start, chosen.end


def test_a_municipality_filter_counts_only_the_people_living_there(world) -> None:
    for person in people(world, 10):
        handed_over(world.a, person=person)
    elsewhere = Municipality.objects.exclude(pk=world.a.person.municipality_id).first()
    assert elsewhere is not None
    start, end = _period()
    here = world.a.person.municipality_id
    assert (
        dashboard(
            Window((world.a.digibank.pk,), start, end, municipality_id=here), period_for("last12")
        ).headlines.reached.text
        == "10"
    )
    assert (
        dashboard(
            Window((world.a.digibank.pk,), start, end, municipality_id=elsewhere.pk),
            period_for("last12"),
        ).headlines.reached.text
        == "0"
    )


def test_the_csv_holds_protected_figures_only(world) -> None:
    handed_over(world.a)
    response = client_for(world.a.users["analyst"]).get(staff_url(world, "insights:figures_csv"))
    assert response["Content-Disposition"].startswith("attachment;")
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0] == ["table", "row", "row_label", "column", "column_label", "value"]
    values = [line[5] for line in lines[1:]]
    assert "<10" in values
    assert not any(value.isdigit() and 0 < int(value) < 10 for value in values)


def test_the_json_holds_protected_figures_only(world) -> None:
    handed_over(world.a)
    response = client_for(world.a.users["coordinator"]).get(
        staff_url(world, "insights:figures_json")
    )
    data = response.json()
    assert data["headlines"]["people_reached"] == "<10"
    assert data["suppression"] == {"threshold": 10, "primary": "<10", "secondary": "x"}
    for table in data["tables"]:
        for row in table["rows"]:
            for value in row["values"]:
                assert not (isinstance(value, int) and 0 < value < 10)


def test_the_region_sees_every_digibank_side_by_side(world) -> None:
    handed_over(world.a)
    body = client_for(world.region_users["region_analyst"]).get(region_url(world)).content.decode()
    assert world.a.digibank.name in body and world.b.digibank.name in body
    response = client_for(world.region_users["region_admin"]).get(
        region_url(world, "insights:region_digibanks_csv")
    )
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert {line[1] for line in lines[1:]} >= {world.a.digibank.slug, world.b.digibank.slug}


def test_the_filters_narrow_the_page_and_an_unknown_value_is_ignored(world) -> None:
    client = client_for(world.a.users["analyst"])
    assert client.get(staff_url(world, hub=world.a.hub.pk)).status_code == 200
    assert client.get(staff_url(world, hub=world.b.hub.pk, period="1999")).status_code == 200
    assert client.get(staff_url(world, municipality="nope")).status_code == 200


def test_the_dashboard_reads_in_a_fixed_number_of_queries(
    world, django_assert_num_queries, django_assert_max_num_queries
) -> None:
    waiting_request(world.a)
    window = Window((world.a.digibank.pk,), *_period())
    with django_assert_num_queries(QUERIES):
        dashboard(window, period_for("last12"))
    for person in people(world, 12):
        handed_over(world.a, person=person)
        waiting_request(world.a, person=person)
    with django_assert_num_queries(QUERIES):
        dashboard(window, period_for("last12"))
    client = client_for(world.a.users["analyst"])
    client.get(staff_url(world))
    with django_assert_max_num_queries(QUERIES + 8):
        assert client.get(staff_url(world)).status_code == 200


def test_the_data_dictionary_is_public(client) -> None:
    body = client.get(reverse("insights:data_dictionary")).content.decode()
    assert "&lt;10" in body


def test_the_api_gives_the_same_protected_figures(world) -> None:
    from digibank.core.services import create_api_token

    handed_over(world.a)
    key = create_api_token(user=world.a.users["analyst"], name="figures", days=30)
    url = f"/api/digibanks/{world.a.digibank.slug}/figures/last12"
    answer = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert answer.status_code == 200
    assert answer.json()["headlines"]["people_reached"] == "<10"
    wrong = Client().get(url + f"?hub={world.b.hub.pk}", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert wrong.status_code == 422
