"""The help API: topics for anyone, appointments for staff with a token, refused as the pages do."""

from __future__ import annotations

import pytest

from digibank.core.services import create_api_token
from digibank.help.models import Appointment
from digibank.help.tests.helpers import book, slot, topic

pytestmark = pytest.mark.django_db


def bearer(user):
    key = create_api_token(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_anyone_reads_a_regions_help_topics(client, world):
    response = client.get(f"/api/regions/{world.region.slug}/help-topics?limit=50")
    assert response.status_code == 200
    codes = [item["code"] for item in response.json()["items"]]
    assert len(codes) == 19 and "H01" in codes
    assert client.get("/api/regions/nowhere/help-topics").status_code == 404


def test_staff_book_for_a_caller_and_read_it_back(client, world):
    at = slot(world.a)
    headers = bearer(world.a.users["hub_volunteer"])
    response = client.post(
        f"/api/digibanks/{world.a.digibank.slug}/appointments",
        {"slot": at.pk, "topic": topic(world.a).pk, "name": "Jef", "phone": "0470 12 34 56"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["phone"] == "+32470123456" and body["status"] == "booked"
    listed = client.get(f"/api/digibanks/{world.a.digibank.slug}/appointments", **headers).json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]


def test_a_full_time_answers_422_and_books_nothing(client, world):
    at = slot(world.a, capacity=1)
    book(world.a, at)
    response = client.post(
        f"/api/digibanks/{world.a.digibank.slug}/appointments",
        {"slot": at.pk, "topic": topic(world.a).pk, "name": "Jef"},
        content_type="application/json",
        **bearer(world.a.users["coordinator"]),
    )
    assert response.status_code == 422
    assert "fully booked" in response.json()["error"]["fields"]["slot"][0]
    assert Appointment.objects.count() == 1


def test_another_digibanks_time_is_refused(client, world):
    other = slot(world.b)
    response = client.post(
        f"/api/digibanks/{world.a.digibank.slug}/appointments",
        {"slot": other.pk, "topic": topic(world.b).pk, "name": "Jef"},
        content_type="application/json",
        **bearer(world.a.users["coordinator"]),
    )
    assert response.status_code == 422
    assert not Appointment.objects.exists()
