"""Delivering a queued message by email (Django's mail, EMAIL_* settings) or text message.

A temporary failure (the mail server cannot be reached, answers 4xx, the SMS gateway is down) is
tried again later, at most MAX_ATTEMPTS times in all, waiting RETRY_DELAYS in between. A permanent
failure (the server refuses the address with 5xx, the gateway refuses the message) fails at once.
Either way the message keeps the error, so staff can see what went wrong and send it again.

This module delivers and records what happened; it knows no queue. Putting a message (back) in the
queue is the work of `tasks`, which runs `attempt` and schedules what it says must wait.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from dataclasses import dataclass
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from digibank.core.errors import DomainError
from digibank.core.states import system_can
from digibank.messaging.models import Channel, Message, MessageReason, MessageStatus
from digibank.messaging.sms import SmsError, send_sms
from digibank.messaging.states import MESSAGE_STATES
from digibank.organisations.permissions import SYSTEM

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
RETRY_DELAYS = (60, 5 * 60, 30 * 60)  # seconds to wait after the 1st, 2nd and 3rd attempt
ERROR_LENGTH = 1000
# A message still "being sent" this long after it started was cut off (the worker stopped).
SENDING_TIMEOUT = datetime.timedelta(minutes=30)


class DeliveryError(Exception):
    def __init__(self, message: str, *, temporary: bool) -> None:
        super().__init__(message)
        self.temporary = temporary


def sender_address(message: Message) -> str:
    """The digibank's name with the installation's sending address."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return formataddr((message.digibank.name, address))


def _smtp_error(error: smtplib.SMTPException) -> DeliveryError:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        details = "; ".join(
            f"{address}: {code} {text.decode(errors='replace')}"
            for address, (code, text) in error.recipients.items()
        )
        return DeliveryError(
            f"The mail server refused the address ({details})",
            temporary=any(400 <= code < 500 for code in codes),
        )
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        return DeliveryError(
            f"The mail server answered {error.smtp_code}: {text}",
            temporary=400 <= error.smtp_code < 500,
        )
    return DeliveryError(f"The mail server stopped: {error}", temporary=True)


def _send_email(message: Message, connection: BaseEmailBackend | None) -> None:
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=sender_address(message),
        to=[message.recipient],
        reply_to=[message.digibank.email] if message.digibank.email else None,
        headers={"Auto-Submitted": "auto-generated", "Content-Language": message.language},
        connection=connection,
    )
    try:
        email.send(fail_silently=False)
    except smtplib.SMTPException as error:
        raise _smtp_error(error) from error
    except OSError as error:  # refused connection, time-out, unknown host
        raise DeliveryError(
            f"The mail server cannot be reached: {error}", temporary=True
        ) from error


def _send_sms(message: Message) -> None:
    try:
        send_sms(to=message.recipient, text=message.body)
    except SmsError as error:
        raise DeliveryError(str(error), temporary=error.temporary) from error


def deliver(message: Message, *, connection: BaseEmailBackend | None = None) -> None:
    """Hand the message to the mail server or SMS gateway; raises DeliveryError.

    `connection` is a Django mail connection to use instead of the one EMAIL_BACKEND names.
    """
    try:
        if message.channel == Channel.EMAIL:
            _send_email(message, connection)
        elif message.channel == Channel.SMS:
            _send_sms(message)
        else:
            raise DeliveryError("The message has no way to be sent.", temporary=False)
    except DeliveryError:
        raise
    except Exception as error:
        logger.exception("Message %s could not be sent", message.pk)
        raise DeliveryError(f"{type(error).__name__}: {error}", temporary=False) from error


@dataclass(frozen=True)
class Attempt:
    """What one attempt to send came to, and when to try again (a retry, or a later send time)."""

    outcome: str  # "sent", "retry", "failed", "waiting", "gone", or the status the message had
    message: Message | None = None
    run_after: datetime.datetime | None = None


def _claim(message_id: int, now: datetime.datetime) -> Message | Attempt:
    """Mark the message as being sent, or say why it is not sent now."""
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(of=("self",))
            .select_related("digibank")
            .filter(pk=message_id)
            .first()
        )
        if message is None:
            return Attempt("gone")
        if message.status != MessageStatus.QUEUED:
            return Attempt(str(message.status), message)
        if message.send_after is not None and message.send_after > now:
            return Attempt("waiting", message, run_after=message.send_after)
        MESSAGE_STATES.transition(
            message,
            MessageStatus.SENDING,
            by=SYSTEM,
            can=system_can,
            also={"attempts": F("attempts") + 1},
        )
        return message


def retry_delay(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1])


def _record(message: Message, to: MessageStatus, **also: object) -> bool:
    """Record how a delivery went; False when the message was changed meanwhile.

    While it was being sent, the recovery may have marked it interrupted, or staff may have
    queued it again after that: the table then refuses the move and the newer status stays.
    """
    try:
        MESSAGE_STATES.transition(message, to, by=SYSTEM, can=system_can, also=also)
    except DomainError:
        logger.warning("Message %s changed while it was being sent", message.pk)
        return False
    return True


def _failed(message: Message, error: DeliveryError, now: datetime.datetime) -> Attempt:
    last_error = str(error)[:ERROR_LENGTH]
    with transaction.atomic():
        if error.temporary and message.attempts < MAX_ATTEMPTS:
            if _record(message, MessageStatus.QUEUED, last_error=last_error):
                return Attempt("retry", message, run_after=now + retry_delay(message.attempts))
            return Attempt("retry")  # changed meanwhile: whoever changed it queues it
        reason = MessageReason.GAVE_UP if error.temporary else MessageReason.REFUSED
        _record(message, MessageStatus.FAILED, reason=reason, last_error=last_error)
    return Attempt(str(MessageStatus.FAILED), message)


def attempt(message_id: int, *, connection: BaseEmailBackend | None = None) -> Attempt:
    """Send one queued message now and record the outcome; `connection` as in `deliver`.

    A message that must wait (its send time has not come, or a temporary failure) stays queued:
    the returned `run_after` tells the queue when to try again.
    """
    now = timezone.now()
    claimed = _claim(message_id, now)
    if isinstance(claimed, Attempt):
        return claimed
    message = claimed
    try:
        deliver(message, connection=connection)
    except DeliveryError as error:
        return _failed(message, error, now)
    _record(message, MessageStatus.SENT, reason=MessageReason.NONE, sent_at=timezone.now())
    return Attempt(str(MessageStatus.SENT), message)


def fail_interrupted(now: datetime.datetime) -> int:
    """Mark as failed what has been "being sent" for longer than SENDING_TIMEOUT: a stopped worker
    cut it off, and it may or may not have arrived, so staff decide whether to send it again."""
    return MESSAGE_STATES.bulk_transition(
        Message.objects.filter(status=MessageStatus.SENDING, updated_at__lt=now - SENDING_TIMEOUT),
        MessageStatus.FAILED,
        by=SYSTEM,
        can=system_can,
        also={
            "reason": MessageReason.INTERRUPTED,
            "last_error": "Sending stopped halfway.",
            "updated_at": now,
        },
    )
