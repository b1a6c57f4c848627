"""The training API: a partner publishes a session with a trainer's token, staff systems enrol
and cancel; the answers follow the one error shape."""

from __future__ import annotations

import pytest
from django.test import Client

from digibank.core.services import create_api_token
from digibank.skills.models import Enrolment, EnrolmentStatus, Session
from digibank.skills.tests.sessions_helpers import a_module, enrol_public, scheduled

pytestmark = pytest.mark.django_db


def api_client(user) -> Client:
    key = create_api_token(user=user, name="partner system", days=30)
    return Client(headers={"authorization": f"Bearer {key}", "accept-language": "en"})


def url(world, path: str) -> str:
    return f"/api/digibanks/{world.a.digibank.slug}/{path}"


SESSION = {
    "dates": [
        {"starts": "2099-05-05T14:00:00+02:00", "ends": "2099-05-05T16:00:00+02:00"},
        {"starts": "2099-05-12T14:00:00+02:00", "ends": "2099-05-12T16:00:00+02:00"},
    ],
    "capacity": 10,
    "language": "nl",
}


def test_a_trainer_publishes_a_session_on_two_dates(world):
    client = api_client(world.a.users["trainer"])
    response = client.post(
        url(world, "sessions"),
        {**SESSION, "module": a_module(world.a).pk, "hub": world.a.hub.pk},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert len(body["dates"]) == 2 and body["places_taken"] == 0
    assert Session.objects.get(pk=body["id"]).digibank == world.a.digibank


def test_a_hub_volunteer_may_not_publish(world):
    client = api_client(world.a.users["hub_volunteer"])
    response = client.post(
        url(world, "sessions"),
        {**SESSION, "module": a_module(world.a).pk, "hub": world.a.hub.pk},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_a_hub_of_another_digibank_is_refused_per_field(world):
    client = api_client(world.a.users["trainer"])
    response = client.post(
        url(world, "sessions"),
        {**SESSION, "module": a_module(world.a).pk, "hub": world.b.hub.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "hub" in response.json()["error"]["fields"]


def test_a_date_without_time_zone_is_refused(world):
    client = api_client(world.a.users["trainer"])
    dates = [{"starts": "2099-05-05T14:00:00", "ends": "2099-05-05T16:00:00"}]
    response = client.post(
        url(world, "sessions"),
        {**SESSION, "dates": dates, "module": a_module(world.a).pk, "hub": world.a.hub.pk},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_enrolling_through_the_api_fills_then_queues(world):
    session = scheduled(world.a, capacity=1)
    enrol_public(session)
    client = api_client(world.a.users["coordinator"])
    response = client.post(
        url(world, f"sessions/{session.pk}/enrolments"),
        {"person": world.a.person.pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == EnrolmentStatus.WAITING
    assert response.json()["channel"] == "api"


def test_cancelling_through_the_api_promotes_the_next(world):
    session = scheduled(world.a, capacity=1)
    seated, waiting = enrol_public(session, "An"), enrol_public(session, "Bo")
    client = api_client(world.a.users["coordinator"])
    response = client.patch(
        url(world, f"enrolments/{seated.pk}"),
        {"status": "cancelled"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == EnrolmentStatus.CANCELLED
    assert Enrolment.objects.get(pk=waiting.pk).status == EnrolmentStatus.ENROLLED


def test_another_digibanks_session_is_not_found(world):
    client = api_client(world.a.users["coordinator"])
    response = client.get(url(world, f"sessions/{scheduled(world.b).pk}"))
    assert response.status_code == 404


def test_the_openapi_document_lists_the_training_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/digibanks/{digibank}/modules",
        "/api/digibanks/{digibank}/sessions",
        "/api/digibanks/{digibank}/sessions/{session_id}/enrolments",
        "/api/digibanks/{digibank}/enrolments/{enrolment_id}",
    ):
        assert path in paths
