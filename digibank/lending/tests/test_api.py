"""The device requests API: a referrer's system submits a request and follows its status."""

import json

import pytest

from digibank.core.models import AuditAction, AuditEntry
from digibank.core.services import create_api_token
from digibank.lending.models import DeviceRequest, RequestSource
from digibank.lending.tests.helpers import new_request, waiting_request

pytestmark = pytest.mark.django_db

REQUESTS = "/api/digibanks/mechelen/requests"


@pytest.fixture
def api(client, world):
    def call(role="referrer", method="get", path=REQUESTS, body=None, **params):
        token = create_api_token(user=world.users[role], name="test")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        if method == "post":
            return client.post(
                path, data=json.dumps(body), content_type="application/json", **headers
            )
        return client.get(path, params, **headers)

    return call


def test_a_referrers_system_submits_a_request_and_follows_it(api, world):
    response = api(
        method="post",
        body={
            "person": world.a.referred_person.pk,
            "needs": ["job_search"],
            "device_kind": "laptop",
            "accessibility_needs": "Large screen",
        },
    )
    assert response.status_code == 201, response.content
    data = response.json()
    created = DeviceRequest.objects.get(pk=data["id"])
    assert created.source == RequestSource.API
    assert created.submitted_by == world.users["referrer"]
    assert data["reference"] == created.reference_display
    assert data["status"] == "submitted"
    followed = api(path=f"{REQUESTS}/{created.pk}").json()
    assert followed["status_label"] == "submitted"
    assert followed["accessibility_needs"] == "Large screen"
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_type="lending.devicerequest", object_id=str(created.pk)
    ).exists()


def test_the_detail_gives_the_place_on_the_waiting_list(api, world):
    waiting = waiting_request(world.a)
    data = api(path=f"{REQUESTS}/{waiting.pk}").json()
    assert data["status"] == "waiting"
    assert data["waiting_position"] == 1
    assert data["eligibility_rule"] == "living_wage"


def test_a_referrer_lists_and_reads_only_their_partners_requests(api, world):
    theirs = new_request(world.a)
    other = new_request(world.a, person=world.a.person)
    listed = api().json()
    assert [item["id"] for item in listed["items"]] == [theirs.pk]
    assert api(path=f"{REQUESTS}/{other.pk}").status_code == 404
    assert api(path=f"{REQUESTS}/{new_request(world.b).pk}").status_code == 404
    assert len(api("coordinator", status="submitted").json()["items"]) == 2
    assert api("coordinator", status="flying").status_code == 422


THEIRS = "the referred person's id"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"needs": ["school"]}, "person"),
        ({"person": "x", "needs": ["school"]}, "person"),
        ({"person": THEIRS, "needs": ["flying"]}, "needs"),
        ({"person": THEIRS, "needs": ["school"], "device_kind": "rocket"}, "device_kind"),
        ({"person": THEIRS, "needs": ["school"], "household_note": "a" * 301}, "household_note"),
        ({"person": THEIRS, "needs": ["school"], "colour": "red"}, "colour"),
    ],
)
def test_invalid_requests_answer_422_with_the_field(api, world, body, field):
    body = {
        key: world.a.referred_person.pk if value == THEIRS else value for key, value in body.items()
    }
    response = api(method="post", body=body)
    assert response.status_code == 422, response.content
    assert field in response.json()["error"]["fields"]
    assert not DeviceRequest.objects.exists()


def test_a_referrer_cannot_ask_for_someone_their_partner_did_not_refer(api, world):
    response = api(method="post", body={"person": world.a.person.pk, "needs": ["school"]})
    assert response.status_code == 422
    assert "person" in response.json()["error"]["fields"]


def test_the_openapi_document_describes_the_request_endpoints(client):
    document = client.get("/api/openapi.json").json()
    paths = document["paths"]
    assert "/api/digibanks/{digibank}/requests" in paths
    assert "post" in paths["/api/digibanks/{digibank}/requests"]
    assert "/api/digibanks/{digibank}/requests/{request_id}" in paths


def test_the_list_uses_the_same_number_of_queries_for_more_rows(
    api, world, django_assert_max_num_queries
):
    for _ in range(3):
        new_request(world.a)
    with django_assert_max_num_queries(15) as few:
        assert len(api("coordinator").json()["items"]) == 3
    for _ in range(30):
        new_request(world.a, person=world.a.person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api("coordinator").json()["items"]) == 33
