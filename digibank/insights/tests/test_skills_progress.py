"""Skills progress per area between people's first and latest check, counted in the database."""

from __future__ import annotations

import pytest

from digibank.insights.figures.skills import skills_progress
from digibank.insights.period import period_for
from digibank.insights.sources import Window
from digibank.insights.tests.test_dashboards import people
from digibank.skills import services
from digibank.skills.models import Answer, SkillsCheck
from digibank.skills.tests.helpers import all_answers, finished_check
from digibank.testing import act

pytestmark = pytest.mark.django_db


def window(world) -> Window:
    chosen = period_for("last12")
    return Window((world.a.digibank.pk,), chosen.start, chosen.end)


def linked(world, person, answer: str) -> SkillsCheck:
    check = finished_check(world.region)
    answers = {key: answer for key in all_answers(check) if not key.startswith("K")}
    SkillsCheck.objects.filter(pk=check.pk).update(answers={**check.answers, **answers})
    return services.link_check(
        check=check, person=person, consent=True, by=act(world.a.users["coordinator"])
    )


def test_it_shows_the_change_per_area_from_the_first_to_the_latest_check(world) -> None:
    for person in people(world, 10):
        linked(world, person, Answer.NOT_YET)
        linked(world, person, Answer.ALONE)
    progress = skills_progress(window(world))
    assert progress.people == 10
    assert progress.areas
    for area in progress.areas:
        assert (area.first, area.latest, area.change) == (0, 100, 100)


def test_it_shows_nothing_for_fewer_than_ten_people(world, django_assert_num_queries) -> None:
    for person in people(world, 9):
        linked(world, person, Answer.NOT_YET)
        linked(world, person, Answer.HELP)
    with django_assert_num_queries(3):
        progress = skills_progress(window(world))
    assert progress.people == 9
    assert progress.areas == []


def test_one_check_alone_is_no_progress(world) -> None:
    for person in people(world, 12):
        linked(world, person, Answer.ALONE)
    assert skills_progress(window(world)).people == 0
