import datetime

import pytest
from django.test import Client

from digibank.core.services import create_api_token
from digibank.organisations import services
from digibank.organisations.models import PartnerKind
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.helpers import hub_fields


@pytest.fixture
def api(world):
    token = create_api_token(user=world.users["hub_volunteer"], name="test")
    return Client(headers={"authorization": f"Bearer {token}"})


def test_it_lists_the_digibanks_hubs(world, api):
    response = api.get("/api/digibanks/mechelen/hubs")
    body = response.json()
    assert response.status_code == 200
    assert len(body["items"]) == 1
    assert body["next_after"] is None
    assert body["items"][0]["name"] == world.a.hub.name
    assert body["items"][0]["municipality_nis_code"] == "12025"


def test_it_shows_a_hub_with_its_weekly_hours_and_coming_changes(world, api):
    services.set_weekly_hours(
        by=SYSTEM,
        hub=world.a.hub,
        hours=[(4, datetime.time(13), datetime.time(16), "walk_in")],
    )
    services.add_opening_exception(
        by=SYSTEM, hub=world.a.hub, date=datetime.date(2999, 1, 1), reason="X"
    )
    services.update_hub(hub=world.a.hub, by=SYSTEM, latitude="51.0259", longitude="4.4776")
    body = api.get(f"/api/digibanks/mechelen/hubs/{world.a.hub.pk}").json()
    assert body["weekly_hours"] == [
        {"weekday": 4, "opens": "13:00:00", "closes": "16:00:00", "kind": "walk_in"}
    ]
    assert body["upcoming_exceptions"][0]["reason"] == "X"
    assert body["latitude"] == pytest.approx(51.0259)


def test_a_hub_of_another_digibank_is_not_found(world, api):
    assert api.get(f"/api/digibanks/mechelen/hubs/{world.b.hub.pk}").status_code == 404
    assert api.get("/api/digibanks/eeklo/hubs").status_code == 404


def test_it_lists_and_shows_partners_with_their_contacts(world, api):
    services.add_partner_contact(
        by=SYSTEM, partner=world.a.partner, name="Sofie Maes", job_title="Boss"
    )
    listed = api.get("/api/digibanks/mechelen/partners").json()
    shown = api.get(f"/api/digibanks/mechelen/partners/{world.a.partner.pk}").json()
    assert [p["name"] for p in listed["items"]] == [world.a.partner.name]
    assert shown["contacts"][0]["name"] == "Sofie Maes"
    assert shown["kind"] == PartnerKind.LOCAL_GOVERNMENT


def test_a_partner_of_another_digibank_is_not_found(world, api):
    assert api.get(f"/api/digibanks/mechelen/partners/{world.b.partner.pk}").status_code == 404


def test_the_hub_list_needs_the_same_queries_for_more_hubs(
    world, api, django_assert_max_num_queries
):
    api.get("/api/digibanks/mechelen/hubs")  # the token's first use is noted: one write more
    with django_assert_max_num_queries(8) as few:
        api.get("/api/digibanks/mechelen/hubs")
    for n in range(20):
        services.create_hub(
            by=SYSTEM, digibank=world.a.digibank, **hub_fields(world.a, name=f"Hub {n}")
        )
    with django_assert_max_num_queries(8) as many:
        response = api.get("/api/digibanks/mechelen/hubs")
    assert len(response.json()["items"]) == 21
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_analyst_may_not_read_hubs(world):
    token = create_api_token(user=world.users["analyst"], name="test")
    client = Client(headers={"authorization": f"Bearer {token}"})
    assert client.get("/api/digibanks/mechelen/hubs").status_code == 403


def test_it_needs_a_token(world):
    assert Client().get("/api/digibanks/mechelen/hubs").status_code == 401
