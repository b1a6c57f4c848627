"""The devices and donations API: filters, cursor pages, constant queries, scoping."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digibank.core.models import AuditAction, AuditEntry
from digibank.core.services import create_api_token
from digibank.devices.models import DeviceState
from digibank.devices.tests.helpers import device_in, make_device, make_donation

pytestmark = pytest.mark.django_db

DEVICES = "/api/digibanks/mechelen/devices"
DONATIONS = "/api/digibanks/mechelen/donations"


@pytest.fixture
def api(client, world):
    def call(path=DEVICES, role="technician", **params):
        token = create_api_token(user=world.users[role], name="test")
        return client.get(path, params, HTTP_AUTHORIZATION=f"Bearer {token}")

    return call


def add(world, count, prefix="API"):
    return [make_device(world.a.digibank, serial=f"{prefix}{i:04d}") for i in range(count)]


def test_it_lists_devices_newest_first_in_cursor_pages(api, world):
    devices = add(world, 7)
    first = api(limit=3).json()
    assert [item["id"] for item in first["items"]] == [d.pk for d in devices[::-1][:3]]
    assert first["previous_before"] is None
    second = api(limit=3, after=first["next_after"]).json()
    assert [item["id"] for item in second["items"]] == [d.pk for d in devices[::-1][3:6]]
    back = api(limit=3, before=second["previous_before"]).json()
    assert back["items"] == first["items"]
    item = first["items"][0]
    assert item["asset_tag"] == devices[-1].asset_tag
    assert item["state"] == "received" and item["kind"] == "laptop"


def test_it_filters_and_searches(api, world):
    add(world, 3)
    ready = device_in(
        DeviceState.READY, world.a.digibank, world.a.users["technician"], serial="RDY9"
    )
    assert [i["id"] for i in api(state="ready").json()["items"]] == [ready.pk]
    assert [i["id"] for i in api(search="rdy").json()["items"]] == [ready.pk]
    assert [i["id"] for i in api(grade="B", kind="laptop").json()["items"]] == [ready.pk]
    assert api(state="flying").status_code == 422


def test_the_list_makes_the_same_few_queries_for_any_page_size(api, world):
    add(world, 40)
    with CaptureQueriesContext(connection) as small:
        assert len(api(limit=2).json()["items"]) == 2
    with CaptureQueriesContext(connection) as large:
        assert len(api(limit=200).json()["items"]) == 40
    assert len(large.captured_queries) == len(small.captured_queries) <= 12


def test_a_device_with_its_storage_wipes_and_history(api, world):
    device = device_in(DeviceState.WIPED, world.a.digibank, world.a.users["technician"])
    data = api(f"{DEVICES}/{device.pk}").json()
    assert data["media"][0]["wipes"][0]["method"] == "purge"
    assert [event["to_state"] for event in data["history"]][:2] == ["wiped", ""]
    assert api(f"{DEVICES}/{make_device(world.b.digibank).pk}").status_code == 404


def test_donations_are_listed_and_reading_one_is_audited(api, world):
    donation = make_donation(world.a.digibank, contact_name="Els Wouters")
    make_device(world.a.digibank, donation=donation, serial="DN1")
    listed = api(DONATIONS, role="coordinator").json()
    assert len(listed["items"]) == 1
    assert listed["items"][0]["device_count"] == 1
    assert "contact_email" not in listed["items"][0]
    detail = api(f"{DONATIONS}/{donation.pk}", role="coordinator").json()
    assert detail["contact_name"] == "Els Wouters"
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_type="devices.donation", object_id=str(donation.pk)
    ).exists()
    assert api(DONATIONS, role="hub_volunteer").status_code == 403


def test_the_openapi_document_describes_the_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/digibanks/{digibank}/devices" in paths
    assert "/api/digibanks/{digibank}/donations/{donation_id}" in paths
