"""What erasing or merging a person means for the skills checks linked to them (the handlers of
`digibank.people.erasure` and `digibank.people.merging`)."""

from __future__ import annotations

from digibank.people.erasure import Erased
from digibank.people.merging import MovingRows, PersonMerged, repoint
from digibank.people.models import Person
from digibank.skills.models import SkillsCheck

LINK_FIELDS = ("person", "consent_at", "linked_by", "digibank", "assisted_by")


def detach_checks_of(person: Person) -> list[Erased]:
    """The person's checks become anonymous again: only their answers and code stay, as for a
    check nobody linked (they still count in the region's figures, naming nobody)."""
    checks = SkillsCheck.objects.select_for_update().filter(person=person)
    if not checks.update(
        person=None, consent_at=None, linked_by=None, digibank=None, assisted_by=None
    ):
        return []
    return [Erased(SkillsCheck, LINK_FIELDS)]


def count_checks_of(person: Person) -> list[MovingRows]:
    return [
        MovingRows(SkillsCheck, "skills_checks", SkillsCheck.objects.filter(person=person).count())
    ]


def move_checks(merged: PersonMerged) -> list[MovingRows]:
    """The removed record's checks (and the consent given for them) follow to the kept one."""
    rows = SkillsCheck.objects.filter(person=merged.remove)
    return [MovingRows(SkillsCheck, "skills_checks", repoint(rows, "person", merged.keep))]
