"""The outcome measure: a person's latest skills check against their first, per area, and the
digibank's average change over a period, computed by the database in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from digibank.skills.models import Answer, AreaScore
from digibank.skills.outcomes import progress_in, progress_of
from digibank.skills.progress import Scored, area_scores
from digibank.skills.tests.helpers import (
    all_answers,
    another_person,
    finished_check,
    linked_check,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("answers", "scores"),
    [
        ({"a1": Answer.ALONE, "a2": Answer.ALONE, "b1": Answer.NOT_YET}, {"A": 100, "B": 0}),
        ({"a1": Answer.ALONE, "a2": Answer.HELP, "b1": Answer.HELP}, {"A": 75, "B": 50}),
        ({"a1": Answer.NOT_YET, "b1": Answer.ALONE, "k1": "2"}, {"A": 0, "B": 100}),
        ({"a1": Answer.HELP, "b1": Answer.ALONE, "k1": "1"}, {"A": 50, "B": 50}),
        ({"a2": Answer.HELP}, {"A": 50}),
        ({}, {}),
    ],
)
def test_an_areas_score_is_the_mean_of_the_points_its_answers_earn(answers, scores):
    questions = [Scored("a1", "A"), Scored("a2", "A"), Scored("b1", "B"), Scored("k1", "B", 2)]
    assert area_scores(questions, answers) == scores


def test_a_finished_check_keeps_its_score_per_area(world):
    check = finished_check(world.region)
    finished = finished_check(world.region, all_answers(check, Answer.HELP, right=False))
    scores = dict(
        AreaScore.objects.filter(skills_check=finished).values_list("area__code", "score")
    )
    assert len(scores) >= 5 and max(scores.values()) <= 50 < 100
    assert not AreaScore.objects.filter(skills_check=check).exclude(score=100).exists()


def test_a_persons_latest_check_is_compared_with_their_first_per_area(world):
    person = world.a.person
    assert progress_of(person) is None
    linked_check(world.a, person, Answer.NOT_YET, right=False, days_ago=60)
    only = progress_of(person)
    assert only is not None and not only.compared
    assert {area.first for area in only.areas} == {0}
    linked_check(world.a, person, Answer.HELP, right=True, days_ago=30)
    latest = linked_check(world.a, person, Answer.ALONE, right=True, days_ago=1)
    progress = progress_of(person)
    assert progress is not None and progress.latest == latest
    assert len(progress.areas) >= 5
    assert all((a.first, a.latest, a.change) == (0, 100, 100) for a in progress.areas)


def test_the_digibank_average_counts_each_person_once_from_first_to_latest(world):
    today = timezone.localdate()
    a, b = world.a.person, world.a.referred_person
    linked_check(world.a, a, Answer.NOT_YET, right=False, days_ago=90)
    linked_check(world.a, a, Answer.ALONE, right=True, days_ago=5)
    linked_check(world.a, b, Answer.HELP, right=True, days_ago=80)
    linked_check(world.a, b, Answer.ALONE, right=True, days_ago=3)
    # Not counted: one check only; another digibank; a latest check before the period.
    linked_check(world.a, another_person(world.a), Answer.ALONE, right=True, days_ago=2)
    linked_check(world.b, world.b.person, Answer.NOT_YET, right=False, days_ago=90)
    linked_check(world.b, world.b.person, Answer.ALONE, right=True, days_ago=2)
    early = another_person(world.a)
    linked_check(world.a, early, Answer.NOT_YET, right=False, days_ago=200)
    linked_check(world.a, early, Answer.ALONE, right=True, days_ago=100)
    changes = progress_in(world.a.digibank, today - datetime.timedelta(days=30), today)
    assert changes
    expected = {}
    for person in (a, b):
        progress = progress_of(person)
        assert progress is not None
        for area in progress.areas:
            expected.setdefault(area.area.code, []).append(area.change)
    for change in changes:
        individual = expected[change.area.code]
        assert change.people == len(individual) == 2
        assert change.change == round(sum(individual) / 2, 1)
        assert change.latest == 100.0
    assert progress_in(world.a.digibank, today - datetime.timedelta(days=120), today)[0].people == 3


def test_the_digibank_average_costs_the_same_queries_for_more_people(
    world, django_assert_num_queries
):
    today = timezone.localdate()
    period = (today - datetime.timedelta(days=30), today)

    def compare(person):
        linked_check(world.a, person, Answer.NOT_YET, right=False, days_ago=40)
        linked_check(world.a, person, Answer.ALONE, right=True, days_ago=1)

    compare(world.a.person)
    with django_assert_num_queries(2):
        assert progress_in(world.a.digibank, *period)[0].people == 1
    for _ in range(3):
        compare(another_person(world.a))
    with django_assert_num_queries(2):
        assert progress_in(world.a.digibank, *period)[0].people == 4
