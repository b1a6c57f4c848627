"""The state machine of an appointment (see `digibank.core.states`).

    booked → cancelled                 (the resident with their code, or staff)
    booked → came / did not come       (staff, once the time has begun)
    came ⇄ did not come                (staff correct a mistake)

Moving an appointment to another time is no change of state: it stays booked, takes a seat in
the new time and gives back the old one (`services.appointments.move_appointment`). A cancelled
appointment gives back its seat; came and did not come keep it, so the figures of a past time
still add up.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.core.states import Change, StateMachine, user_of
from digibank.help.models import Appointment, AppointmentEvent, AppointmentStatus
from digibank.organisations.permissions import Perm

A = AppointmentStatus
MANAGE = Perm.MANAGE_APPOINTMENTS


def write_appointment_events(changes: Sequence[Change]) -> None:
    AppointmentEvent.objects.bulk_create(
        AppointmentEvent(
            appointment_id=change.pk,
            from_state=change.from_state,
            to_state=change.to_state,
            by=user_of(change.by),
        )
        for change in changes
    )


def outcome_after_the_start(appointment: Appointment, to: str) -> None:
    """Whether someone came is known only once their time has begun."""
    if to in {A.ATTENDED, A.NO_SHOW} and appointment.slot.starts_at > timezone.now():
        raise DomainError(_("This appointment has not started yet."))


APPOINTMENT_STATES = StateMachine(
    model=Appointment,
    field="status",
    states=AppointmentStatus,
    transitions={
        A.BOOKED: {A.CANCELLED: MANAGE, A.ATTENDED: MANAGE, A.NO_SHOW: MANAGE},
        A.ATTENDED: {A.NO_SHOW: MANAGE},
        A.NO_SHOW: {A.ATTENDED: MANAGE},
        A.CANCELLED: {},
    },
    history=write_appointment_events,
    guards=[outcome_after_the_start],
    changed_at="status_changed_at",
)
