"""The times a hub can be booked for: published by the coordinator or a hub volunteer."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.help.models import HelpTopic, Slot
from digibank.help.models.appointments import DEFAULT_CANCEL_HOURS, DEFAULT_LEAD_HOURS
from digibank.organisations.models import Hub
from digibank.organisations.permissions import Actor, Perm, require

MAX_CAPACITY = 50
MAX_LENGTH = datetime.timedelta(hours=12)


@transaction.atomic
def create_slot(
    *,
    hub: Hub,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    topics: Iterable[HelpTopic],
    capacity: int,
    by: Actor,
    lead_hours: int = DEFAULT_LEAD_HOURS,
    cancel_hours: int = DEFAULT_CANCEL_HOURS,
) -> Slot:
    """Publish a time at `hub` for `topics`, with one seat per helper (`capacity`)."""
    require(by, hub.digibank, Perm.MANAGE_APPOINTMENTS)
    topics = list(topics)
    if not hub.active:
        raise DomainError(_("This hub is no longer active."), field="hub")
    if starts_at <= timezone.now():
        raise DomainError(_("Choose a time in the future."), field="starts_at")
    if ends_at <= starts_at:
        raise DomainError(_("The end must be after the start."), field="ends_at")
    if ends_at - starts_at > MAX_LENGTH:
        raise DomainError(_("A time can last 12 hours at most."), field="ends_at")
    if not 1 <= capacity <= MAX_CAPACITY:
        raise DomainError(
            _("Give between 1 and %(most)d helpers.") % {"most": MAX_CAPACITY}, field="capacity"
        )
    if not topics:
        raise DomainError(_("Choose at least one topic."), field="topics")
    offered = set(HelpTopic.offered_in(hub.digibank).values_list("pk", flat=True))
    if any(topic.pk not in offered for topic in topics):
        raise DomainError(_("This digibank does not offer one of these topics."), field="topics")
    slot = Slot.objects.create(
        digibank=hub.digibank,
        hub=hub,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        lead_hours=lead_hours,
        cancel_hours=cancel_hours,
    )
    slot.topics.set(topics)
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=slot,
        digibank=hub.digibank,
        fields=["hub", "starts_at", "ends_at", "topics", "capacity", "lead_hours", "cancel_hours"],
    )
    return slot


@transaction.atomic
def change_capacity(*, slot: Slot, capacity: int, by: Actor) -> Slot:
    """More or fewer helpers: never fewer than the people booked already (the database's check
    refuses it too; this says so in words)."""
    require(by, slot.digibank, Perm.MANAGE_APPOINTMENTS)
    if not 1 <= capacity <= MAX_CAPACITY:
        raise DomainError(
            _("Give between 1 and %(most)d helpers.") % {"most": MAX_CAPACITY}, field="capacity"
        )
    locked = Slot.objects.select_for_update().get(pk=slot.pk)
    if capacity < locked.booked:
        raise DomainError(
            _("%(booked)d people have booked this time already: cancel appointments first.")
            % {"booked": locked.booked},
            field="capacity",
        )
    locked.capacity = capacity
    locked.save(update_fields=["capacity"])
    slot.capacity = capacity
    audit.record(
        actor=by, action=AuditAction.CHANGE, obj=locked, digibank=slot.digibank, fields=["capacity"]
    )
    return locked
