"""What erasing or merging a person means for the skills checks linked to them and their
enrolments (the handlers of `digibank.people.erasure` and `digibank.people.merging`)."""

from __future__ import annotations

from digibank.organisations.permissions import SYSTEM
from digibank.people.erasure import Erased
from digibank.people.merging import MovingRows, PersonMerged, repoint
from digibank.people.models import Person
from digibank.skills.models import Enrolment, EnrolmentStatus, SkillsCheck
from digibank.skills.services.enrolments import cancel_enrolment

LINK_FIELDS = ("person", "consent_at", "linked_by", "assisted_by")


def detach_checks_of(person: Person) -> list[Erased]:
    """The person's checks name nobody any more: their answers and code stay, and what the
    figures need: the digibank they count for and the figures kept at the link (target groups,
    age band, municipality, the meaningless `reach_key`: see `people.snapshot`), so the
    digibank's figures of that period do not change."""
    checks = SkillsCheck.objects.select_for_update().filter(person=person)
    if not checks.update(person=None, consent_at=None, linked_by=None, assisted_by=None):
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


ENROLMENT_FIELDS = ("person", "name", "phone", "email")


def detach_enrolments_of(person: Person) -> list[Erased]:
    """The person's open enrolments are cancelled (their seat goes to the next in line); every
    enrolment then names nobody. What the figures need stays: the session, the state, the target
    groups, age band and municipality copied at enrolment."""
    open_ones = Enrolment.objects.filter(
        person=person, status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING]
    ).select_related("session", "digibank", "person")
    for enrolment in open_ones:
        cancel_enrolment(by=SYSTEM, enrolment=enrolment)
    if not Enrolment.objects.filter(person=person).update(person=None, name="", phone="", email=""):
        return []
    return [Erased(Enrolment, ENROLMENT_FIELDS)]


def count_enrolments_of(person: Person) -> list[MovingRows]:
    return [MovingRows(Enrolment, "enrolments", Enrolment.objects.filter(person=person).count())]


def move_enrolments(merged: PersonMerged) -> list[MovingRows]:
    """The removed record's enrolments follow to the kept one; both enrolled in one session
    refuses the merge (staff cancel one first)."""
    rows = Enrolment.objects.filter(person=merged.remove)
    return [MovingRows(Enrolment, "enrolments", repoint(rows, "person", merged.keep))]
