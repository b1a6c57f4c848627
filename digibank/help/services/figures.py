"""What a visit or referral keeps of the person that day, so counts by group never need the
person's row (it may be erased later)."""

from __future__ import annotations

from digibank.organisations.models import Municipality
from digibank.people.models import Person


def figures_of(person: Person) -> tuple[list[str], str, Municipality | None]:
    """The codes of the person's target groups, their age band and their municipality."""
    codes = sorted(person.target_groups.values_list("code", flat=True))
    return codes, person.age_band, person.municipality
