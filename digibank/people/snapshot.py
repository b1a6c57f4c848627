"""What an event keeps of the person it concerns, at the moment it happens.

A loan handed over, an enrolment, a help visit, a linked skills check: each row keeps the codes
of the person's target groups, their age band and their municipality *of that day*, and the
person's `reach_key`. The figures count from these copies, never from the person's row, so

- a person erased later still counts in the figures of the periods they were helped in;
- a person whose groups change later does not change the figures of earlier periods;
- a person helped by several events counts once: the events share the `reach_key`.

The `reach_key` is a random UUID made when the person is registered. It says nothing about the
person and no page, file or API shows it; once the person's row is erased, nothing links it to
anyone (see docs/security.md, "Figures that survive erasure"). Every domain fills its event
rows through `figures_of`, so they all keep the same thing the same way.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from digibank.organisations.models import Municipality
from digibank.people.models import AgeBand, Person


@dataclass(frozen=True)
class Figures:
    target_groups: list[str]  # the codes, sorted
    age_band: str  # an `AgeBand` value
    municipality: Municipality | None
    reach_key: uuid.UUID | None

    def fields(self) -> dict[str, Any]:
        """The values by field name, for `Model.objects.create(**...)` or an update."""
        return {
            "target_groups": list(self.target_groups),
            "age_band": self.age_band,
            "municipality": self.municipality,
            "reach_key": self.reach_key,
        }


NOBODY = Figures(target_groups=[], age_band=AgeBand.UNKNOWN, municipality=None, reach_key=None)

SNAPSHOT_FIELDS = ("target_groups", "age_band", "municipality", "reach_key")


def figures_of(person: Person | None) -> Figures:
    """The person's figures now (one query for the groups); `NOBODY`'s for no person."""
    if person is None:
        return NOBODY
    return Figures(
        target_groups=sorted(person.target_groups.values_list("code", flat=True)),
        age_band=person.age_band.value,
        municipality=person.municipality,
        reach_key=person.reach_key,
    )
