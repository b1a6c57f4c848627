"""The plan's lifecycle: open until its first follow-up, then followed up, until closed."""

from __future__ import annotations

from collections.abc import Sequence

from digibank.core.states import Change, StateMachine, user_of
from digibank.organisations.permissions import Perm
from digibank.plans.models import PersonalPlan, PlanEvent, PlanStatus

P = PlanStatus
MANAGE = Perm.MANAGE_PLANS


def _write_history(changes: Sequence[Change]) -> None:
    PlanEvent.objects.bulk_create(
        PlanEvent(
            plan_id=change.pk,
            from_state=change.from_state,
            to_state=change.to_state,
            by=user_of(change.by),
        )
        for change in changes
    )


PLAN_STATES = StateMachine(
    model=PersonalPlan,
    field="status",
    states=PlanStatus,
    transitions={
        P.OPEN: {P.FOLLOWED_UP: MANAGE, P.CLOSED: MANAGE},
        P.FOLLOWED_UP: {P.CLOSED: MANAGE},
        P.CLOSED: {},
    },
    history=_write_history,
)
