"""The outbox: every message to a resident or donor, kept with how its delivery went."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digibank.core.states import StateHistory
from digibank.organisations.models import Digibank, Language
from digibank.people.models import Person


class MessageKind(models.TextChoices):
    REFERENCE_CODE = "reference_code", _("reference code of a request")
    REQUEST_ACCEPTED = "request_accepted", _("request accepted")
    REQUEST_REFUSED = "request_refused", _("request not accepted")
    PICKUP_READY = "pickup_ready", _("device ready to pick up")
    RESERVATION_RELEASED = "reservation_released", _("reserved device not picked up")
    DUE_SOON = "due_soon", _("loan ends soon")
    OVERDUE = "overdue", _("loan ended")
    CONDITION_REMINDER = "condition_reminder", _("reminder of a loan condition")
    RETURN_RECEIVED = "return_received", _("device returned")
    DONATION_RECEIVED = "donation_received", _("donation received")
    ENROLMENT_CONFIRMED = "enrolment_confirmed", _("enrolment in a session")
    ENROLMENT_WAITING = "enrolment_waiting", _("on the waiting list of a session")
    ENROLMENT_PROMOTED = "enrolment_promoted", _("place in a session after waiting")
    SESSION_REMINDER = "session_reminder", _("reminder of a session")
    SESSION_CANCELLED = "session_cancelled", _("session cancelled")
    APPOINTMENT_BOOKED = "appointment_booked", _("appointment booked")
    APPOINTMENT_REMINDER = "appointment_reminder", _("appointment reminder")


class Channel(models.TextChoices):
    EMAIL = "email", _("email")
    SMS = "sms", _("text message")
    NONE = "none", _("none")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    SKIPPED = "skipped", _("not sent")


class MessageReason(models.TextChoices):
    """Why a message was not sent, or why sending it failed."""

    NONE = "", _("none")
    NO_CONSENT = "no_consent", _("the person did not agree to be contacted")
    NOT_CONTACTABLE = "not_contactable", _("the person does not want to be contacted")
    VIA_REFERRER = "via_referrer", _("the person is contacted through their referrer")
    NO_ADDRESS = "no_address", _("there is no email address or phone number")
    REFUSED = "refused", _("the mail or text message service refused it")
    GAVE_UP = "gave_up", _("sending failed several times")
    INTERRUPTED = "interrupted", _("sending stopped halfway; it may not have arrived")


def _language_label(code: str) -> str:
    return str(dict(Language.choices).get(code, code))


class Message(models.Model):
    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="messages")
    # Erasing a person erases the messages to them: their text names the person.
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("resident"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=MessageKind.choices)
    channel = models.CharField(_("sent by"), max_length=8, choices=Channel.choices)
    recipient = models.CharField(_("sent to"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=8)
    # The language asked for, when it differs: messages exist in Dutch, French and English only.
    requested_language = models.CharField(_("language asked for"), max_length=8, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    reason = models.CharField(
        _("reason"), max_length=20, choices=MessageReason.choices, blank=True, default=""
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # A key chosen by the caller ("due-soon:loan-12:2025-03-01") so a message is never sent twice.
    dedupe_key = models.CharField(max_length=200, blank=True, default="")
    send_after = models.DateTimeField(_("not before"), null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["digibank", "-created_at", "-id"], name="message_outbox_idx"),
            models.Index(
                fields=["digibank", "status", "-created_at", "-id"], name="message_status_idx"
            ),
            models.Index(
                fields=["digibank", "kind", "-created_at", "-id"], name="message_kind_idx"
            ),
            models.Index(fields=["status", "updated_at"], name="message_stalled_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["digibank", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="unique_message_dedupe_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient or '-'} ({self.status})"

    @property
    def language_label(self) -> str:
        return _language_label(self.language)

    @property
    def requested_language_label(self) -> str:
        return _language_label(self.requested_language)

    @property
    def can_send_again(self) -> bool:
        return self.status == MessageStatus.FAILED


class MessageEvent(StateHistory):
    """One change of a message's status (see `digibank.messaging.states.MESSAGE_STATES`)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="events")

    class Meta(StateHistory.Meta):
        indexes = [models.Index(fields=["message", "at"])]
