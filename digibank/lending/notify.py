"""The messages lending sends, all through the outbox of `digibank.messaging`.

This module is the one place that talks to messaging: what a message says is decided there; here
only which message, to whom, with which values, and its dedupe key so that it is never sent twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from digibank.devices.models import Device, DeviceKind
from digibank.lending.models import Allocation, DeviceRequest, Loan
from digibank.messaging.models import Message, MessageKind
from digibank.messaging.reminders import ReminderDue
from digibank.messaging.services import queue_message
from digibank.organisations.models import Hub
from digibank.organisations.schedule import week_schedule

# Reminders: a few days before the due date, once the day after it, and about each condition.
DUE_SOON_DAYS = 7
CONDITION_REMINDER_AFTER_DAYS = 14
# The pick-up message asks the resident to come within this many days of the reservation; after
# that staff may give the device to the next person in line (the message says so by its date).
PICKUP_DAYS = 14
# The opening days listed in a pick-up message: the email lists a week, a text message three.
PICKUP_DAYS_LISTED = 7


def device_name(device: Device) -> Any:
    """What the resident calls it: "laptop", in the language the message is written in."""
    return DeviceKind(device.kind).label


def hub_address(hub: Hub) -> str:
    return f"{hub.street}, {hub.postcode} {hub.municipality.name}"


def status_url() -> str:
    return settings.SITE_URL + reverse("lending:public_status")


def reference_code_sent(
    request: DeviceRequest, *, to_phone: str = "", to_email: str = "", language: str | None = None
) -> Message | None:
    return queue_message(
        digibank=request.digibank,
        kind=MessageKind.REFERENCE_CODE,
        person=request.person,
        to_phone=to_phone,
        to_email=to_email,
        language=language,
        context={"reference_code": request.reference_display, "status_url": status_url()},
        dedupe_key=f"reference:request-{request.pk}",
    )


def decision_sent(request: DeviceRequest, *, eligible: bool, decision_id: int) -> Message | None:
    kind = MessageKind.REQUEST_ACCEPTED if eligible else MessageKind.REQUEST_REFUSED
    return queue_message(
        digibank=request.digibank,
        kind=kind,
        person=request.person,
        context={"reference_code": request.reference_display, "status_url": status_url()},
        dedupe_key=f"decision:{decision_id}",
    )


def pickup_deadline(allocation: Allocation) -> datetime.date:
    """The last day we ask the resident to come by: kept on the reservation when it is made."""
    if allocation.pickup_until is not None:
        return allocation.pickup_until
    reserved_on = timezone.localtime(allocation.reserved_at).date()
    return reserved_on + datetime.timedelta(days=PICKUP_DAYS)


def reservation_released_sent(allocation: Allocation) -> Message | None:
    """The resident did not come in time: the device went to the line again, their request back
    on the waiting list. None once the person was erased."""
    request = allocation.request
    if request.person is None:
        return None
    return queue_message(
        digibank=allocation.digibank,
        kind=MessageKind.RESERVATION_RELEASED,
        person=request.person,
        context={
            "device": device_name(allocation.device),
            "pickup_until": pickup_deadline(allocation),
            "reference_code": request.reference_display,
        },
        dedupe_key=f"released:allocation-{allocation.pk}",
    )


def pickup_hours(hub: Hub, start: datetime.date, until: datetime.date) -> list[dict[str, Any]]:
    """The days the hub is open from `start` to `until` (at most a week), each with its times.

    The message template writes each day in the message's language ("maandag 7 december").
    """
    days = []
    for opening in week_schedule(hub, start)[:PICKUP_DAYS_LISTED]:
        intervals = opening.opening_intervals or opening.walk_in_intervals
        if opening.day >= until or not intervals:
            continue
        times = ", ".join(f"{i.opens:%H:%M}–{i.closes:%H:%M}" for i in intervals)
        days.append({"day": opening.day, "times": times})
    return days


def _pickup(allocation: Allocation) -> ReminderDue | None:
    """None once the person was erased: nobody is left to tell.

    The message gives the place, the opening hours of the coming days and the last day to come.
    """
    request = allocation.request
    if request.person is None:
        return None
    until = pickup_deadline(allocation)
    today = timezone.localdate()
    return ReminderDue(
        digibank=allocation.digibank,
        person=request.person,
        kind=MessageKind.PICKUP_READY,
        context={
            "device": device_name(allocation.device),
            "hub_name": allocation.hub.name,
            "hub_address": hub_address(allocation.hub),
            "reference_code": request.reference_display,
            "pickup_until": until,
            "pickup_hours": pickup_hours(allocation.hub, today, until),
        },
        dedupe_key=f"pickup:allocation-{allocation.pk}",
    )


def pickup_ready_sent(allocation: Allocation) -> Message | None:
    due = _pickup(allocation)
    if due is None:
        return None
    return queue_message(
        digibank=due.digibank,
        kind=due.kind,
        person=due.person,
        context=due.context,
        dedupe_key=due.dedupe_key,
    )


def return_received_sent(loan: Loan) -> Message | None:
    return queue_message(
        digibank=loan.digibank,
        kind=MessageKind.RETURN_RECEIVED,
        person=loan.person,
        context={"device": device_name(loan.device)},
        dedupe_key=f"returned:loan-{loan.pk}",
    )


def reminders_for_loans(
    loans: list[Loan], allocations: list[Allocation], today: datetime.date
) -> Iterator[ReminderDue]:
    """The reminders due today for these active loans and reservations (see queries)."""
    from digibank.lending.models import LoanCondition

    for allocation in allocations:
        pickup = _pickup(allocation)
        if pickup is not None:
            yield pickup
    condition_labels = dict(LoanCondition.choices)
    for loan in loans:
        person = loan.person
        if person is None:  # erased: nobody is left to remind
            continue
        device = device_name(loan.device)
        base = {"device": device, "hub_name": loan.hub.name}
        if loan.due_date is not None:
            if today > loan.due_date:
                yield ReminderDue(
                    digibank=loan.digibank,
                    person=person,
                    kind=MessageKind.OVERDUE,
                    context={**base, "due_date": loan.due_date},
                    dedupe_key=f"overdue:loan-{loan.pk}:{loan.due_date.isoformat()}",
                )
            elif (loan.due_date - today).days <= DUE_SOON_DAYS:
                yield ReminderDue(
                    digibank=loan.digibank,
                    person=person,
                    kind=MessageKind.DUE_SOON,
                    context={**base, "due_date": loan.due_date},
                    dedupe_key=f"due-soon:loan-{loan.pk}:{loan.due_date.isoformat()}",
                )
        handed_over = timezone.localtime(loan.handed_over_at).date()
        if (today - handed_over).days >= CONDITION_REMINDER_AFTER_DAYS:
            for code in loan.conditions:
                yield ReminderDue(
                    digibank=loan.digibank,
                    person=person,
                    kind=MessageKind.CONDITION_REMINDER,
                    context={
                        "condition": condition_labels.get(code, code),
                        "device": device,
                        "due_date": loan.due_date,
                    },
                    dedupe_key=f"condition:loan-{loan.pk}:{code}",
                )
