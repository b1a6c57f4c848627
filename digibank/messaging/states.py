"""The state machine of a message in the outbox.

A message is written queued, or skipped when the person does not want to be contacted this way.
The worker (the system) claims a queued message, sends it and records how it went; staff may
queue a failed message once more. Every change goes through `MESSAGE_STATES.transition` (or
`bulk_transition` for the stalled ones) and is kept as a `MessageEvent`.

    queued → sending → sent
                     → queued (a temporary error: tried again later)
                     → failed (refused, gave up, or interrupted) → queued / skipped (sent again)
    failed → sent (a delivery that finished after it was marked interrupted)

| from | to | permission |
|---|---|---|
| queued | sending | the system (the worker) |
| sending | sent, queued, failed | the system |
| failed | sent | the system |
| failed | queued, skipped | view messages (staff press "send again") |
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from digibank.core.states import SYSTEM, Change, StateMachine, user_of
from digibank.messaging.models import Message, MessageEvent, MessageStatus
from digibank.organisations.permissions import Perm


def _history(changes: Sequence[Change]) -> None:
    MessageEvent.objects.bulk_create(
        MessageEvent(
            message_id=change.pk,
            from_state=change.from_state,
            to_state=change.to_state,
            by=user_of(change.by),
        )
        for change in changes
    )


def _refusal(message: Message, to: str) -> str | None:
    if to in {MessageStatus.QUEUED, MessageStatus.SKIPPED}:
        return _("Only a message that failed can be sent again.")
    return None


S = MessageStatus
MESSAGE_STATES = StateMachine(
    model=Message,
    field="status",
    states=MessageStatus,
    transitions={
        S.QUEUED: {S.SENDING: SYSTEM},
        S.SENDING: {S.SENT: SYSTEM, S.QUEUED: SYSTEM, S.FAILED: SYSTEM},
        S.FAILED: {
            S.SENT: SYSTEM,
            S.QUEUED: Perm.VIEW_MESSAGES,
            S.SKIPPED: Perm.VIEW_MESSAGES,
        },
        S.SENT: {},
        S.SKIPPED: {},
    },
    refusal=_refusal,
    history=_history,
)
