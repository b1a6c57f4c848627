"""The messages the help pillar sends, all through the outbox of `digibank.messaging`: the
confirmation of a booking (and of a move) and the reminder the day before.

A resident who booked without being registered is written to at the address they gave; a booking
for a registered person goes the way that person chose (and only with their consent), as every
message does. Without any address nothing is queued.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from digibank.help.models import Appointment, AppointmentStatus
from digibank.messaging.models import Message, MessageKind
from digibank.messaging.reminders import ReminderDue
from digibank.messaging.rendering import message_language
from digibank.messaging.services import queue_message

# The reminder goes out from the morning of the day before the appointment.
REMINDER_DAYS_AHEAD = 1


def manage_url() -> str:
    return settings.SITE_URL + reverse("help:manage")


def _language(appointment: Appointment) -> str:
    person = appointment.person
    return message_language(appointment.language or (person.preferred_language if person else ""))


def _context(appointment: Appointment) -> dict[str, Any]:
    slot = appointment.slot
    hub = slot.hub
    language = _language(appointment)
    topic = appointment.topic
    context = {
        "topic": getattr(topic, f"name_{language}") or topic.name_nl,
        "starts_at": slot.starts_at,
        "hub_name": hub.name,
        "hub_address": f"{hub.street}, {hub.postcode} {hub.municipality.name}",
        "reference_code": appointment.reference_display,
        "manage_url": manage_url(),
    }
    if appointment.person is None:
        context["first_name"] = appointment.name
    return context


def _reachable(appointment: Appointment) -> bool:
    return appointment.person is not None or bool(appointment.phone or appointment.email)


def _stamp(appointment: Appointment) -> str:
    """The time in the key, so a moved appointment is confirmed and reminded again."""
    return f"{appointment.pk}:{appointment.slot.starts_at:%Y%m%d%H%M}"


def _queue(appointment: Appointment, kind: str, key: str) -> Message | None:
    if not _reachable(appointment):
        return None
    return queue_message(
        digibank=appointment.digibank,
        kind=kind,
        person=appointment.person,
        to_email=appointment.email,
        to_phone=appointment.phone,
        language=_language(appointment),
        context=_context(appointment),
        dedupe_key=key,
    )


def booked(appointment: Appointment) -> Message | None:
    return _queue(appointment, MessageKind.APPOINTMENT_BOOKED, f"help-booked:{_stamp(appointment)}")


def moved(appointment: Appointment) -> Message | None:
    return _queue(appointment, MessageKind.APPOINTMENT_BOOKED, f"help-moved:{_stamp(appointment)}")


def appointment_reminders(today: datetime.date) -> Iterator[ReminderDue]:
    """The reminder source (`messaging.reminders`): booked appointments of today and tomorrow
    that have not begun; the dedupe key makes each go out once per time it is booked for."""
    now = timezone.now()
    until = timezone.make_aware(
        datetime.datetime.combine(
            today + datetime.timedelta(days=REMINDER_DAYS_AHEAD + 1), datetime.time()
        )
    )
    due = (
        Appointment.objects.filter(
            status=AppointmentStatus.BOOKED,
            slot__starts_at__gt=now,
            slot__starts_at__lt=until,
        )
        .select_related("digibank", "person", "topic", "slot__hub__municipality")
        .order_by("pk")
    )
    for appointment in due.iterator(chunk_size=500):
        if not _reachable(appointment):
            continue
        yield ReminderDue(
            digibank=appointment.digibank,
            person=appointment.person,
            kind=MessageKind.APPOINTMENT_REMINDER,
            context=_context(appointment),
            dedupe_key=f"help-reminder:{_stamp(appointment)}",
            language=_language(appointment),
            to_email=appointment.email,
            to_phone=appointment.phone,
        )
