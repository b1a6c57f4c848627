"""The state machine of a referral (see `digibank.core.states`).

    sent → accepted → in progress → done
    sent, accepted, in progress → declined

| from | to | permission |
|---|---|---|
| sent | accepted, declined | handle referrals |
| accepted | in progress, done, declined | handle referrals |
| in progress | done, declined | handle referrals |

A partner's referrer holds "handle referrals" for their own partner only (partner reach); the
service checks that reach before the machine moves the row. Done and declined are final.
"""

from __future__ import annotations

from collections.abc import Sequence

from digibank.core.states import Change, StateMachine, user_of
from digibank.help.models import Referral, ReferralEvent, ReferralStatus
from digibank.organisations.permissions import Perm

S = ReferralStatus
HANDLE = Perm.HANDLE_REFERRALS


def write_referral_events(changes: Sequence[Change]) -> None:
    ReferralEvent.objects.bulk_create(
        ReferralEvent(
            referral_id=change.pk,
            from_state=change.from_state,
            to_state=change.to_state,
            by=user_of(change.by),
        )
        for change in changes
    )


REFERRAL_STATES: StateMachine[Referral] = StateMachine(
    model=Referral,
    field="status",
    states=ReferralStatus,
    transitions={
        S.SENT: {S.ACCEPTED: HANDLE, S.DECLINED: HANDLE},
        S.ACCEPTED: {S.IN_PROGRESS: HANDLE, S.DONE: HANDLE, S.DECLINED: HANDLE},
        S.IN_PROGRESS: {S.DONE: HANDLE, S.DECLINED: HANDLE},
        S.DONE: {},
        S.DECLINED: {},
    },
    history=write_referral_events,
    error_field="status",
)
