"""Which answers lead to which recommendations and which "can already do" statements.

The first tables run the rules of `results` on small made-up catalogues; the last ones run the
real starting set (45 statements, 9 practical questions, 17 modules) as a resident would.
"""

from __future__ import annotations

import pytest

from digibank.skills.models import Answer
from digibank.skills.report import report_for
from digibank.skills.results import Asked, Offer, read_answers, recommend
from digibank.skills.tests.helpers import all_answers, finished_check

A, H, N = Answer.ALONE, Answer.HELP, Answer.NOT_YET

ASKED = [
    Asked("on", "FS.1", 1),
    Asked("wifi", "FS.4", 2),
    Asked("mail", "2.1", 2),
    Asked("ebox", "2.3", 3),
    Asked("twofactor", "4.1", 4),
    Asked("phishing", "4.2", 2, correct=2),
]
OFFERS = [
    Offer("first-steps", frozenset({"FS.1", "FS.4"}), 1),
    Offer("email", frozenset({"2.1"}), 2),
    Offer("e-government", frozenset({"2.3"}), 3),
    Offer("safety", frozenset({"4.1", "4.2"}), 2),
    Offer("advanced-safety", frozenset({"4.1"}), 4),
    Offer("closed", frozenset({"2.1", "2.3", "4.2"}), 2, active=False),
]


@pytest.mark.parametrize(
    ("answers", "ready", "recommended"),
    [
        # Can do everything: nothing to recommend.
        ({"on": A, "wifi": A, "mail": A, "ebox": A, "twofactor": A, "phishing": "2"}, 8, []),
        # Cannot switch a device on yet: only level-1 modules, first steps first.
        (
            {"on": N, "wifi": N, "mail": N, "ebox": N, "twofactor": N, "phishing": "0"},
            1,
            ["first-steps"],
        ),
        # Basics fine, e-mail with help, e-government not yet: level 3 is within reach.
        (
            {"on": A, "wifi": A, "mail": H, "ebox": N, "twofactor": A, "phishing": "2"},
            3,
            ["e-government", "email"],
        ),
        # A wrong practical answer is a gap as big as a "not yet", but leaves the level open.
        (
            {"on": A, "wifi": A, "mail": A, "ebox": A, "twofactor": A, "phishing": "1"},
            8,
            ["safety"],
        ),
        # Safety not yet at level 4 and a wrong answer at level 2: a module for each level.
        (
            {"on": A, "wifi": A, "mail": A, "ebox": A, "twofactor": N, "phishing": "3"},
            4,
            ["safety", "advanced-safety"],
        ),
        # Cannot use e-mail yet: the level-4 module is out of reach, the level-2 one is not.
        ({"on": A, "wifi": A, "mail": N, "ebox": A, "twofactor": H, "phishing": "2"}, 2, ["email"]),
        # Only "with some help": the person is ready for everything, the biggest gaps come first.
        (
            {"on": A, "wifi": A, "mail": H, "ebox": H, "twofactor": H, "phishing": "2"},
            8,
            ["email", "e-government", "advanced-safety"],
        ),
        # Unanswered questions count as nothing.
        ({"on": A}, 8, []),
    ],
)
def test_answers_lead_to_these_recommendations(answers, ready, recommended):
    reading = read_answers(ASKED, answers)
    assert reading.ready_level == ready
    assert [choice.key for choice in recommend(reading, OFFERS)] == recommended


def test_it_never_recommends_more_than_three_modules():
    asked = [Asked(f"s{n}", f"c{n}", 1) for n in range(6)]
    offers = [Offer(f"m{n}", frozenset({f"c{n}"}), 1) for n in range(6)]
    reading = read_answers(asked, {f"s{n}": N for n in range(6)})
    assert len(recommend(reading, offers)) == 3


def test_a_module_not_on_offer_is_never_recommended():
    reading = read_answers([Asked("s", "c", 2)], {"s": N})
    assert recommend(reading, [Offer("m", frozenset({"c"}), 2, active=False)]) == []


def test_each_recommendation_names_the_answers_it_answers():
    reading = read_answers(ASKED, {"on": N, "wifi": H})
    (choice,) = recommend(reading, OFFERS)
    assert choice.covers == ("on", "wifi")
    assert choice.weight == 3


# The real starting set, as a resident answers it.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("profile", "modules"),
    [
        ("everything alone, every question right", []),
        ("first steps not yet", ["M01", "M02"]),
        ("safety not yet", ["M04"]),
        ("communication not yet", ["M03", "M12"]),
        ("everything with some help", ["M02", "M05", "M06"]),
        ("only the practical questions wrong", ["M04", "M12"]),
    ],
)
def test_the_starting_set_recommends_these_modules(world, profile, modules):
    check = finished_check(world.region, _answers_for(world, profile))
    assert [advice.module.key for advice in report_for(check).modules] == modules


def _answers_for(world, profile: str) -> dict:
    from digibank.organisations.permissions import PUBLIC
    from digibank.skills import services

    probe = services.start_check(region=world.region, by=PUBLIC, language="en")
    answers = all_answers(probe)
    if profile == "everything with some help":
        answers = all_answers(probe, Answer.HELP)
    elif profile == "only the practical questions wrong":
        answers = all_answers(probe, right=False)
    else:
        prefix = {
            "first steps not yet": "FS",
            "safety not yet": "SA",
            "communication not yet": "CO",
        }
        for key in answers:
            if profile in prefix and key.startswith(prefix[profile]):
                answers[key] = Answer.NOT_YET
    return answers


@pytest.mark.django_db
def test_the_result_says_per_area_what_the_person_can_already_do(world):
    check = finished_check(world.region, None, FS05=Answer.HELP, FS07=Answer.NOT_YET)
    report = report_for(check)
    first_steps = report.areas[0]
    assert first_steps.area.code == "FS"
    assert len(first_steps.alone) == 8 and first_steps.total == 10
    assert [s.key for s in first_steps.with_help] == ["FS05"]
    assert [s.key for s in first_steps.not_yet] == ["FS07"]
    assert [area.area.code for area in report.areas] == ["FS", "1", "2", "3", "4", "5"]
    assert report.items_right == 9


@pytest.mark.django_db
def test_the_result_page_shows_the_can_do_statements_and_the_modules(client, world):
    from django.urls import reverse

    check = finished_check(world.region, None, FS07=Answer.NOT_YET)
    client.post(reverse("skills:public_resume"), {"code": check.code})
    content = client.get(reverse("skills:public_result")).content.decode()
    assert "I can switch a laptop, tablet or smartphone on and off." in content
    assert "You can already do 9 of these 10 things alone." in content
    assert "Smartphone basics" in content
    assert "No session is planned yet. Ask at a digibank near you." in content


@pytest.mark.django_db
def test_the_result_costs_the_same_queries_whatever_the_answers(
    client, world, django_assert_max_num_queries
):
    from django.urls import reverse

    counts = []
    for answer in (Answer.ALONE, Answer.NOT_YET):
        probe = finished_check(world.region)
        check = finished_check(world.region, all_answers(probe, answer, right=False))
        client.post(reverse("skills:public_resume"), {"code": check.code})
        with django_assert_max_num_queries(12) as queries:
            client.get(reverse("skills:public_result"))
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
