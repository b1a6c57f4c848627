"""The trainer's section of the staff home: the dates whose attendance waits, then their next
sessions with the places taken and the waiting list, in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digibank.organisations.models import Role
from digibank.skills.models import EnrolmentStatus
from digibank.skills.tests.attendance_helpers import enrolled, session_on

pytestmark = pytest.mark.django_db

HOME = reverse("portal:dashboard", kwargs={"digibank": "mechelen"})


def trainer_section(client, user):
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return {section.role: section for section in response.context["sections"]}[Role.TRAINER]


def test_the_trainer_sees_their_next_sessions_and_the_attendance_to_take(client, world):
    trainer = world.a.users["trainer"]
    past = session_on(world.a, days=(-1,))
    enrolled(past)
    soon = session_on(world.a, days=(2, 9), capacity=1)
    enrolled(soon)
    coordinator = world.a.users["coordinator"]
    waiting = enrolled(session_on(world.a, days=(3,), key="M03", trainer=coordinator))
    type(waiting).objects.filter(pk=waiting.pk).update(session=soon, status=EnrolmentStatus.WAITING)
    session_on(world.a, days=(1,), trainer=coordinator)  # not theirs
    section = trainer_section(client, trainer)
    assert section.has_work_list
    to_take, *sessions = section.lines
    assert (to_take.count, to_take.text) == (1, "session date waits for its attendance")
    assert to_take.url == reverse("skills:teaching", kwargs={"digibank": "mechelen"})
    assert len(sessions) == 1  # the past session has ended; the coordinator's is not theirs
    line = sessions[0]
    assert line.count == 1 and "of 1 places taken" in line.text
    assert "1 on the waiting list" in line.detail and world.a.hub.name in line.detail
    assert line.url == reverse(
        "skills:session_attendance", kwargs={"digibank": "mechelen", "session_id": soon.pk}
    )
    page = client.get(line.url)
    assert page.status_code == 200


def test_an_online_session_reads_online_not_at_a_place(client, world):
    online = session_on(world.a, days=(2,))
    type(online).objects.filter(pk=online.pk).update(hub=None, online_link="https://meet.example")
    (line,) = trainer_section(client, world.a.users["trainer"]).lines
    assert line.detail.endswith(", online") and " at " not in line.detail


def test_a_trainer_without_sessions_has_nothing_to_do(client, world):
    section = trainer_section(client, world.a.users["trainer"])
    assert section.lines == [] and section.has_work_list


def test_another_digibanks_sessions_never_show(client, world):
    session_on(world.b, days=(1,), trainer=world.a.users["trainer"])
    assert trainer_section(client, world.a.users["trainer"]).lines == []


def test_the_trainer_section_reads_the_same_number_of_queries_with_more_sessions(
    client, world, django_assert_num_queries
):
    trainer = world.a.users["trainer"]
    enrolled(session_on(world.a, days=(1,)))
    enrolled(session_on(world.a, days=(-1,)))
    client.force_login(trainer)
    client.get(HOME)
    with CaptureQueriesContext(connection) as few:
        first = client.get(HOME)
    for day in range(2, 6):
        session = session_on(world.a, days=(-day, day))
        for _ in range(3):
            enrolled(session)
    with django_assert_num_queries(len(few.captured_queries)):
        more = client.get(HOME)
    assert len(more.context["sections"][0].lines) > len(first.context["sections"][0].lines)
