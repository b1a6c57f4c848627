"""The day before each session date, every enrolment holding a seat gets one reminder through
the outbox, planned by the reminder task; the waiting list and cancelled sessions get none."""

from __future__ import annotations

import pytest
from django.utils import timezone

from digibank.messaging import reminders
from digibank.messaging.models import Message, MessageKind
from digibank.organisations.permissions import SYSTEM
from digibank.skills import services
from digibank.skills.tests.sessions_helpers import enrol_public, scheduled

pytestmark = pytest.mark.django_db


def test_the_planner_reminds_each_seat_once_the_day_before(world):
    session = scheduled(world.a, capacity=1, days=1)
    seated = enrol_public(session, "An")
    enrol_public(session, "Bo")  # on the waiting list: no reminder
    cancelled = scheduled(world.a, days=1)
    enrol_public(cancelled, "Cas")
    services.cancel_session(by=SYSTEM, session=cancelled)
    today = timezone.localdate()

    reminders.plan(today)
    reminders.plan(today)

    sent = Message.objects.filter(kind=MessageKind.SESSION_REMINDER)
    assert list(sent.values_list("recipient", flat=True)) == [seated.phone]
    assert sent.count() == 1
    assert sent.get().dedupe_key.startswith(f"enrolment:{seated.pk}:reminder:")
