"""Slots and appointments for tests, made through the services."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from digibank.help import services
from digibank.help.models import Appointment, HelpTopic, Slot
from digibank.organisations.permissions import PUBLIC, SYSTEM
from digibank.testing import Bank


def topic(bank: Bank, code: str = "H01") -> HelpTopic:
    return HelpTopic.objects.get(region=bank.digibank.region, digibank=None, code=code)


def slot(
    bank: Bank,
    *,
    days: float = 3,
    capacity: int = 2,
    codes: tuple[str, ...] = ("H01", "H06"),
    **extra: Any,
) -> Slot:
    """A time `days` from now at the bank's hub, half an hour long, for itsme and taxes."""
    starts = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=days)
    return services.create_slot(
        hub=bank.hub,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=30),
        topics=[topic(bank, code) for code in codes],
        capacity=capacity,
        by=SYSTEM,
        **extra,
    )


def book(bank: Bank, at: Slot, *, code: str = "H01", **extra: Any) -> Appointment:
    extra.setdefault("name", "Mina Peeters")
    extra.setdefault("by", PUBLIC)
    return services.book_appointment(slot=at, topic=topic(bank, code), **extra)


def in_the_past(at: Slot, hours: int = 2) -> Slot:
    """Pretend the time has begun (a slot cannot be made in the past)."""
    delta = datetime.timedelta(hours=hours)
    Slot.objects.filter(pk=at.pk).update(
        starts_at=timezone.now() - delta, ends_at=timezone.now() - delta / 2
    )
    at.refresh_from_db()
    return at
