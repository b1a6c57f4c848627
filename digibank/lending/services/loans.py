"""Handing a device over (a loan or a gift), and what happens after: a longer loan, ownership,
its return, or its loss."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.fields import max_length
from digibank.core.models import AuditAction
from digibank.devices.models import Accessory, Condition
from digibank.devices.services.states import check_in_device, hand_over_device, mark_lost
from digibank.lending import notify
from digibank.lending.models import (
    AGREEMENT_LANGUAGES,
    Allocation,
    AllocationStatus,
    DeviceRequest,
    HandOverCheck,
    Loan,
    LoanCondition,
    LoanKind,
    LoanStatus,
    RequestStatus,
)
from digibank.lending.services.common import (
    can_of,
    checked_choices,
    checked_text,
    clean_text,
    lock_request,
    person_of,
    refresh_from,
    require_access,
)
from digibank.lending.services.regulation import current_regulation
from digibank.lending.states import ALLOCATION_STATES, LOAN_STATES, REQUEST_STATES
from digibank.organisations.permissions import Actor, Perm
from digibank.people.snapshot import figures_of

if TYPE_CHECKING:
    pass

MAX_LOAN_DAYS = 3 * 366
OTHER_CONDITIONS_LENGTH = max_length(Loan, "other_conditions")
NOTE_LENGTH = max_length(Loan, "return_note")


def agreement_language_for(language: str | None) -> str:
    """The agreement is written in Dutch, French or English; any other language gets Dutch."""
    return language if language in AGREEMENT_LANGUAGES else AGREEMENT_LANGUAGES[0].value


def check_due_date(due_date: datetime.date | None, today: datetime.date) -> datetime.date:
    if due_date is None:
        raise DomainError(_("Enter the date the device must be back."), field="due_date")
    if due_date <= today:
        raise DomainError(_("The date to bring it back must be after today."), field="due_date")
    if (due_date - today).days > MAX_LOAN_DAYS:
        raise DomainError(
            _("A loan lasts at most 3 years. Choose an earlier date, or give the device."),
            field="due_date",
        )
    return due_date


def check_terms(
    *,
    kind: str,
    due_date: datetime.date | None,
    conditions: Iterable[str],
    other_conditions: str,
    today: datetime.date,
) -> dict:
    """The loan terms, checked: shared by the hand-over and the agreement shown before it."""
    if kind not in LoanKind.values:
        raise DomainError(_("Choose a loan or a gift."), field="kind")
    chosen = checked_choices(
        conditions,
        LoanCondition.values,
        field="conditions",
        message=_("Choose conditions from the list."),
    )
    other = checked_text(other_conditions, limit=OTHER_CONDITIONS_LENGTH, field="other_conditions")
    if kind == LoanKind.GIFT:
        if chosen or other:
            raise DomainError(
                _("A gift has no conditions. Choose a loan if there are conditions."),
                field="conditions",
            )
        return {"kind": LoanKind.GIFT, "due_date": None, "conditions": [], "other_conditions": ""}
    return {
        "kind": LoanKind.LOAN,
        "due_date": check_due_date(due_date, today),
        "conditions": chosen,
        "other_conditions": other,
    }


def _lock_loan(loan: Loan) -> Loan:
    locked = Loan.objects.select_for_update().filter(pk=loan.pk).first()
    if locked is None:
        raise DomainError(_("This loan no longer exists."))
    return locked


def _refresh_loan(target: Loan, source: Loan) -> None:
    for field in Loan._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


@transaction.atomic
def hand_over(
    *,
    request: DeviceRequest,
    by: Actor,
    kind: str,
    due_date: datetime.date | None = None,
    conditions: Iterable[str] = (),
    other_conditions: str = "",
    checklist: Iterable[str] = (),
    language: str | None = None,
) -> Loan:
    """The resident gets the reserved device, on loan until `due_date` or as a gift.

    Every point of the hand-over checklist must be done, the agreement signed among them. The loan
    keeps the regulation version and the language the agreement was signed in.
    """
    locked = lock_request(request)
    access = require_access(by, locked.digibank, Perm.HAND_OVER_DEVICES)
    REQUEST_STATES.check(locked, RequestStatus.HANDED_OVER, can=can_of(access))
    allocation = (
        Allocation.objects.select_for_update()
        .filter(request=locked, status=AllocationStatus.ACTIVE)
        .first()
    )
    if allocation is None:
        raise DomainError(_("Reserve a device for this request first."))
    today = timezone.localdate()
    terms = check_terms(
        kind=kind,
        due_date=due_date,
        conditions=conditions,
        other_conditions=other_conditions,
        today=today,
    )
    done = checked_choices(
        checklist,
        HandOverCheck.values,
        field="checklist",
        message=_("Choose checklist points from the list."),
    )
    missing = [check for check in HandOverCheck if check.value not in done]
    if missing:
        raise DomainError(
            _("Do every point of the checklist before handing over. Still to do: %(points)s.")
            % {"points": "; ".join(str(check.label) for check in missing)},
            field="checklist",
        )
    regulation = current_regulation(locked.digibank)
    if regulation is None:
        raise DomainError(_("The coordinator must publish a lending regulation first."))
    person = person_of(locked)
    gift = terms["kind"] == LoanKind.GIFT
    hand_over_device(
        device=allocation.device,
        by=by,
        gift=gift,
        note=_("Handed over for request %(reference)s.") % {"reference": locked.reference_display},
    )
    now = timezone.now()
    ALLOCATION_STATES.transition(
        allocation,
        AllocationStatus.HANDED_OVER,
        by=by,
        can=can_of(access),
        also={"ended_by": by.user, "ended_at": now},
    )
    REQUEST_STATES.transition(locked, RequestStatus.HANDED_OVER, by=by, can=can_of(access))
    loan = Loan.objects.create(
        digibank=locked.digibank,
        request=locked,
        allocation=allocation,
        device=allocation.device,
        person=person,
        hub=allocation.hub,
        status=LoanStatus.OWNED if gift else LoanStatus.ACTIVE,
        owned_at=now if gift else None,
        checklist=done,
        regulation=regulation,
        agreement_language=agreement_language_for(language or person.preferred_language),
        handed_over_by=by.user,
        handed_over_at=now,
        **figures_of(person).fields(),
        **terms,
    )
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=loan,
        digibank=locked.digibank,
        fields=[
            "person",
            "device",
            "kind",
            "checklist",
            "regulation",
            *[name for name in ("due_date", "conditions", "other_conditions") if terms[name]],
        ],
    )
    refresh_from(request, locked)
    return loan


def _require_active_loan(loan: Loan) -> None:
    if loan.status != LoanStatus.ACTIVE:
        raise DomainError(
            _("This device is no longer on loan: it is %(status)s.")
            % {"status": LoanStatus(loan.status).label}
        )


@transaction.atomic
def extend_loan(*, loan: Loan, by: Actor, due_date: datetime.date | None) -> Loan:
    locked = _lock_loan(loan)
    require_access(by, locked.digibank, Perm.HAND_OVER_DEVICES)
    _require_active_loan(locked)
    new_date = check_due_date(due_date, timezone.localdate())
    if locked.due_date is not None and new_date <= locked.due_date:
        raise DomainError(
            _("Choose a date after the current one (%(date)s).")
            % {"date": locked.due_date.strftime("%d/%m/%Y")},
            field="due_date",
        )
    locked.due_date = new_date
    locked.save(update_fields=["due_date"])
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=locked,
        digibank=locked.digibank,
        fields=["due_date"],
    )
    _refresh_loan(loan, locked)
    return locked


@transaction.atomic
def convert_to_ownership(*, loan: Loan, by: Actor, conditions_met: bool, note: str = "") -> Loan:
    """The resident met the loan's conditions: the device becomes theirs."""
    locked = _lock_loan(loan)
    access = require_access(by, locked.digibank, Perm.ALLOCATE_DEVICES)
    LOAN_STATES.check(locked, LoanStatus.OWNED, can=can_of(access))
    if locked.has_conditions and not conditions_met:
        raise DomainError(
            _("Confirm that the resident met the conditions of the loan."), field="conditions_met"
        )
    note = checked_text(note, limit=NOTE_LENGTH, field="note")
    hand_over_device(
        device=locked.device,
        by=by,
        gift=True,
        note=_("The loan became ownership."),
    )
    LOAN_STATES.transition(
        locked,
        LoanStatus.OWNED,
        by=by,
        can=can_of(access),
        also={"owned_at": timezone.now(), "owned_note": note, "ended_by": by.user},
    )
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=locked,
        digibank=locked.digibank,
        fields=["status", "owned_at", "ended_by", *(["owned_note"] if note else [])],
    )
    _refresh_loan(loan, locked)
    return locked


