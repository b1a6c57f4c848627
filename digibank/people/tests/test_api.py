import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digibank.core.models import AuditAction, AuditEntry
from digibank.core.services import create_api_token
from digibank.people import services
from digibank.people.models import Person
from digibank.people.tests.helpers import register

pytestmark = pytest.mark.django_db

PEOPLE = "/api/digibanks/mechelen/people"


@pytest.fixture
def api(client, world):
    def call(role="coordinator", method="get", path=PEOPLE, body=None, **params):
        token = create_api_token(user=world.users[role], name="test")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        if method == "post":
            return client.post(
                path, data=json.dumps(body), content_type="application/json", **headers
            )
        return client.get(path, params, **headers)

    return call


def test_it_lists_the_people_with_pages_and_search(api, world):
    register(world.a, first_name="Élise", last_name="Dupont")
    response = api()
    assert response.status_code == 200
    data = response.json()
    assert len(data["items"]) == 3
    assert {item["last_name"] for item in data["items"]} == {"Peeters", "El Amrani", "Dupont"}
    found = api(search="elise").json()
    assert [item["first_name"] for item in found["items"]] == ["Élise"]


def test_a_referrer_lists_only_their_partners_people(api, world):
    data = api("referrer").json()
    assert [item["id"] for item in data["items"]] == [world.a.referred_person.pk]


def test_reading_a_person_is_audited(api, world):
    person = world.a.person
    response = api(path=f"{PEOPLE}/{person.pk}")
    assert response.status_code == 200
    assert response.json()["phone"] == person.phone
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, object_id=str(person.pk))
    assert entry.actor == world.users["coordinator"]


def test_another_digibanks_person_is_a_404(api, world):
    assert api(path=f"{PEOPLE}/{world.b.person.pk}").status_code == 404
    assert api(path=f"/api/digibanks/eeklo/people/{world.b.person.pk}").status_code == 404


def test_a_referrer_gets_a_404_for_someone_they_did_not_refer(api, world):
    assert api("referrer", path=f"{PEOPLE}/{world.a.person.pk}").status_code == 404
    assert api("referrer", path=f"{PEOPLE}/{world.a.referred_person.pk}").status_code == 200


def test_without_a_token_the_answer_is_401(client):
    assert client.get(PEOPLE).status_code == 401


def test_a_referrers_system_registers_a_person_for_its_partner(api, world):
    services.ensure_default_target_groups(world.a.digibank)
    response = api(
        "referrer",
        "post",
        body={
            "first_name": "Nora",
            "last_name": "Claes",
            "contact_method": "referrer",
            "postcode": "2800",
            "birth_year": 1990,
            "target_groups": ["job_seeker"],
            "consents": ["registration", "share_referrer"],
        },
    )
    assert response.status_code == 201, response.content
    data = response.json()
    person = Person.objects.get(pk=data["id"])
    assert person.referrer_partner == world.a.partner
    assert person.referred_by == world.users["referrer"]
    assert data["target_groups"] == ["job_seeker"]
    assert {c["purpose"] for c in data["consents"]} == {"registration", "share_referrer"}
    assert data["municipality_nis_code"] == "12025"


def test_a_possible_duplicate_answers_409_with_the_ids(api, world):
    first = register(world.a, first_name="Nora", last_name="Claes", birth_year=1990)
    body = {
        "first_name": "NORA",
        "last_name": "Claës",
        "birth_year": 1990,
        "contact_method": "none",
    }
    response = api(method="post", body=body)
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "possible_duplicate"
    assert error["duplicates"] == [first.pk]
    response = api(method="post", body={**body, "allow_duplicate": True})
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"first_name": "", "last_name": "Claes"}, "first_name"),
        ({"first_name": "x" * 10_000, "last_name": "Claes"}, "first_name"),
        ({"first_name": "<script>", "last_name": "Claes"}, "first_name"),
        ({"first_name": "Nora", "last_name": "Claes", "notes": "RR 85073003328"}, "notes"),
        ({"first_name": "Nora", "last_name": "Claes", "contact_method": "email"}, "email"),
        ({"first_name": "Nora", "last_name": "Claes", "birth_year": "🙂"}, "birth_year"),
        ({"first_name": "Nora", "last_name": "Claes", "postcode": "٢٨٠٠"}, "postcode"),
        ({"first_name": "Nora", "last_name": "Claes", "target_groups": ["nope"]}, "target_groups"),
        ({"first_name": "Nora", "last_name": "Claes", "national_number": "1"}, "national_number"),
    ],
)
def test_invalid_fields_answer_422_with_a_message_per_field(api, body, field):
    body.setdefault("contact_method", "none")
    response = api(method="post", body=body)
    assert response.status_code == 422
    errors = response.json()["error"]["fields"]
    assert field in errors
    assert errors[field][0]
    assert not Person.objects.filter(last_name="Claes").exists()


def test_a_body_that_is_not_json_answers_400(api, world, client):
    token = create_api_token(user=world.users["coordinator"], name="test")
    response = client.post(
        PEOPLE,
        data="{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"


def test_an_analyst_may_not_register(api):
    response = api("analyst", "post", body={"first_name": "Nora", "last_name": "Claes"})
    assert response.status_code == 403


def test_the_openapi_document_describes_the_people_endpoints(client):
    document = client.get("/api/openapi.json").json()
    people = document["paths"]["/api/digibanks/{digibank}/people"]
    assert "requestBody" in people["post"]
    assert {"201", "400", "409", "422"} <= set(people["post"]["responses"])


def test_the_list_needs_the_same_queries_for_few_or_many_people(
    api, world, django_assert_max_num_queries
):
    services.ensure_default_target_groups(world.a.digibank)
    register(world.a, target_groups=["pupil", "newcomer"])
    with CaptureQueriesContext(connection) as few:
        assert api().status_code == 200
    for number in range(30):
        register(world.a, birth_year=1940 + number, target_groups=["pupil"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = api()
    assert len(response.json()["items"]) == 33
