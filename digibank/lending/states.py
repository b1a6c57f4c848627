"""The state machines of lending: a request, a reservation (allocation) and a loan.

Every status change goes through `<MACHINE>.transition` (see `digibank.core.states`): the row is
locked, the move checked against the table and the actor's permission, and kept in the history
(`RequestEvent`, `AllocationEvent`, `LoanEvent`) in the same transaction.

A request:

    submitted → eligible (no device chosen yet) ⇄ waiting → reserved → handed over
    submitted / eligible / waiting → not eligible → eligible / waiting (decided again)
    reserved → waiting (the reservation is released)
    every open or rejected request → cancelled

| from | to | permission |
|---|---|---|
| submitted, not eligible | eligible, waiting | decide eligibility |
| submitted, eligible, waiting | not eligible | decide eligibility |
| eligible | waiting (the device is chosen) | submit requests or decide eligibility |
| waiting | eligible (the device is unchosen) | submit requests or decide eligibility |
| waiting | reserved | allocate devices |
| reserved | waiting | allocate devices |
| reserved | handed over | hand over devices |
| submitted, eligible, waiting, not eligible | cancelled | submit requests |

A reservation: active → released (allocate devices) or handed over (hand over devices).

A loan (a gift starts as owned): active → returned, lost (hand over devices), or owned (allocate
devices: the resident met the conditions).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.utils.translation import gettext as _

from digibank.core.states import Change, StateHistory, StateMachine, user_of
from digibank.lending.models import (
    Allocation,
    AllocationEvent,
    AllocationStatus,
    DeviceRequest,
    Loan,
    LoanEvent,
    LoanStatus,
    RequestEvent,
    RequestStatus,
)
from digibank.organisations.permissions import Perm

R = RequestStatus
DECIDE = Perm.DECIDE_ELIGIBILITY
SUBMIT = Perm.SUBMIT_REQUESTS
ALLOCATE = Perm.ALLOCATE_DEVICES
HAND_OVER = Perm.HAND_OVER_DEVICES
CHOOSING_THE_DEVICE = frozenset({SUBMIT, DECIDE})


def _history(model: type[StateHistory], key: str) -> Callable[[Sequence[Change]], None]:
    """A writer of history rows of `model`, whose foreign key to the changed row is `key`."""

    def write(changes: Sequence[Change]) -> None:
        model._default_manager.bulk_create(
            model(
                **{f"{key}_id": change.pk},
                from_state=change.from_state,
                to_state=change.to_state,
                by=user_of(change.by),
            )
            for change in changes
        )

    return write


def request_served_message(request: DeviceRequest) -> str:
    return _(
        "Request %(reference)s already has a device reserved or handed over. "
        "Someone else was quicker."
    ) % {"reference": request.reference_display}


def _request_refusal(request: DeviceRequest, to: str) -> str | None:
    """The reason a move outside the table is refused, in the words of the action tried."""
    status = RequestStatus(request.status)
    if to == R.RESERVED:
        if status in {R.RESERVED, R.HANDED_OVER}:
            return request_served_message(request)
        if status == R.ELIGIBLE:
            return _(
                "Choose which device the request is for first; then it joins the waiting list."
            )
        return _("Only a request on the waiting list can get a device. This one is %(status)s.") % {
            "status": status.label
        }
    if to == R.HANDED_OVER:
        if status == R.HANDED_OVER:
            return _("This device was already handed over.")
        return _("Reserve a device for this request first.")
    if to == R.CANCELLED:
        if status == R.RESERVED:
            return _("A device is reserved for this request. Release it first.")
        return _("This request is %(status)s: it cannot be cancelled.") % {"status": status.label}
    return _("This request is %(status)s: its eligibility can no longer change.") % {
        "status": status.label
    }


REQUEST_STATES = StateMachine(
    model=DeviceRequest,
    field="status",
    states=RequestStatus,
    transitions={
        R.SUBMITTED: {
            R.ELIGIBLE: DECIDE,
            R.WAITING: DECIDE,
            R.REJECTED: DECIDE,
            R.CANCELLED: SUBMIT,
        },
        R.ELIGIBLE: {R.WAITING: CHOOSING_THE_DEVICE, R.REJECTED: DECIDE, R.CANCELLED: SUBMIT},
        R.WAITING: {
            R.ELIGIBLE: CHOOSING_THE_DEVICE,
            R.REJECTED: DECIDE,
            R.RESERVED: ALLOCATE,
            R.CANCELLED: SUBMIT,
        },
        R.REJECTED: {R.ELIGIBLE: DECIDE, R.WAITING: DECIDE, R.CANCELLED: SUBMIT},
        R.RESERVED: {R.WAITING: ALLOCATE, R.HANDED_OVER: HAND_OVER},
        R.HANDED_OVER: {},
        R.CANCELLED: {},
    },
    refusal=_request_refusal,
    changed_at="status_changed_at",
    history=_history(RequestEvent, "request"),
)

A = AllocationStatus
ALLOCATION_STATES = StateMachine(
    model=Allocation,
    field="status",
    states=AllocationStatus,
    transitions={
        A.ACTIVE: {A.RELEASED: ALLOCATE, A.HANDED_OVER: HAND_OVER},
        A.RELEASED: {},
        A.HANDED_OVER: {},
    },
    refusal=lambda allocation, to: _("No device is reserved for this request."),
    history=_history(AllocationEvent, "allocation"),
)

L = LoanStatus
LOAN_STATES = StateMachine(
    model=Loan,
    field="status",
    states=LoanStatus,
    transitions={
        L.ACTIVE: {L.RETURNED: HAND_OVER, L.LOST: HAND_OVER, L.OWNED: ALLOCATE},
        L.RETURNED: {},
        L.OWNED: {},
        L.LOST: {},
    },
    refusal=lambda loan, to: (
        _("This device is no longer on loan: it is %(status)s.")
        % {"status": LoanStatus(loan.status).label}
    ),
    history=_history(LoanEvent, "loan"),
)
