"""What a finished check says: per area what the person can already do, and up to three modules.

Pure functions on plain values, so the rules read (and are tested) as tables:

- every "not yet" is a gap of weight 2 at the statement's competence and level, every "with some
  help" a gap of weight 1, a wrong knowledge answer a gap of weight 2;
- the person is *ready* for modules up to the lowest level at which they answered "not yet" to a
  statement (someone who cannot switch a device on yet starts with level-1 modules; practical
  questions do not count here: one wrong guess does not say where someone can start);
- a module *covers* a gap of one of its competences whose level is at most one away from its own;
- modules are chosen one by one (at most three): each time the module on offer, within the ready
  level, that covers the most weight of the gaps not covered yet (ties: the lower level, then the
  catalogue order). A module that covers nothing new is never recommended.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from digibank.skills.models import Answer

WEIGHTS = {Answer.NOT_YET: 2, Answer.HELP: 1}
WRONG_ANSWER_WEIGHT = 2
MAX_RECOMMENDATIONS = 3
TOP_LEVEL = 8


@dataclass(frozen=True)
class Asked:
    """A statement or knowledge item as the rules see it."""

    key: str
    competence: str
    level: int
    correct: int | None = None  # the right option, for a knowledge item


@dataclass(frozen=True)
class Offer:
    """A module as the rules see it."""

    key: str
    competences: frozenset[str]
    level: int
    active: bool = True


@dataclass(frozen=True)
class Gap:
    key: str
    competence: str
    level: int
    weight: int


@dataclass(frozen=True)
class Recommendation:
    key: str
    covers: tuple[str, ...]  # the keys of the statements and items it answers
    weight: int


@dataclass
class Reading:
    gaps: list[Gap] = field(default_factory=list)
    ready_level: int = 1


def _is_wrong(asked: Asked, answer: str) -> bool:
    return asked.correct is not None and answer != str(asked.correct)


def read_answers(asked: Iterable[Asked], answers: Mapping[str, str]) -> Reading:
    reading = Reading()
    lowest_not_yet = TOP_LEVEL + 1
    for question in asked:
        answer = answers.get(question.key)
        if answer is None:
            continue
        if question.correct is not None:
            # A wrong answer is a gap, but one guess does not say where the person can start.
            weight = WRONG_ANSWER_WEIGHT if _is_wrong(question, answer) else 0
            missing = False
        else:
            weight = WEIGHTS.get(Answer(answer), 0) if answer in Answer.values else 0
            missing = answer == Answer.NOT_YET
        if weight:
            reading.gaps.append(Gap(question.key, question.competence, question.level, weight))
        if missing:
            lowest_not_yet = min(lowest_not_yet, question.level)
    reading.ready_level = min(lowest_not_yet, TOP_LEVEL)
    return reading


def _covered(offer: Offer, gaps: Iterable[Gap]) -> list[Gap]:
    return [
        gap
        for gap in gaps
        if gap.competence in offer.competences and abs(gap.level - offer.level) <= 1
    ]


def recommend(reading: Reading, offers: Iterable[Offer]) -> list[Recommendation]:
    candidates = [
        (position, offer)
        for position, offer in enumerate(offers)
        if offer.active and offer.level <= reading.ready_level
    ]
    open_gaps = list(reading.gaps)
    chosen: list[Recommendation] = []
    while open_gaps and candidates and len(chosen) < MAX_RECOMMENDATIONS:
        scored = [
            (sum(gap.weight for gap in covered), offer.level, position, offer, covered)
            for position, offer in candidates
            if (covered := _covered(offer, open_gaps))
        ]
        if not scored:
            break
        weight, _level, _position, offer, covered = min(
            scored, key=lambda row: (-row[0], row[1], row[2])
        )
        chosen.append(Recommendation(offer.key, tuple(gap.key for gap in covered), weight))
        taken = {gap.key for gap in covered}
        open_gaps = [gap for gap in open_gaps if gap.key not in taken]
        candidates = [(p, o) for p, o in candidates if o.key != offer.key]
    return chosen
