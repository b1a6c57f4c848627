"""Where "people reached" comes from: one small source per domain, counted once per person.

The funder counts unique people reached in a period, whatever the help they got. Each domain
that records a person being helped contributes a `ReachSource`: which rows, where the person id,
the digibank, the date and (if any) the hub are. `reached_people` combines every registered
source into one `Person` query (`id IN (...) OR id IN (...)`), so a person helped by two
domains counts once, and the database does the work: no ids are loaded into Python.

Registered here (insights sits above the domains and reads them; the domains know nothing of it):

- `loans`: a device handed over (lent or given), on `Loan.handed_over_at`, at `Loan.hub`;
- `skills_checks`: a skills check linked to a person (with their consent) and completed, on
  `SkillsCheck.completed_at`; a check has no hub, so it does not count when a hub is chosen.
  An anonymous check is not a person reached: it counts in the skills figures only.

How the learning and help parts plug in: one `register(ReachSource(...))` each in
`InsightsConfig.ready` (`apps.py`), e.g. for enrolments
`ReachSource("enrolments", _("courses"), lambda: Enrolment.objects.filter(status="attended"),
at="session__starts_at", hub="session__hub_id")` and for visits
`ReachSource("visits", _("help visits"), lambda: HelpVisit.objects.filter(person__isnull=False),
at="visited_at", hub="hub_id")`. An anonymous walk-in has no person, so it stays a visit and is
never a person reached (issue 13, point 2). Nothing else changes: the pages, exports and tiers
read every registered source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from django.utils.functional import Promise

from digibank.people.models import Person


@dataclass(frozen=True)
class ReachSource:
    """Rows of a domain that each mean "this person was helped on this date"."""

    name: str
    label: str | Promise
    rows: Callable[[], QuerySet]
    at: str  # the date or time of the help, a field path
    person: str = "person_id"
    digibank: str = "digibank_id"
    hub: str | None = None  # None: the source has no hub and does not count when one is chosen


_sources: dict[str, ReachSource] = {}


def register(source: ReachSource) -> None:
    """Add a source; the same name again replaces it (`ready()` may run twice)."""
    _sources[source.name] = source


def registered() -> list[ReachSource]:
    return list(_sources.values())


@dataclass(frozen=True)
class Window:
    """Which help counts: in these digibanks, in [start, end), optionally at one hub."""

    digibank_ids: tuple[int, ...]
    start: object  # an aware datetime
    end: object
    hub_id: int | None = None
    municipality_id: int | None = None


def source_people(source: ReachSource, window: Window) -> QuerySet | None:
    """The person ids one source contributes in the window, as a subquery (None: none)."""
    if window.hub_id is not None and source.hub is None:
        return None
    rows = source.rows().filter(
        **{
            f"{source.digibank}__in": window.digibank_ids,
            f"{source.at}__gte": window.start,
            f"{source.at}__lt": window.end,
            f"{source.person}__isnull": False,
        }
    )
    if window.hub_id is not None and source.hub is not None:
        rows = rows.filter(**{source.hub: window.hub_id})
    return rows.values(source.person)


def reached_people(window: Window) -> QuerySet[Person]:
    """Every person reached by any source in the window, each once (one query when read)."""
    parts = [
        Q(id__in=people)
        for source in registered()
        if (people := source_people(source, window)) is not None
    ]
    if not parts:
        return Person.objects.none()
    people = Person.objects.filter(reduce(or_, parts))
    if window.municipality_id is not None:
        people = people.filter(municipality_id=window.municipality_id)
    return people