@transaction.atomic
def register_return(
    *,
    loan: Loan,
    by: Actor,
    condition: str,
    missing_accessories: Iterable[str] = (),
    note: str = "",
) -> Loan:
    """The device comes back: its condition and what is missing are noted; it goes to wiping."""
    locked = _lock_loan(loan)
    access = require_access(by, locked.digibank, Perm.HAND_OVER_DEVICES)
    LOAN_STATES.check(locked, LoanStatus.RETURNED, can=can_of(access))
    if clean_text(condition) not in Condition.values:
        raise DomainError(_("Choose the condition of the device."), field="condition")
    missing = checked_choices(
        missing_accessories,
        Accessory.values,
        field="missing_accessories",
        message=_("Choose accessories from the list."),
    )
    note = checked_text(note, limit=NOTE_LENGTH, field="note")
    check_in_device(
        device=locked.device,
        by=by,
        condition=clean_text(condition),
        missing_accessories=missing,
        note=note,
    )
    LOAN_STATES.transition(
        locked,
        LoanStatus.RETURNED,
        by=by,
        can=can_of(access),
        also={
            "returned_at": timezone.now(),
            "received_by": by.user,
            "return_condition": clean_text(condition),
            "missing_accessories": missing,
            "return_note": note,
            "ended_by": by.user,
        },
    )
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=locked,
        digibank=locked.digibank,
        fields=[
            "status",
            "returned_at",
            "received_by",
            "return_condition",
            *(["missing_accessories"] if missing else []),
            *(["return_note"] if note else []),
        ],
    )
    _refresh_loan(loan, locked)
    notify.return_received_sent(locked)
    return locked


@transaction.atomic
def register_loss(*, loan: Loan, by: Actor, stolen: bool, note: str = "") -> Loan:
    """The device on loan is lost or stolen."""
    locked = _lock_loan(loan)
    access = require_access(by, locked.digibank, Perm.HAND_OVER_DEVICES)
    LOAN_STATES.check(locked, LoanStatus.LOST, can=can_of(access))
    note = checked_text(note, limit=NOTE_LENGTH, field="note")
    mark_lost(device=locked.device, by=by, stolen=stolen, note=note)
    LOAN_STATES.transition(
        locked,
        LoanStatus.LOST,
        by=by,
        can=can_of(access),
        also={"lost_at": timezone.now(), "stolen": stolen, "loss_note": note, "ended_by": by.user},
    )
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=locked,
        digibank=locked.digibank,
        fields=["status", "lost_at", "stolen", *(["loss_note"] if note else [])],
    )
    _refresh_loan(loan, locked)
    return locked
