"""What erasing or merging a person means for their appointments (the handlers of
`digibank.people.erasure` and `digibank.people.merging`)."""

from __future__ import annotations

from digibank.help.models import Appointment
from digibank.people.erasure import Erased
from digibank.people.merging import MovingRows, PersonMerged, repoint
from digibank.people.models import Person

ERASED_FIELDS = ("person", "name", "phone", "email")


def detach_appointments_of(person: Person) -> list[Erased]:
    """The appointments stay (the hub's figures, the seats they took) but name nobody; the
    target groups, age band and municipality kept at booking stay for the figures."""
    rows = Appointment.objects.select_for_update().filter(person=person)
    if not rows.update(person=None, name="", phone="", email=""):
        return []
    return [Erased(Appointment, ERASED_FIELDS)]


def count_appointments_of(person: Person) -> list[MovingRows]:
    return [
        MovingRows(Appointment, "appointments", Appointment.objects.filter(person=person).count())
    ]


def move_appointments(merged: PersonMerged) -> list[MovingRows]:
    rows = Appointment.objects.filter(person=merged.remove)
    return [MovingRows(Appointment, "appointments", repoint(rows, "person", merged.keep))]
