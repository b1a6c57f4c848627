"""Every write to the outbox: queueing a message and sending a failed one again.

Other apps call `queue_message`; it never sends anything itself. It writes the message to the
outbox and, once the caller's transaction is committed, puts its sending in the background queue.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.fields import max_length
from digibank.core.models import AuditAction
from digibank.messaging.models import Channel, Message, MessageReason, MessageStatus
from digibank.messaging.rendering import render_message
from digibank.messaging.sms import international_number
from digibank.messaging.states import MESSAGE_STATES
from digibank.messaging.tasks import schedule_sending
from digibank.organisations.models import Digibank
from digibank.organisations.permissions import Actor, Perm, require
from digibank.people.erasure import Erased
from digibank.people.merging import MovingRows, PersonMerged, repoint
from digibank.people.models import ConsentPurpose, ContactMethod, Person

if TYPE_CHECKING:
    pass

DEDUPE_KEY_LENGTH = max_length(Message, "dedupe_key")
RECIPIENT_LENGTH = max_length(Message, "recipient")


@dataclass(frozen=True)
class Route:
    """How a message goes out, or why it does not."""

    channel: str
    recipient: str
    reason: str = MessageReason.NONE


def _address(channel: str, value: str) -> str:
    value = value.strip()
    if channel == Channel.SMS:
        value = international_number(value)
    return value[:RECIPIENT_LENGTH]


def _already_queued(digibank: Digibank, dedupe_key: str) -> bool:
    return Message.objects.filter(digibank=digibank, dedupe_key=dedupe_key).exists()


def _has_contact_consent(person: Person) -> bool:
    return person.consents.filter(
        purpose=ConsentPurpose.CONTACT, withdrawn_at__isnull=True
    ).exists()


def route_for(*, person: Person | None, to_email: str = "", to_phone: str = "") -> Route:
    """The channel and address for a message, from the person's own choice of contact.

    A person is written to only the way they chose, and only while they agree to be contacted.
    An address given by the caller (typed on a public form just now) is used for that channel.
    """
    if person is None:
        if to_email.strip():
            return Route(Channel.EMAIL, _address(Channel.EMAIL, to_email))
        if to_phone.strip():
            return Route(Channel.SMS, _address(Channel.SMS, to_phone))
        return Route(Channel.NONE, "", MessageReason.NO_ADDRESS)
    method = person.contact_method
    if method == ContactMethod.NONE:
        return Route(Channel.NONE, "", MessageReason.NOT_CONTACTABLE)
    if method == ContactMethod.REFERRER:
        return Route(Channel.NONE, "", MessageReason.VIA_REFERRER)
    channel = Channel.EMAIL if method == ContactMethod.EMAIL else Channel.SMS
    if channel == Channel.EMAIL:
        recipient = _address(channel, to_email or person.email)
    else:
        recipient = _address(channel, to_phone or person.phone)
    if not _has_contact_consent(person):
        return Route(channel, recipient, MessageReason.NO_CONSENT)
    if not recipient:
        return Route(channel, "", MessageReason.NO_ADDRESS)
    return Route(channel, recipient)


@transaction.atomic
def queue_message(
    *,
    digibank: Digibank,
    kind: str,
    person: Person | None = None,
    to_email: str = "",
    to_phone: str = "",
    language: str | None = None,
    context: dict[str, Any] | None = None,
    dedupe_key: str = "",
    send_after: datetime.datetime | None = None,
) -> Message | None:
    """Write a message of `kind` to the outbox and queue its sending.

    The text is rendered now, in the person's language (or `language`); see `rendering.py` for
    what `context` must hold for each kind. When the person does not want to be contacted this
    way, the message is kept with status "skipped" and the reason, and never sent. Returns None,
    and writes nothing, when a message with the same `dedupe_key` exists in this digibank.
    """
    if person is not None and person.digibank_id != digibank.pk:
        raise ValueError("The person belongs to another digibank.")
    if len(dedupe_key) > DEDUPE_KEY_LENGTH:
        raise ValueError(f"dedupe_key is longer than {DEDUPE_KEY_LENGTH} characters.")
    if dedupe_key and _already_queued(digibank, dedupe_key):
        return None
    route = route_for(person=person, to_email=to_email, to_phone=to_phone)
    rendered = render_message(
        digibank=digibank,
        kind=kind,
        channel=route.channel,
        person=person,
        language=language,
        context=context,
    )
    message = Message(
        digibank=digibank,
        person=person,
        kind=kind,
        channel=route.channel,
        recipient=route.recipient,
        language=rendered.language,
        requested_language=rendered.requested_language,
        subject=rendered.subject,
        body=rendered.body,
        status=MessageStatus.SKIPPED if route.reason else MessageStatus.QUEUED,
        reason=route.reason,
        dedupe_key=dedupe_key,
        send_after=send_after,
    )
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction goes on
            message.save()
    except IntegrityError:
        # Another process queued the same key between the check above and this insert.
        if dedupe_key and Message.objects.filter(digibank=digibank, dedupe_key=dedupe_key).exists():
            return None
        raise
    audit.record(
        actor=None,
        action=AuditAction.CREATE,
        obj=message,
        digibank=digibank,
        fields=["recipient", "subject", "body"],
    )
    if message.status == MessageStatus.QUEUED:
        schedule_sending(message, run_after=send_after)
    return message


@transaction.atomic
def send_again(*, message: Message, by: Actor) -> Message:
    """Queue a failed message once more, to the person's current address.

    The person's choices are checked again: when they no longer agree to be contacted, the
    message becomes "skipped" with the reason instead.
    """
    message = (
        Message.objects.select_for_update(of=("self",)).select_related("person").get(pk=message.pk)
    )
    access = require(by, message.digibank, Perm.VIEW_MESSAGES)
    MESSAGE_STATES.check(message, MessageStatus.QUEUED, can=access.can)
    also: dict[str, Any] = {}
    route = Route(message.channel, message.recipient)
    if message.person is not None:
        route = route_for(person=message.person)
        if route.channel not in (message.channel, Channel.NONE):
            raise DomainError(
                _(
                    "This person now wants to be reached another way. "
                    "This message cannot be sent again."
                )
            )
        if route.recipient and route.recipient != message.recipient:
            also["recipient"] = route.recipient
    if route.reason:
        to = MessageStatus.SKIPPED
        also["reason"] = route.reason
    else:
        to = MessageStatus.QUEUED
        also.update(reason=MessageReason.NONE, attempts=0, send_after=None)
    MESSAGE_STATES.transition(message, to, by=by, can=access.can, also=also)
    changed = ["status", *also]
    audit.record(
        actor=by, action=AuditAction.CHANGE, obj=message, digibank=message.digibank, fields=changed
    )
    if message.status == MessageStatus.QUEUED:
        schedule_sending(message)
    return message


def erase_messages_of(person: Person) -> list[Erased]:
    """The erasure handler (see `digibank.people.erasure`): the person's messages are deleted.

    Deleted rather than kept with the address and text blanked: every text field of a message
    (address, subject, body) holds or names the person, and what would be left (kind, status,
    dates) counts nothing the lending statistics do not count already. A deleted message can never
    be sent: the worker finds it gone and stops (`sending.attempt`), where a blanked queued one
    would still wait in the queue. Refused only while a message is leaving at this very moment.
    """
    messages = list(
        Message.objects.select_for_update(of=("self",))
        .filter(person=person)
        .only("pk", "status")
        .order_by("pk")
    )
    if any(message.status == MessageStatus.SENDING for message in messages):
        raise DomainError(
            _("A message to this person is being sent right now. Try again in a few minutes.")
        )
    if not messages:
        return []
    Message.objects.filter(pk__in=[message.pk for message in messages]).delete()
    return [Erased(Message, ("recipient", "subject", "body"))]


def count_messages_of(person: Person) -> list[MovingRows]:
    """The merge handler's count (see `digibank.people.merging`): the person's messages."""
    return [MovingRows(Message, "messages", Message.objects.filter(person=person).count())]


def move_messages(merged: PersonMerged) -> list[MovingRows]:
    """The merge handler: the outbox of the removed record becomes the kept one's, as it was
    (each message keeps the address it was written to)."""
    rows = Message.objects.filter(person=merged.remove)
    return [MovingRows(Message, "messages", repoint(rows, "person", merged.keep))]
