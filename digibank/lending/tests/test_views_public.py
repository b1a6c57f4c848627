"""The public pages: "I need a device", one question per page, and the status check."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from digibank.lending.models import DeviceRequest, RequestStatus
from digibank.lending.public_flow import STEPS
from digibank.lending.tests.helpers import new_request, reserved_request, waiting_request
from digibank.messaging.models import Message, MessageKind
from digibank.organisations import services as organisation_services
from digibank.organisations.models import Municipality
from digibank.organisations.permissions import SYSTEM
from digibank.people.models import Person

pytestmark = pytest.mark.django_db

START = reverse("lending:public_start")
CHECK = reverse("lending:public_check")
SENT = reverse("lending:public_sent")
STATUS = reverse("lending:public_status")


def step(slug):
    return reverse("lending:public_step", kwargs={"step": slug})


ANSWERS = [
    ("postcode", {"postcode": "2800"}),
    ("needs", {"needs": ["school", "job_search"]}),
    ("device", {"device_kind": "laptop"}),
    ("accessibility", {"accessibility_needs": "Large letters, please"}),
    ("household", {"household_note": ""}),
    ("name", {"first_name": "Fatima", "last_name": "Benali"}),
    ("birth-year", {"birth_year": "1979"}),
    ("contact", {"contact_method": "email"}),
    ("email", {"email": "fatima@example.org"}),
]


def answer_all(client, answers=ANSWERS):
    for slug, data in answers:
        response = client.post(step(slug), data)
        assert response.status_code == 302, (slug, response.content.decode()[:2000])
    return response


def test_the_home_page_leads_to_the_request_pages(client, world):
    assert START in client.get(reverse("portal:home")).content.decode()
    body = client.get(START).content.decode()
    assert step("postcode") in body
    assert STATUS in body


def test_a_resident_asks_for_a_laptop_one_question_at_a_time(client, world):
    response = answer_all(client)
    assert response["Location"] == CHECK
    body = client.get(CHECK).content.decode()
    for shown in ("2800", "school or homework", "Laptop", "Large letters", "Fatima Benali", "1979"):
        assert shown in body
    assert f"{step('email')}?change=1" in body
    response = client.post(CHECK)
    assert response["Location"] == SENT
    request = DeviceRequest.objects.get()
    assert request.digibank == world.a.digibank
    assert request.status == RequestStatus.SUBMITTED
    assert request.person.email == "fatima@example.org"
    assert request.needs == ["school", "job_search"]
    sent = client.get(SENT).content.decode()
    assert request.reference_display in sent
    assert "We also sent the code by email to fatima@example.org." in sent, "where it went"
    message = Message.objects.get(kind=MessageKind.REFERENCE_CODE)
    assert message.recipient == "fatima@example.org"
    assert client.get(CHECK)["Location"] == step("postcode"), "the answers are forgotten"


def test_each_question_page_has_its_question_as_the_only_heading(client, world):
    answers = {}
    for slug, data in ANSWERS:
        body = client.get(step(slug)).content.decode()
        assert body.count("<h1") == 1, slug
        assert 'class="back-link"' in body
        answers.update(data)
        client.post(step(slug), data)


def test_it_does_not_skip_ahead(client, world):
    assert client.get(step("name"))["Location"] == step("postcode")
    client.post(step("postcode"), {"postcode": "2800"})
    assert client.get(step("device"))["Location"] == step("needs")
    assert client.get(step("phone"))["Location"] == step("needs"), "phone is not asked yet"
    assert client.get(CHECK)["Location"] == step("needs")


def test_a_postcode_served_by_two_digibanks_asks_which_one(client, world):
    mechelen = Municipality.objects.get(nis_code="12025")
    other = organisation_services.create_digibank(
        by=SYSTEM,
        region=world.region,
        name="Digibank Rivierenland",
        slug="rivierenland",
        municipalities=[mechelen],
    )
    response = client.post(step("postcode"), {"postcode": "2800"})
    assert response["Location"] == step("digibank")
    body = client.get(step("digibank")).content.decode()
    assert "Digibank Rivierenland" in body and "Digibank Mechelen" in body
    assert client.post(step("digibank"), {"digibank": other.pk})["Location"] == step("needs")


def test_an_unknown_postcode_and_bad_answers_get_a_message_next_to_the_field(client, world):
    response = client.post(step("postcode"), {"postcode": "9999"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is no digibank for postcode 9999 yet." in body
    assert 'id="id_postcode_error"' in body
    assert 'value="9999"' in body
    assert response.content.decode().count("<title>Error: ") == 1
    client.post(step("postcode"), {"postcode": "2800"})
    assert "Choose at least one thing" in client.post(step("needs"), {}).content.decode()
    answer_all(client, ANSWERS[1:5])
    long_name = client.post(step("name"), {"first_name": "a" * 10_000, "last_name": "<script>"})
    body = long_name.content.decode()
    assert 'id="id_first_name_error"' in body and 'id="id_last_name_error"' in body
    assert escape("<script>") in body and "<script>" not in body.split("</head>")[1]


def test_a_known_resident_is_not_registered_twice(client, world):
    known = world.a.person
    answers = dict(ANSWERS)
    answers["name"] = {"first_name": known.first_name, "last_name": known.last_name}
    answers["birth-year"] = {"birth_year": str(known.birth_year)}
    answers["postcode"] = {"postcode": known.postcode}
    before = Person.objects.count()
    answer_all(client, list(answers.items()))
    client.post(CHECK)
    assert Person.objects.count() == before
    assert DeviceRequest.objects.get().person == known


def test_the_confirmation_says_which_phone_the_code_was_sent_to(client, world):
    answers = dict(ANSWERS)
    del answers["email"]
    answers["contact"] = {"contact_method": "phone"}
    answers["phone"] = {"phone": "+32470/11.22.33"}
    answer_all(client, list(answers.items()))
    check = client.get(CHECK).content.decode()
    assert "0470 11 22 33" in check, "the answer is shown as people write it"
    assert client.get(CHECK).context["back"] == step("phone"), "back to the last question"
    client.post(CHECK)
    sent = client.get(SENT).content.decode()
    assert "We also sent the code by text message to 0470 11 22 33." in sent
    assert DeviceRequest.objects.get().person.phone == "+32470112233"


def test_the_status_page_shows_only_the_status_and_the_next_step(client, world):
    request = reserved_request(world.a)
    response = client.post(STATUS, {"reference": request.reference_display.lower()})
    body = response.content.decode()
    assert "A device is ready for you." in body
    assert world.a.hub.name in body
    for private in ("Youssef", "El Amrani", "1988", "laptop", "Laptop", "school"):
        assert private not in body.split('<main id="main-content"')[1], private


@pytest.mark.parametrize(
    ("build", "shown"),
    [
        (new_request, "We received your request."),
        (waiting_request, "You are number 1."),
    ],
)
def test_the_status_page_for_each_status(client, world, build, shown):
    request = build(world.a)
    body = client.post(STATUS, {"reference": request.reference}).content.decode()
    assert shown in body


def test_the_status_page_counts_the_place_with_the_same_queries_for_a_long_list(
    client, world, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = waiting_request(world.a)
    with CaptureQueriesContext(connection) as short_list:
        body = client.post(STATUS, {"reference": first.reference}).content.decode()
    assert "You are number 1." in body

    for _ in range(5):
        waiting_request(world.a)
    last = waiting_request(world.a)
    waiting_request(world.b)

    with django_assert_num_queries(len(short_list.captured_queries)) as long_list:
        body = client.post(STATUS, {"reference": last.reference}).content.decode()
    assert "You are number 7." in body
    # The list is counted by the database, not read into the page.
    assert any("COUNT(" in query["sql"].upper() for query in long_list.captured_queries)


def test_a_wrong_code_is_explained_and_kept(client, world):
    body = client.post(STATUS, {"reference": "ACDE-FHJK"}).content.decode()
    assert "We cannot find a request with this code." in body
    assert 'value="ACDE-FHJK"' in body
    body = client.post(STATUS, {"reference": "hello 🙂"}).content.decode()
    assert "A reference code has 8 letters and numbers" in body
    assert "hello 🙂" in body


def test_every_step_is_listed_once():
    assert len({step.slug for step in STEPS}) == len(STEPS)
