"""Demo appointments for one digibank, made through the real services.

The first two public hubs publish half-hour times on two mornings a week for the coming three
weeks (two helpers each, for the most asked topics); residents booked some online, a hub
volunteer booked some for registered residents after a phone call. The past weeks' times had
bookings too, noted as came or did not come. Time is the only thing set directly: past times are
made in the future through the services and then moved back, as nothing else can book a time
that has begun.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from django.utils import timezone

from digibank.core.models import User
from digibank.help import services
from digibank.help.models import Appointment, AppointmentStatus, HelpTopic, Slot
from digibank.organisations.models import Digibank, Role
from digibank.organisations.permissions import PUBLIC, SYSTEM, Actor, acting
from digibank.people.models import Person

TOPIC_CODES = ("H01", "H04", "H06", "H07", "H05", "H13")
MORNINGS = (1, 3)  # Tuesday and Thursday
TIMES = (datetime.time(10), datetime.time(10, 30), datetime.time(11))
WEEKS_AHEAD = 3
HUBS = 2  # the first public hubs of the digibank
WEEKS_BACK = 3
NAMES = ("Mina", "Jef", "Fatima", "Luc", "Ana", "Rik", "Noor", "Marc", "Yasmine", "Gilbert")


def _days(start: datetime.date, weeks: int) -> list[datetime.date]:
    return [
        start + datetime.timedelta(days=offset)
        for offset in range(weeks * 7)
        if (start + datetime.timedelta(days=offset)).weekday() in MORNINGS
    ]


def _slot(
    hub_id: int, digibank: Digibank, day: datetime.date, at: datetime.time, topics: list[HelpTopic]
) -> Slot:
    starts = timezone.make_aware(datetime.datetime.combine(day, at))
    hub = digibank.hubs.get(pk=hub_id)
    return services.create_slot(
        hub=hub,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=30),
        topics=topics,
        capacity=2,
        lead_hours=12,
        cancel_hours=12,
        by=SYSTEM,
    )


def _book_some(
    slot: Slot, topics: list[HelpTopic], rng: random.Random, helper: Actor, people: list[Person]
) -> list[Appointment]:
    booked: list[Appointment] = []
    for _seat in range(rng.choice((0, 1, 1, 2))):
        topic = rng.choice(topics)
        if people and rng.random() < 0.3:
            person = people.pop()
            booked.append(
                services.book_appointment(slot=slot, topic=topic, person=person, by=helper)
            )
        else:
            booked.append(
                services.book_appointment(
                    slot=slot,
                    topic=topic,
                    name=rng.choice(NAMES),
                    phone=f"+3247{rng.randrange(10**7, 10**8)}" if rng.random() < 0.5 else "",
                    language=rng.choice(("nl", "nl", "fr")),
                    by=PUBLIC,
                )
            )
    return booked


def build_demo(
    *, digibank: Digibank, rng: random.Random, users: dict[str, User], people: Sequence[Person]
) -> None:
    if Slot.objects.filter(digibank=digibank).exists():
        return  # built before: running the demo again changes nothing
    topics = list(HelpTopic.offered_in(digibank).filter(code__in=TOPIC_CODES).order_by("position"))
    if not topics:
        return
    helper = acting(users.get(Role.HUB_VOLUNTEER) or users[Role.COORDINATOR], digibank)
    linkable = [person for person in people if person.municipality_id][:8]
    today = timezone.localdate()
    hubs = list(
        digibank.hubs.filter(active=True, is_public=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:HUBS]
    )
    for hub_id in hubs:
        for day in _days(today + datetime.timedelta(days=2), WEEKS_AHEAD):
            for at in TIMES:
                _book_some(_slot(hub_id, digibank, day, at, topics), topics, rng, helper, linkable)
        for day in _days(today - datetime.timedelta(weeks=WEEKS_BACK), WEEKS_BACK):
            shift = datetime.timedelta(weeks=WEEKS_BACK + WEEKS_AHEAD)
            for at in TIMES[:2]:
                slot = _slot(hub_id, digibank, day + shift, at, topics)
                booked = _book_some(slot, topics, rng, helper, [])
                Slot.objects.filter(pk=slot.pk).update(
                    starts_at=slot.starts_at - shift, ends_at=slot.ends_at - shift
                )
                for appointment in booked:
                    outcome = (
                        AppointmentStatus.NO_SHOW
                        if rng.random() < 0.2
                        else AppointmentStatus.ATTENDED
                    )
                    services.record_outcome(appointment=appointment, status=outcome, by=helper)
