"""Reads of the help pillar shared by pages and the API: the times a resident can book, and the
staff's lists, each in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db.models import Count, F, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from digibank.help.models import Appointment, AppointmentStatus, HelpTopic, Slot
from digibank.organisations.models import Hub
from digibank.organisations.permissions import Access

# How far ahead, and how many times, the booking pages offer.
BOOKABLE_WEEKS = 8
BOOKABLE_SHOWN = 40


def _open_slots(now: datetime.datetime) -> QuerySet[Slot]:
    return Slot.objects.filter(
        booked__lt=F("capacity"),
        starts_at__gt=now,
        starts_at__lt=now + datetime.timedelta(weeks=BOOKABLE_WEEKS),
        hub__active=True,
        hub__is_public=True,
        digibank__active=True,
    )


def bookable_slots(
    *, topic: HelpTopic | None = None, hub_id: int | None = None, digibank_id: int | None = None
) -> list[Slot]:
    """The soonest times a resident may still book online (past each time's lead time), with a
    free seat; for `topic`, at one hub or of one digibank if given."""
    now = timezone.now()
    slots = _open_slots(now)
    if topic is not None:
        slots = slots.filter(topics=topic)
    if hub_id is not None:
        slots = slots.filter(hub_id=hub_id)
    if digibank_id is not None:
        slots = slots.filter(digibank_id=digibank_id)
    rows = slots.select_related("hub__municipality").order_by("starts_at", "pk")
    return [slot for slot in rows[: BOOKABLE_SHOWN * 3] if slot.bookable_until > now][
        :BOOKABLE_SHOWN
    ]


def bookable_topics(*, hub_id: int | None = None) -> QuerySet[HelpTopic]:
    """The topics with at least one time a resident could book (the lead time is checked on the
    next page, where the times are listed)."""
    slots = _open_slots(timezone.now())
    if hub_id is not None:
        slots = slots.filter(hub_id=hub_id)
    return (
        HelpTopic.objects.filter(active=True, slots__in=slots.values("pk"))
        .select_related("region")
        .distinct()
        .order_by("region_id", "position", "code")
    )


def public_hub(hub_id: object) -> Hub | None:
    try:
        pk = int(str(hub_id))
    except ValueError:
        return None
    return Hub.objects.filter(pk=pk, active=True, is_public=True).first()


def slots_for(
    access: Access, *, hub: Hub | None = None, day: datetime.date | None = None
) -> QuerySet[Slot]:
    """The digibank's times from `day` (today) on, with their hub and topics: 3 queries."""
    start = day or timezone.localdate()
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    slots = access.scope(Slot.objects.all()).filter(starts_at__gte=since)
    if hub is not None:
        slots = slots.filter(hub=hub)
    return (
        slots.select_related("hub")
        .prefetch_related(Prefetch("topics", queryset=HelpTopic.objects.order_by("position")))
        .order_by("starts_at", "pk")
    )


def day_appointments(access: Access, *, hub: Hub, day: datetime.date) -> QuerySet[Appointment]:
    """One hub's appointments of one day, in time order, with what the list shows: 1 query."""
    since = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    until = since + datetime.timedelta(days=1)
    return (
        access.scope(Appointment.objects.all())
        .filter(slot__hub=hub, slot__starts_at__gte=since, slot__starts_at__lt=until)
        .select_related("slot", "topic", "person")
        .order_by("slot__starts_at", "pk")
    )


def get_slot_for(access: Access, slot_id: int) -> Slot:
    return access.get(Slot.objects.select_related("hub"), pk=slot_id)


def get_appointment_for(access: Access, appointment_id: int) -> Appointment:
    return access.get(Appointment.objects.select_related("slot__hub", "topic"), pk=appointment_id)


def booking_pages(hubs: Sequence[Hub]) -> dict[int, str]:
    """The online booking page of each of `hubs` that has a time a resident can still book, in
    one query: what the public hub page and the hub finder link to (registered with
    `organisations.hooks.register_booking_pages`)."""
    ids = set(
        _open_slots(timezone.now())
        .filter(hub_id__in=[hub.pk for hub in hubs])
        .values_list("hub_id", flat=True)
        .distinct()
    )
    start = reverse("help:book_start")
    return {hub_id: f"{start}?hub={hub_id}" for hub_id in ids}


def booked_today(access: Access, hub_ids: set[int]) -> dict[int, int]:
    """How many appointments are still booked today at each of `hub_ids` (only hubs that have
    some): one grouped query, for a volunteer's staff home."""
    since = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
    rows = (
        access.scope(Appointment.objects.all())
        .filter(
            slot__hub_id__in=hub_ids,
            slot__starts_at__gte=since,
            slot__starts_at__lt=since + datetime.timedelta(days=1),
            status=AppointmentStatus.BOOKED,
        )
        .values("slot__hub_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["slot__hub_id"]: row["count"] for row in rows}
