"""Where a participant stands after attendance is taken: the completion rule of a module.

A pure function, table-tested. With `present` dates attended out of the session's `total` dates,
of which `recorded` have had attendance taken, and the module's `min_percent`:

| situation | standing |
|---|---|
| every date recorded and present on at least `min_percent` of all dates | completed |
| present on no recorded date | did not come (no show) |
| otherwise (came at least once; dates still to come, or too few attended) | attended |

Completion waits for the last date, so a participant is not completed before the end; once
completed, an enrolment stays completed (its certificate was issued).
"""

from __future__ import annotations

from digibank.skills.models import EnrolmentStatus

E = EnrolmentStatus


def standing(*, present: int, recorded: int, total: int, min_percent: int) -> EnrolmentStatus:
    if total and recorded >= total and present * 100 >= min_percent * total:
        return E.COMPLETED
    if present == 0:
        return E.NO_SHOW
    return E.ATTENDED


# The moves the state machine allows, for each way from one standing to another: a participant
# marked as not coming who then completes passes through "attended".
PATHS: dict[tuple[str, str], tuple[EnrolmentStatus, ...]] = {
    (E.NO_SHOW, E.COMPLETED): (E.ATTENDED, E.COMPLETED),
}


def path(current: str, target: str) -> tuple[EnrolmentStatus, ...]:
    """The moves from `current` to `target` (none when already there or completed)."""
    if current == target or current == E.COMPLETED:
        return ()
    return PATHS.get((current, target), (EnrolmentStatus(target),))
