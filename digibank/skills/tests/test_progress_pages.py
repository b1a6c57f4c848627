"""Progress on the pages: the learning section of a person's page and the digibank's figures."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.organisations.permissions import SYSTEM
from digibank.skills.models import Answer
from digibank.skills.services.attendance import record_attendance
from digibank.skills.tests.attendance_helpers import dates_of, enrolled, session_on
from digibank.skills.tests.helpers import another_person, linked_check

pytestmark = pytest.mark.django_db


def person_page(person):
    return reverse("people:detail", kwargs={"digibank": "mechelen", "person_id": person.pk})


def test_the_person_page_compares_the_latest_check_with_the_first_and_recommends_modules(
    client, world
):
    person = world.a.person
    client.force_login(world.a.users["hub_volunteer"])
    empty = client.get(person_page(person)).content.decode()
    assert "No skills check is kept with this record yet." in empty
    assert reverse("skills:link", kwargs={"digibank": "mechelen", "person_id": person.pk}) in empty
    linked_check(world.a, person, Answer.NOT_YET, right=False, days_ago=40)
    one = client.get(person_page(person)).content.decode()
    assert "A second check after a training shows the progress." in one
    assert "Recommended by the latest skills check:" in one
    linked_check(world.a, person, Answer.HELP, right=True, days_ago=1)
    page = client.get(person_page(person))
    text = page.content.decode()
    assert "compared with the first" in text and "+50" in text
    section = next(s for s in page.context["sections"] if s.name == "learning").context
    assert section["progress"].compared
    assert section["recommended"]


def test_a_technician_sees_no_learning_section_and_an_analyst_no_person(client, world):
    client.force_login(world.a.users["trainer"])
    assert "learning-heading" in client.get(person_page(world.a.person)).content.decode()
    client.force_login(world.a.users["technician"])
    assert client.get(person_page(world.a.person)).status_code == 403


def test_the_progress_page_shows_the_average_change_per_area(client, world):
    client.force_login(world.a.users["analyst"])
    url = reverse("skills:progress", kwargs={"digibank": "mechelen"})
    assert "Nobody took the skills check a second time" in client.get(url).content.decode()
    linked_check(world.a, world.a.person, Answer.NOT_YET, right=False, days_ago=40)
    linked_check(world.a, world.a.person, Answer.ALONE, right=True, days_ago=1)
    page = client.get(url)
    assert "+100.0" in page.content.decode()
    assert world.a.person.last_name not in page.content.decode()
    today = timezone.localdate()
    earlier = {
        "start": (today - datetime.timedelta(days=300)).isoformat(),
        "end": (today - datetime.timedelta(days=30)).isoformat(),
    }
    assert "+100.0" not in client.get(url, earlier).content.decode()
    wrong = client.get(url, {"start": earlier["end"], "end": earlier["start"]})
    assert "The end of the period must come after its start." in wrong.content.decode()


def test_the_progress_page_costs_the_same_queries_for_more_people(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.a.users["coordinator"])
    url = reverse("skills:progress", kwargs={"digibank": "mechelen"})
    linked_check(world.a, world.a.person, Answer.NOT_YET, right=False, days_ago=40)
    linked_check(world.a, world.a.person, Answer.ALONE, right=True, days_ago=1)
    client.get(url)
    with django_assert_max_num_queries(12) as first:
        client.get(url)
    for _ in range(3):
        person = another_person(world.a)
        linked_check(world.a, person, Answer.HELP, right=False, days_ago=40)
        linked_check(world.a, person, Answer.ALONE, right=True, days_ago=1)
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert "<td>4</td>" in client.get(url).content.decode()


def test_the_learning_path_lists_done_in_progress_and_recommended_modules(client, world):
    person = world.a.person
    linked_check(world.a, person, Answer.NOT_YET, right=False, days_ago=1)
    done = session_on(world.a, days=(0,), key="M01")
    enrolment = enrolled(done, person=person)
    record_attendance(session_date=dates_of(done)[0], present=[enrolment.pk], by=SYSTEM)
    enrolled(session_on(world.a, days=(5,), key="M02"), person=person)
    client.force_login(world.a.users["coordinator"])
    page = client.get(person_page(person))
    section = next(s for s in page.context["sections"] if s.name == "learning").context
    assert [e.session.module.key for e in section["done"]] == ["M01"]
    assert [e.session.module.key for e in section["in_progress"]] == ["M02"]
    assert {"M01", "M02"}.isdisjoint(a.module.key for a in section["recommended"])
    text = page.content.decode()
    assert done.module.title in text and "No module completed yet." not in text
