"""The state machine of an invitation to work in a digibank.

    pending → accepted (the invited person, logged in as the account with the invited address)
    pending → withdrawn (the coordinator, or an admin of the region)

An expired invitation stays pending: its link no longer works, but the coordinator may still send
it again (a new link, a new expiry) or withdraw it. Sending again is no move.

Who may make each move:

- pending → accepted: `ACCEPT_INVITATION`, which no role holds; only `accept_invitation` passes
  it, after checking that the logged-in account's address is the invited one;
- pending → withdrawn: manage settings (a region admin passes it once `require_manager` let them
  in).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from digibank.core.states import Change, StateMachine, user_of
from digibank.organisations.invitation_models import (
    Invitation,
    InvitationEvent,
    InvitationStatus,
)
from digibank.organisations.permissions import Perm

# Held by nobody: the invited person themselves, checked by the accepting service.
ACCEPT_INVITATION = "accept_invitation"


def _history(changes: Sequence[Change]) -> None:
    InvitationEvent.objects.bulk_create(
        InvitationEvent(
            invitation_id=change.pk,
            from_state=change.from_state,
            to_state=change.to_state,
            by=user_of(change.by),
        )
        for change in changes
    )


def _refusal(invitation: Invitation, to: str) -> str | None:
    if invitation.status == InvitationStatus.ACCEPTED:
        return _("This invitation has been accepted already.")
    if invitation.status == InvitationStatus.WITHDRAWN:
        return _("This invitation has been withdrawn.")
    return None


S = InvitationStatus
INVITATION_STATES = StateMachine(
    model=Invitation,
    field="status",
    states=InvitationStatus,
    transitions={
        S.PENDING: {S.ACCEPTED: ACCEPT_INVITATION, S.WITHDRAWN: Perm.MANAGE_SETTINGS},
        S.ACCEPTED: {},
        S.WITHDRAWN: {},
    },
    refusal=_refusal,
    changed_at="changed_at",
    history=_history,
)
