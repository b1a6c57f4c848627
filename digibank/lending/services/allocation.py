"""Reserving a ready device for a request on the waiting list, and releasing it again.

Two staff members may press "Reserve" at the same moment, for the same device or for the same
request. Three things make sure only one of them succeeds:

1. the digibank's row, the request row and then the device row are locked (`select_for_update`,
   always in this order, so two reservations never wait for each other in a circle); on SQLite
   the transaction takes the write lock when it starts (`transaction_mode=IMMEDIATE`);
2. after the lock, the state is read again: a request no longer waiting or a device no longer
   ready is refused with a message that says so;
3. the database refuses a second active reservation of one device or one request (partial unique
   constraints on `Allocation`), turned into the same message.

The waiting list's order is kept here, not only on the page: reservations of one digibank take
turns on the digibank's row, taken first. It must come first: a `WaitingListSkip` row points at
each request passed over, and on PostgreSQL that reference takes a share lock on the passed-over
request, which a second reservation for that request may hold; with the digibank taken first, no
two reservations of a digibank hold request rows at once (seen as a deadlock in the parallel
tests). Then the line for the device is read (`digibank.lending.queue`), and reserving it for anyone
but the first in line whom it fits needs a reason from `SkipReason` and a few words. Each request
passed over keeps a `WaitingListSkip` row, in the audit trail too.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.fields import max_length
from digibank.core.models import AuditAction
from digibank.devices.models import Device, DeviceState
from digibank.devices.services.states import release_reservation, reserve_device
from digibank.lending import notify
from digibank.lending.matching import assess
from digibank.lending.models import (
    Allocation,
    AllocationStatus,
    DeviceRequest,
    RequestStatus,
    SkipReason,
    WaitingListSkip,
)
from digibank.lending.queue import line_of
from digibank.lending.services.common import (
    can_of,
    checked_text,
    clean_text,
    lock_request,
    refresh_from,
    require_access,
)
from digibank.lending.states import ALLOCATION_STATES, REQUEST_STATES, request_served_message
from digibank.organisations.models import Digibank, Hub
from digibank.organisations.permissions import Actor, Perm

REASON_LENGTH = max_length(Allocation, "end_reason")
SKIP_NOTE_LENGTH = max_length(WaitingListSkip, "note")


def device_taken_message(device: Device) -> str:
    return _(
        "Device %(tag)s was just reserved or handed out by someone else. Choose another device."
    ) % {"tag": device.asset_tag}


def checked_skip(
    passed_over: list[DeviceRequest], reason: str, note: str
) -> tuple[SkipReason, str] | None:
    """The reason and words for passing over `passed_over`, or None when nobody is passed over."""
    if not passed_over:
        return None
    first = passed_over[0]
    code = clean_text(reason)
    if code not in SkipReason.values:
        raise DomainError(
            _(
                "Request %(reference)s is first in line for this device. To choose someone "
                "else, choose why."
            )
            % {"reference": first.reference_display},
            field="skip_reason",
        )
    words = checked_text(note, limit=SKIP_NOTE_LENGTH, field="skip_note")
    if not words:
        raise DomainError(
            _("Explain in a few words why %(reference)s does not get this device.")
            % {"reference": first.reference_display},
            field="skip_note",
        )
    return SkipReason(code), words


def checked_pickup(
    pickup_on: datetime.date | None, pickup_time: datetime.time | None, *, until: datetime.date
) -> None:
    """A planned hand-over falls between today and the last day to pick the device up."""
    if pickup_time is not None and pickup_on is None:
        raise DomainError(_("Enter the day of the pick-up too."), field="pickup_on")
    if pickup_on is None:
        return
    if not timezone.localdate() <= pickup_on <= until:
        raise DomainError(
            _("Choose a day from today to %(until)s: the reservation ends after it.")
            % {"until": until.strftime("%d/%m/%Y")},
            field="pickup_on",
        )


@transaction.atomic
def allocate(
    *,
    request: DeviceRequest,
    device: Device,
    by: Actor,
    hub: Hub | None = None,
    skip_reason: str = "",
    skip_note: str = "",
    pickup_on: datetime.date | None = None,
    pickup_time: datetime.time | None = None,
) -> Allocation:
    """Reserve `device` for `request` and tell the resident where to pick it up.

    When `request` is not the first in line for the device, `skip_reason` (a `SkipReason`) and
    `skip_note` say why the people ahead of it are passed over; without them it is refused.
    The resident has until `notify.PICKUP_DAYS` days from today (kept as `pickup_until`; after it
    the reservation ends on its own); `pickup_on` and `pickup_time` are the hand-over agreed with
    them, if any, within that time.
    """
    Digibank.objects.select_for_update().filter(pk=request.digibank_id).exists()
    locked = lock_request(request)
    access = require_access(by, locked.digibank, Perm.ALLOCATE_DEVICES)
    locked_device = Device.objects.select_for_update().filter(pk=device.pk).first()
    if locked_device is None or locked_device.digibank_id != locked.digibank_id:
        raise DomainError(_("Choose a device of this digibank."), field="device")
    REQUEST_STATES.check(locked, RequestStatus.RESERVED, can=can_of(access), field="device")
    if locked_device.state != DeviceState.READY:
        raise DomainError(device_taken_message(locked_device), field="device")
    match = assess(locked, locked_device)
    if not match.fits:
        raise DomainError(" ".join(str(problem) for problem in match.problems), field="device")
    pickup = hub or locked_device.hub
    if pickup is None:
        raise DomainError(_("Choose where the resident picks the device up."), field="hub")
    if pickup.digibank_id != locked.digibank_id or not pickup.active:
        raise DomainError(_("Choose an open hub of this digibank."), field="hub")
    pickup_until = timezone.localdate() + datetime.timedelta(days=notify.PICKUP_DAYS)
    checked_pickup(pickup_on, pickup_time, until=pickup_until)
    passed_over = line_of(locked_device).passed_over_by(locked)
    skip = checked_skip(passed_over, skip_reason, skip_note)

    reserve_device(
        device=device,
        by=by,
        note=_("Reserved for request %(reference)s.") % {"reference": locked.reference_display},
    )
    try:
        with transaction.atomic():
            allocation = Allocation.objects.create(
                digibank=locked.digibank,
                request=locked,
                device=locked_device,
                hub=pickup,
                reserved_by=by.user,
                reserved_at=timezone.now(),
                pickup_until=pickup_until,
                pickup_on=pickup_on,
                pickup_time=pickup_time,
            )
    except IntegrityError:
        # The constraints caught what the locks could not (a database without row locks).
        if Allocation.objects.filter(request=locked, status=AllocationStatus.ACTIVE).exists():
            raise DomainError(request_served_message(locked), field="device") from None
        raise DomainError(device_taken_message(locked_device), field="device") from None
    REQUEST_STATES.transition(locked, RequestStatus.RESERVED, by=by, can=can_of(access))
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=allocation,
        digibank=locked.digibank,
        fields=[
            "request",
            "device",
            "hub",
            "reserved_by",
            "pickup_until",
            *(["pickup_on"] if pickup_on else []),
            *(["pickup_time"] if pickup_time else []),
        ],
    )
    if skip is not None:
        _record_skips(allocation, passed_over, *skip, by=by)
    refresh_from(request, locked)
    notify.pickup_ready_sent(allocation)
    return allocation


def _record_skips(
    allocation: Allocation,
    passed_over: list[DeviceRequest],
    reason: SkipReason,
    note: str,
    *,
    by: Actor,
) -> None:
    for skipped in passed_over:
        row = WaitingListSkip.objects.create(
            digibank_id=allocation.digibank_id,
            allocation=allocation,
            skipped=skipped,
            reason=reason,
            note=note,
        )
        audit.record(
            actor=by,
            action=AuditAction.CREATE,
            obj=row,
            digibank=allocation.digibank,
            fields=["allocation", "skipped", "reason", "note"],
        )


def active_allocation(request: DeviceRequest) -> Allocation | None:
    return (
        Allocation.objects.filter(request=request, status=AllocationStatus.ACTIVE)
        .select_related("device", "hub")
        .first()
    )


@transaction.atomic
def release(*, request: DeviceRequest, by: Actor, reason: str = "") -> Allocation:
    """Undo a reservation: the device is ready again, the request back on the waiting list.

    The request keeps its place: its waiting time still counts from the day it was made.
    """
    locked = lock_request(request)
    access = require_access(by, locked.digibank, Perm.ALLOCATE_DEVICES)
    allocation = (
        Allocation.objects.select_for_update()
        .filter(request=locked, status=AllocationStatus.ACTIVE)
        .first()
    )
    if allocation is None:
        raise DomainError(_("No device is reserved for this request."))
    reason = checked_text(reason, limit=REASON_LENGTH, field="reason")
    release_reservation(
        device=allocation.device,
        by=by,
        note=_("Reservation for request %(reference)s released.")
        % {"reference": locked.reference_display},
    )
    ALLOCATION_STATES.transition(
        allocation,
        AllocationStatus.RELEASED,
        by=by,
        can=can_of(access),
        also={"ended_by": by.user, "ended_at": timezone.now(), "end_reason": reason},
    )
    REQUEST_STATES.transition(locked, RequestStatus.WAITING, by=by, can=can_of(access))
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=allocation,
        digibank=locked.digibank,
        fields=["status", "ended_by", "ended_at", *(["end_reason"] if reason else [])],
    )
    refresh_from(request, locked)
    return allocation
