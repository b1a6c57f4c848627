"""A check's score per competence area, the digibank's outcome measure: compare a person's latest
check with their first, area by area.

Pure functions on plain values. An area's score is the mean, over its "I can …" statements and
its practical questions, of the points each answer earns, from 0 to 100:

| answer | points |
|---|---|
| I can do this alone | 100 |
| I can do this with some help | 50 |
| I cannot do this yet | 0 |
| a practical question answered right | 100 |
| a practical question answered wrong | 0 |

A question left unanswered does not count (a finished check has none). Scores are kept per check
(`AreaScore`, written when the check is completed), so the database compares and averages them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from digibank.skills.models.checks import Answer

POINTS = {Answer.ALONE: 100, Answer.HELP: 50, Answer.NOT_YET: 0}
RIGHT, WRONG = 100, 0


@dataclass(frozen=True)
class Scored:
    """A statement or practical question as the score sees it: which area it belongs to."""

    key: str
    area: str
    correct: int | None = None  # the right option, for a practical question


def _points(question: Scored, answer: str) -> int | None:
    if question.correct is not None:
        return RIGHT if answer == str(question.correct) else WRONG
    return POINTS.get(Answer(answer)) if answer in Answer.values else None


def area_scores(questions: Iterable[Scored], answers: Mapping[str, str]) -> dict[str, int]:
    """{area code: score from 0 to 100} over the areas with at least one answered question."""
    earned: dict[str, list[int]] = {}
    for question in questions:
        answer = answers.get(question.key)
        if answer is None:
            continue
        points = _points(question, answer)
        if points is not None:
            earned.setdefault(question.area, []).append(points)
    return {area: round(sum(points) / len(points)) for area, points in earned.items()}
