"""Booking, cancelling, moving an appointment and noting whether the resident came.

A seat is taken with one conditional UPDATE of the slot's counter (`booked < capacity`), and the
database's check on that row refuses a counter above the capacity: however many people book the
last seat at once, one gets it and the others are told the time is full. Cancelling gives the
seat back in the same transaction as the change of state.

The resident acts for themselves (`PUBLIC`): they book no later than the slot's lead time and
cancel or move no later than its cut-off. Staff (`MANAGE_APPOINTMENTS`) book after a phone call,
until the time begins, possibly for a registered person.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.codes import new_code
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.help import notify
from digibank.help.models import Appointment, AppointmentStatus, BookedVia, HelpTopic, Slot
from digibank.help.states import APPOINTMENT_STATES
from digibank.organisations.permissions import PUBLIC, Actor, Perm, require, require_person
from digibank.people.models import Person
from digibank.people.snapshot import figures_of

MANAGE = Perm.MANAGE_APPOINTMENTS


def full_message() -> str:
    return _("This time is fully booked. Choose another time.")


def _take_seat(slot: Slot) -> None:
    """One seat of `slot`, or a `DomainError` when none is left (or the time has begun)."""
    taken = Slot.objects.filter(
        pk=slot.pk, booked__lt=F("capacity"), starts_at__gt=timezone.now()
    ).update(booked=F("booked") + 1)
    if not taken:
        raise DomainError(full_message(), field="slot")


def _give_back_seat(slot_id: int) -> None:
    Slot.objects.filter(pk=slot_id, booked__gt=0).update(booked=F("booked") - 1)


def _check_bookable(slot: Slot, topic: HelpTopic, by: Actor) -> None:
    now = timezone.now()
    if slot.starts_at <= now:
        raise DomainError(_("This time has passed. Choose another time."), field="slot")
    if by is PUBLIC and slot.bookable_until <= now:
        raise DomainError(
            _("This time can no longer be booked online. Choose a later time, or call the hub."),
            field="slot",
        )
    if not slot.topics.filter(pk=topic.pk).exists():
        raise DomainError(_("This time is not for this topic. Choose another time."), field="slot")


def _new_reference() -> str:
    while True:
        code = new_code()
        if not Appointment.objects.filter(reference=code).exists():
            return code


@transaction.atomic
def book_appointment(
    *,
    slot: Slot,
    topic: HelpTopic,
    by: Actor,
    name: str = "",
    phone: str = "",
    email: str = "",
    person: Person | None = None,
    language: str = "",
) -> Appointment:
    """Book a seat of `slot` for help with `topic`: a name (the resident's, or the person's) and,
    if they like, a phone number or email address to receive the confirmation and reminder."""
    require(by, slot.digibank, MANAGE)
    if person is not None:
        if by is PUBLIC:
            raise DomainError(_("Only staff can book for a registered person."))
        require_person(by, person, MANAGE)
        name = name or f"{person.first_name} {person.last_name}"
    name = name.strip()
    if not name:
        raise DomainError(_("Enter a name."), field="name")
    _check_bookable(slot, topic, by)
    _take_seat(slot)
    figures = figures_of(person)  # as every event keeps them; anonymous bookings keep none
    appointment = Appointment.objects.create(
        digibank=slot.digibank,
        slot=slot,
        topic=topic,
        reference=_new_reference(),
        name=name,
        phone="" if person else phone,
        email="" if person else email,
        language=language,
        person=person,
        target_groups=figures.target_groups,
        age_band=figures.age_band if person else "",
        municipality=figures.municipality,
        booked_via=BookedVia.ONLINE if by is PUBLIC else BookedVia.STAFF,
        booked_by=getattr(by, "user", None),
    )
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=appointment,
        digibank=slot.digibank,
        fields=["slot", "topic", "name", *(["person"] if person else []), "phone", "email"],
    )
    notify.booked(appointment)
    return appointment


def _lock(appointment: Appointment) -> Appointment:
    locked = (
        Appointment.objects.select_for_update()
        .select_related("slot", "digibank")
        .filter(pk=appointment.pk)
        .first()
    )
    if locked is None:
        raise DomainError(_("This appointment no longer exists."))
    return locked


def _check_changeable(appointment: Appointment, by: Actor) -> None:
    if appointment.status != AppointmentStatus.BOOKED:
        raise DomainError(_("This appointment can no longer be changed."))
    if by is PUBLIC and appointment.slot.changeable_until <= timezone.now():
        raise DomainError(
            _("It is too late to change this appointment online. Please call the hub.")
        )


@transaction.atomic
def cancel_appointment(*, appointment: Appointment, by: Actor) -> Appointment:
    """Cancel, and give the seat back for someone else."""
    require(by, appointment.digibank, MANAGE)
    locked = _lock(appointment)
    _check_changeable(locked, by)
    # The transition locks the row again (already ours) and updates `appointment` as well.
    APPOINTMENT_STATES.transition(appointment, AppointmentStatus.CANCELLED, by=by, can=by.can)
    _give_back_seat(locked.slot_id)
    audit.record(
        actor=by, action=AuditAction.CHANGE, obj=locked, digibank=locked.digibank, fields=["status"]
    )
    return appointment


@transaction.atomic
def move_appointment(*, appointment: Appointment, slot: Slot, by: Actor) -> Appointment:
    """Another time for the same topic at one of the digibank's hubs: the new seat is taken
    before the old one is given back, so a full time refuses the move and nothing changes."""
    require(by, appointment.digibank, MANAGE)
    locked = _lock(appointment)
    _check_changeable(locked, by)
    if slot.digibank_id != locked.digibank_id:
        raise DomainError(_("Choose a time of the same digibank."), field="slot")
    if slot.pk == locked.slot_id:
        raise DomainError(_("This is the time you have already."), field="slot")
    _check_bookable(slot, locked.topic, by)
    _take_seat(slot)
    _give_back_seat(locked.slot_id)
    locked.slot = slot
    locked.moved_at = timezone.now()
    locked.save(update_fields=["slot", "moved_at"])
    audit.record(
        actor=by, action=AuditAction.CHANGE, obj=locked, digibank=locked.digibank, fields=["slot"]
    )
    notify.moved(locked)
    appointment.slot = slot
    return locked


@transaction.atomic
def record_outcome(*, appointment: Appointment, status: str, by: Actor) -> Appointment:
    """Whether the resident came (`attended`) or not (`no_show`), once the time has begun."""
    require(by, appointment.digibank, MANAGE)
    if status not in {AppointmentStatus.ATTENDED, AppointmentStatus.NO_SHOW}:
        raise DomainError(_("Choose whether the person came."), field="status")
    moved = APPOINTMENT_STATES.transition(appointment, status, by=by, can=by.can)
    audit.record(
        actor=by, action=AuditAction.CHANGE, obj=moved, digibank=moved.digibank, fields=["status"]
    )
    return moved
