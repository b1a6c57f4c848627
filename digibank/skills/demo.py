"""Demo skills checks for one digibank, made through the real services.

Residents of three kinds answer (beginners, people who manage everyday tasks, confident users),
so the result pages recommend different modules. Some checks are finished and anonymous, some are
stopped halfway (to resume with their code), and some were taken with a hub volunteer and kept
with the resident's record with their consent. Time is the only thing set directly: checks are
backdated over the last weeks. Modules, sessions and enrolments come from `demo_sessions`.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from django.utils import timezone

from digibank.core.models import User
from digibank.organisations.models import Digibank, Role
from digibank.organisations.permissions import PUBLIC, acting
from digibank.people.models import Person
from digibank.skills import services
from digibank.skills.content import current_tables, load_framework
from digibank.skills.demo_sessions import build_sessions
from digibank.skills.models import Answer, KnowledgeItem, SkillsCheck, Statement

# For each kind of resident: the chance of "alone" and "with some help" per level, and of a
# right answer to a practical question.
PROFILES = {
    "beginner": ({1: (0.3, 0.4), 2: (0.1, 0.3), 3: (0.0, 0.1), 4: (0.0, 0.05)}, 0.4),
    "everyday": ({1: (0.9, 0.1), 2: (0.7, 0.2), 3: (0.3, 0.4), 4: (0.1, 0.3)}, 0.7),
    "confident": ({1: (1.0, 0.0), 2: (0.95, 0.05), 3: (0.8, 0.15), 4: (0.6, 0.3)}, 0.95),
}
FINISHED_ANONYMOUS = 6
STOPPED_HALFWAY = 3
WITH_A_HELPER = 4


def _answers(check: SkillsCheck, profile: str, rng: random.Random) -> dict[str, str]:
    chances, right = PROFILES[profile]
    answers: dict[str, str] = {}
    for key, level in Statement.objects.filter(version=check.version).values_list("key", "level"):
        alone, help_ = chances[level]
        roll = rng.random()
        if roll < alone:
            answers[key] = Answer.ALONE
        elif roll < alone + help_:
            answers[key] = Answer.HELP
        else:
            answers[key] = Answer.NOT_YET
    for item in KnowledgeItem.objects.filter(version=check.version):
        count = len(item.options["nl"])
        wrong = (item.correct + 1 + rng.randrange(count - 1)) % count
        answers[item.key] = str(item.correct if rng.random() < right else wrong)
    return answers


def _backdate(check: SkillsCheck, days_ago: int) -> None:
    when = timezone.now() - datetime.timedelta(days=days_ago, hours=2)
    SkillsCheck.objects.filter(pk=check.pk).update(
        started_at=when,
        updated_at=when + datetime.timedelta(minutes=11),
        completed_at=when + datetime.timedelta(minutes=11) if check.is_complete else None,
    )


def build_demo(
    *, digibank: Digibank, rng: random.Random, users: dict[str, User], people: Sequence[Person]
) -> None:
    load_framework(current_tables())
    build_sessions(digibank=digibank, rng=rng, users=users, people=people)
    if SkillsCheck.objects.filter(digibank=digibank).exists():
        return  # built before: running the demo again changes nothing
    region = digibank.region
    profiles = list(PROFILES)
    for number in range(FINISHED_ANONYMOUS + STOPPED_HALFWAY):
        check = services.start_check(
            region=region, by=PUBLIC, language=rng.choice(["nl", "nl", "nl", "fr"])
        )
        answers = _answers(check, profiles[number % len(profiles)], rng)
        if number >= FINISHED_ANONYMOUS:
            half = list(answers)[: len(answers) // 2]
            services.record_answers(check=check, answers={k: answers[k] for k in half}, by=PUBLIC)
        else:
            services.record_answers(check=check, answers=answers, by=PUBLIC)
            check = services.complete_check(check=check, by=PUBLIC)
        _backdate(check, rng.randrange(1, 40))
    helper = users.get(Role.HUB_VOLUNTEER) or users[Role.COORDINATOR]
    access = acting(helper, digibank)
    for person in list(people)[:WITH_A_HELPER]:
        check = services.start_check(region=region, digibank=digibank, by=access, language="nl")
        services.record_answers(check=check, answers=_answers(check, "beginner", rng), by=PUBLIC)
        check = services.complete_check(check=check, by=PUBLIC)
        services.link_check(check=check, person=person, consent=True, by=access)
        _backdate(check, rng.randrange(1, 20))
