"""The public catalogue, finder and enrolment pages, and the staff's session pages: a resident
enrols without an account, joins the waiting list of a full session, finds the enrolment with
the code, cancels or changes it; staff enrol someone and cancel; the lists cost the same queries
whatever their length."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digibank.core.codes import display_code
from digibank.skills.models import Enrolment, EnrolmentStatus
from digibank.skills.tests.sessions_helpers import a_module, enrol_public, scheduled

pytestmark = pytest.mark.django_db

PAGE_LIMIT = 30 * 1024
UNKNOWN = [f"ACD{letter}-FHJK" for letter in "EFHJKMNPQRTU"]


def browser(address: str = "203.0.113.9") -> Client:
    return Client(REMOTE_ADDR=address, headers={"accept-language": "en"})


def enrol_through_pages(client: Client, session, name="Mina Peeters", phone="0470 12 34 56"):
    client.post(reverse("skills:enrol_name", args=[session.pk]), {"name": name})
    client.post(reverse("skills:enrol_contact", args=[session.pk]), {"phone": phone, "email": ""})
    return client.post(reverse("skills:enrol_check", args=[session.pk]), follow=True)


def test_a_resident_enrols_one_question_per_page_and_gets_a_code(world):
    session = scheduled(world.a, capacity=1)
    response = enrol_through_pages(browser(), session)
    enrolment = Enrolment.objects.get(session=session)
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert enrolment.phone == "+32470123456"
    assert display_code(enrolment.code) in response.content.decode()
    assert "You are enrolled" in response.content.decode()


def test_a_full_session_puts_the_resident_on_the_waiting_list(world):
    session = scheduled(world.a, capacity=1)
    enrol_public(session, "An")
    response = enrol_through_pages(browser(), session, name="Bo")
    assert "You are on the waiting list" in response.content.decode()
    assert Enrolment.objects.get(name="Bo").status == EnrolmentStatus.WAITING


def test_the_contact_page_asks_for_a_phone_or_an_email(world):
    session = scheduled(world.a)
    client = browser()
    client.post(reverse("skills:enrol_name", args=[session.pk]), {"name": "An"})
    response = client.post(reverse("skills:enrol_contact", args=[session.pk]), {})
    assert response.status_code == 200
    assert "Give a phone number or an email address." in response.content.decode()


def test_the_code_finds_the_enrolment_and_cancelling_promotes_the_next(world):
    session = scheduled(world.a, capacity=1)
    seated, waiting = enrol_public(session, "An"), enrol_public(session, "Bo")
    client = browser()
    found = client.post(
        reverse("skills:enrolment_find"), {"code": display_code(seated.code).lower()}, follow=True
    )
    assert "Your enrolment" in found.content.decode()
    client.post(reverse("skills:enrolment_cancel"))
    assert Enrolment.objects.get(pk=seated.pk).status == EnrolmentStatus.CANCELLED
    assert Enrolment.objects.get(pk=waiting.pk).status == EnrolmentStatus.ENROLLED


def test_the_resident_changes_to_another_session_of_the_course(world):
    old, new = scheduled(world.a), scheduled(world.a, days=14)
    enrolment = enrol_public(old)
    client = browser()
    client.post(reverse("skills:enrolment_find"), {"code": enrolment.code})
    client.post(reverse("skills:enrolment_change"), {"session": new.pk})
    moved = Enrolment.objects.get(code=enrolment.code)
    assert moved.session_id == new.pk


def test_unknown_codes_are_throttled_like_the_skills_check_resume(world):
    enrolment = enrol_public(scheduled(world.a))
    client = browser("203.0.113.10")
    for code in UNKNOWN[:10]:
        assert client.post(reverse("skills:enrolment_find"), {"code": code}).status_code == 200
    response = client.post(reverse("skills:enrolment_find"), {"code": enrolment.code})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_the_code_is_never_in_a_url(world):
    session = scheduled(world.a)
    response = enrol_through_pages(browser(), session)
    code = Enrolment.objects.get(session=session).code
    assert all(code not in url for url, _status in response.redirect_chain)


def test_the_finder_filters_by_course_place_and_language(world):
    near = scheduled(world.a)
    other_course = scheduled(world.a, module=a_module(world.a, "M02"))
    far = scheduled(world.b)
    response = browser().get(
        reverse("skills:session_finder"),
        {"module": near.module_id, "place": world.a.hub.postcode, "language": "nl"},
    )
    found = {session.pk for session in response.context["sessions"]}
    assert near.pk in found
    assert other_course.pk not in found
    if far.hub and far.hub.postcode != world.a.hub.postcode:
        assert far.pk not in found


@pytest.mark.parametrize(
    "name", ["skills:module_list", "skills:session_finder", "skills:enrolment_find"]
)
def test_public_pages_stay_small(world, name):
    for days in range(3, 23):
        scheduled(world.a, days=days)
    response = browser().get(reverse(name))
    assert response.status_code == 200
    assert len(response.content) < PAGE_LIMIT


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_finder_costs_the_same_queries_for_one_or_many_sessions(world):
    client = browser()
    url = reverse("skills:session_finder")
    scheduled(world.a)
    few = _queries(client, url)
    for days in range(8, 20):
        enrol_public(scheduled(world.a, days=days))
    assert _queries(client, url) == few


def test_the_staff_session_list_costs_the_same_queries_for_one_or_many(client, world):
    client.force_login(world.a.users["coordinator"])
    url = reverse("skills:staff_sessions", kwargs={"digibank": world.a.digibank.slug})
    scheduled(world.a)
    few = _queries(client, url)
    for days in range(8, 20):
        scheduled(world.a, days=days)
    assert _queries(client, url) == few


def test_the_session_page_costs_the_same_queries_for_few_or_many_enrolments(client, world):
    client.force_login(world.a.users["coordinator"])
    session = scheduled(world.a, capacity=3)
    url = reverse(
        "skills:staff_session", kwargs={"digibank": world.a.digibank.slug, "session_id": session.pk}
    )
    enrol_public(session, "An")
    few = _queries(client, url)
    for index in range(8):
        enrol_public(session, f"Resident {index}")
    assert _queries(client, url) == few


def test_staff_enrol_a_registered_resident_and_cancel(client, world):
    client.force_login(world.a.users["hub_volunteer"])
    session = scheduled(world.a, capacity=1)
    kwargs = {"digibank": world.a.digibank.slug, "session_id": session.pk}
    client.post(reverse("skills:staff_enrol", kwargs=kwargs), {"person": world.a.person.pk})
    enrolment = Enrolment.objects.get(session=session, person=world.a.person)
    waiting = enrol_public(session, "Bo")
    client.post(
        reverse(
            "skills:staff_cancel_enrolment",
            kwargs={"digibank": world.a.digibank.slug, "enrolment_id": enrolment.pk},
        )
    )
    assert Enrolment.objects.get(pk=enrolment.pk).status == EnrolmentStatus.CANCELLED
    assert Enrolment.objects.get(pk=waiting.pk).status == EnrolmentStatus.ENROLLED


def test_a_referrer_does_not_see_public_enrolments_on_the_session_page(client, world):
    session = scheduled(world.a)
    enrol_public(session, "Publicly Enrolled")
    client.force_login(world.a.users["referrer"])
    response = client.get(
        reverse(
            "skills:staff_session",
            kwargs={"digibank": world.a.digibank.slug, "session_id": session.pk},
        )
    )
    assert "Publicly Enrolled" not in response.content.decode()


def test_a_trainer_schedules_a_session_on_two_dates(client, world):
    client.force_login(world.a.users["trainer"])
    response = client.post(
        reverse("skills:session_add", kwargs={"digibank": world.a.digibank.slug}),
        {
            "module": a_module(world.a).pk,
            "hub": world.a.hub.pk,
            "capacity": "8",
            "language": "nl",
            "date_1": "2099-05-05",
            "starts_1": "14:00",
            "ends_1": "16:00",
            "date_2": "2099-05-12",
            "starts_2": "14:00",
            "ends_2": "16:00",
        },
    )
    assert response.status_code == 302
    session = world.a.digibank.sessions.get()
    assert session.dates.count() == 2
