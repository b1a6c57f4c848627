"""Every refusal of the API answers the one error shape (`ErrorOut`) with the right status."""

from __future__ import annotations

import json

import pytest
from django.test import Client, RequestFactory
from ninja.errors import Throttled

from digibank.api.api import api
from digibank.core.api_errors import ErrorOut
from digibank.core.services import create_api_token
from digibank.lending.models import DeviceRequest
from digibank.people.models import Person

pytestmark = pytest.mark.django_db

PEOPLE = "/api/digibanks/mechelen/people"
REQUESTS = "/api/digibanks/mechelen/requests"


@pytest.fixture
def api_client(world):
    """A client for `role` that asks for English answers, so the messages can be compared."""

    def make(role: str = "coordinator") -> Client:
        token = create_api_token(user=world.users[role], name="test")
        return Client(headers={"authorization": f"Bearer {token}", "accept-language": "en"})

    return make


def error_of(response, status: int) -> dict:
    """The error of an answer, after checking its status and that it is exactly the one shape."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert ErrorOut.model_validate(body).model_dump(mode="json") == body
    assert set(body) == {"error"}
    return body["error"]


def post_json(client: Client, path: str, body) -> object:
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_a_domain_error_answers_422_with_its_message_on_its_field(api_client, world):
    body = {"person": world.a.referred_person.pk, "needs": ["flying"]}

    error = error_of(post_json(api_client("referrer"), REQUESTS, body), 422)

    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["needs"]
    assert error["fields"]["needs"] == [error["message"]]
    assert not DeviceRequest.objects.exists()


def test_a_body_that_is_not_json_answers_400(api_client):
    response = api_client().post(PEOPLE, data="{not json", content_type="application/json")

    error = error_of(response, 400)

    assert error["code"] == "bad_request"
    assert error["message"] == "Send the body as a JSON object."


def test_a_form_encoded_body_answers_400(api_client):
    response = api_client().post(PEOPLE, data={"first_name": "Nora", "last_name": "Claes"})

    assert error_of(response, 400)["code"] == "bad_request"


def test_a_body_of_the_wrong_types_answers_422_per_field(api_client):
    body = {"first_name": "Nora", "birth_year": "soon", "colour": "red"}

    error = error_of(post_json(api_client(), PEOPLE, body), 422)

    assert error["code"] == "invalid"
    assert error["fields"] == {
        "last_name": ["This field is required."],
        "birth_year": ["This value is not valid."],
        "colour": ["This field is unknown."],
    }
    assert not Person.objects.filter(first_name="Nora").exists()


def test_a_body_that_is_a_list_answers_422_for_the_whole_body(api_client):
    error = error_of(post_json(api_client(), PEOPLE, ["Nora", "Claes"]), 422)

    assert error["fields"] == {"__all__": ["Send a JSON object."]}


def test_a_form_rule_answers_422_on_its_field(api_client):
    body = {"first_name": "Nora", "last_name": "Claes", "contact_method": "email"}

    error = error_of(post_json(api_client(), PEOPLE, body), 422)

    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["email"]


def test_a_query_parameter_of_the_wrong_kind_answers_422(api_client):
    error = error_of(api_client().get("/api/digibanks/mechelen/devices", {"state": "flying"}), 422)

    assert list(error["fields"]) == ["state"]
    assert error["fields"]["state"][0].startswith("Choose one of:")


def test_an_unknown_id_answers_404(api_client):
    error = error_of(api_client().get(f"{PEOPLE}/999999"), 404)

    assert error == {"code": "not_found", "message": "Not found.", "fields": {}, "duplicates": []}


@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_a_path_no_endpoint_serves_answers_404(method, api_client, world):
    client = api_client()
    for path in ("/api/nothing", f"{PEOPLE}/", f"{PEOPLE}/{world.a.person.pk}/consents"):
        assert error_of(getattr(client, method)(path), 404)["code"] == "not_found"


def test_a_known_path_called_with_a_method_it_does_not_serve_answers_405_with_allow(api_client):
    response = api_client().delete(PEOPLE)

    error = error_of(response, 405)

    assert error["code"] == "method_not_allowed"
    assert "DELETE" in error["message"]
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}
    assert Person.objects.exists()


def test_a_wrong_method_answers_the_same_shape_without_a_token(world):
    response = Client(headers={"accept-language": "nl"}).put(PEOPLE)

    error = error_of(response, 405)

    assert error["code"] == "method_not_allowed"
    assert "PUT" in error["message"]
    assert "GET" in response["Allow"]


def test_an_id_that_is_not_a_number_answers_422(api_client):
    assert list(error_of(api_client().get(f"{PEOPLE}/abc"), 422)["fields"]) == ["person_id"]


def test_another_digibanks_id_answers_exactly_like_an_unknown_one(api_client, world):
    client = api_client()
    unknown = client.get(f"{PEOPLE}/999999")
    foreign = client.get(f"{PEOPLE}/{world.b.person.pk}")

    assert error_of(foreign, 404) == error_of(unknown, 404)


def test_a_digibank_the_user_has_no_role_in_answers_404(api_client):
    assert error_of(api_client().get("/api/digibanks/eeklo/people"), 404)["code"] == "not_found"


def test_a_role_without_the_permission_answers_403(api_client):
    response = api_client("analyst").get("/api/digibanks/mechelen/hubs")

    assert error_of(response, 403)["code"] == "forbidden"


def test_a_missing_or_wrong_token_answers_401_and_names_the_scheme(world):
    for client in (Client(), Client(headers={"authorization": "Bearer dgb_nope"})):
        response = client.get(PEOPLE)

        assert error_of(response, 401)["code"] == "unauthorized"
        assert response["WWW-Authenticate"] == "Bearer"


def test_a_possible_duplicate_answers_409_with_the_ids(api_client, world):
    body = {
        "first_name": "Nora",
        "last_name": "Claes",
        "birth_year": 1990,
        "contact_method": "none",
    }
    first = post_json(api_client(), PEOPLE, body).json()

    error = error_of(post_json(api_client(), PEOPLE, body), 409)

    assert error["code"] == "possible_duplicate"
    assert error["duplicates"] == [first["id"]]


def test_throttling_answers_429(world):
    request = RequestFactory().get(PEOPLE, HTTP_ACCEPT_LANGUAGE="en")

    response = api.on_exception(request, Throttled(wait=30))

    error = error_of(response, 429)
    assert error["code"] == "throttled"


def test_the_message_is_in_the_language_asked(world):
    english = Client(headers={"accept-language": "en"}).get(PEOPLE).json()["error"]["message"]
    dutch = Client(headers={"accept-language": "nl"}).get(PEOPLE).json()["error"]["message"]

    assert english.startswith("Send a valid API token")
    assert dutch != english
