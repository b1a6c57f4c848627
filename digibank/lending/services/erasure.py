"""What erasing a person (GDPR art. 17) means for their device requests and loans.

The rule: a person is erased only once their lending is over. Erasure is refused while a request
is open (submitted, eligible, waiting or reserved: see `OPEN_STATUSES`) or a device is still on
loan (`LoanStatus.ACTIVE`). A rejected or cancelled request is closed, and so is a handed-over
one; a gift, or a loan that became ownership, is over at the hand-over (status "owned"), and a
returned, lost or stolen device has ended its loan.

Then the closed requests and ended loans stay, for the statistics and the device history, but
anonymous: the link to the person is removed and every free text that could describe them is
blanked. What statistics need stays: dates, status, needs, kind, rule, partner, device and hub.
Registered with `digibank.people.erasure` at start-up (see `signals.connect`).
"""

from __future__ import annotations

import uuid

from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.devices.models import DeviceEvent
from digibank.devices.services import blank_event_notes
from digibank.lending.models import (
    Allocation,
    DeviceRequest,
    EligibilityDecision,
    EvidenceSeen,
    Loan,
    LoanStatus,
    WaitingListSkip,
)
from digibank.people.erasure import Erased
from digibank.people.models import Person

# The free text of each model that may say something about the resident.
REQUEST_TEXT = ("accessibility_needs", "household_note", "close_reason")
EVIDENCE_TEXT = ("note",)
DECISION_TEXT = ("reason",)
ALLOCATION_TEXT = ("end_reason",)
# The words for passing someone over may speak of either person: blanked when either is erased.
SKIP_TEXT = ("note",)
LOAN_TEXT = ("other_conditions", "owned_note", "return_note", "loss_note")


def refusal(requests: list[DeviceRequest], loans: list[Loan]) -> str:
    """Why the person cannot be erased yet, or "" when their lending is over."""
    reasons = []
    still_open = [request.reference_display for request in requests if request.is_open]
    if still_open:
        reasons.append(
            _(
                "This person still has an open device request (%(codes)s). Cancel it, or hand "
                "the device over, first."
            )
            % {"codes": ", ".join(still_open)}
        )
    on_loan = [loan.device.asset_tag for loan in loans if loan.status == LoanStatus.ACTIVE]
    if on_loan:
        reasons.append(
            _(
                "This person still has a device on loan (%(tags)s). Register its return first, "
                "or that it is lost or now theirs."
            )
            % {"tags": ", ".join(on_loan)}
        )
    return " ".join(reasons)


def _blank(rows: QuerySet, names: tuple[str, ...], **also: object) -> tuple[str, ...]:
    """Empty these text fields on every row; the names of those that held something."""
    held = tuple(name for name in names if rows.exclude(**{name: ""}).exists())
    rows.update(**dict.fromkeys(names, ""), **also)
    return held


def _erased(model: type[Model], rows: QuerySet, names: tuple[str, ...]) -> list[Erased]:
    if not rows.exists():
        return []
    return [Erased(model, _blank(rows, names))]


def anonymise_lending_of(person: Person) -> list[Erased]:
    """The erasure handler: refuse while lending is open, else anonymise the person's rows.

    Runs inside `delete_person`'s transaction; the rows stay locked until the person is gone, so
    no one reopens a request or hands a device over in between.
    """
    requests = list(DeviceRequest.objects.select_for_update().filter(person=person).order_by("pk"))
    loans = list(
        Loan.objects.select_for_update(of=("self",))
        .select_related("device")
        .filter(person=person)
        .order_by("pk")
    )
    reason = refusal(requests, loans)
    if reason:
        raise DomainError(reason)
    if not requests and not loans:
        return []
    key = uuid.uuid4()
    request_rows = DeviceRequest.objects.filter(pk__in=[request.pk for request in requests])
    loan_rows = Loan.objects.filter(pk__in=[loan.pk for loan in loans])
    erased = [
        *_erased(
            EvidenceSeen, EvidenceSeen.objects.filter(request__in=request_rows), EVIDENCE_TEXT
        ),
        *_erased(
            EligibilityDecision,
            EligibilityDecision.objects.filter(request__in=request_rows),
            DECISION_TEXT,
        ),
        *_erased(Allocation, Allocation.objects.filter(request__in=request_rows), ALLOCATION_TEXT),
        *_erased(
            WaitingListSkip,
            WaitingListSkip.objects.filter(
                Q(skipped__in=request_rows) | Q(allocation__request__in=request_rows)
            ),
            SKIP_TEXT,
        ),
    ]
    if requests:
        held = _blank(
            request_rows,
            REQUEST_TEXT,
            person=None,
            erased_person_key=key,
            updated_at=timezone.now(),
        )
        erased.append(Erased(DeviceRequest, ("person", *held)))
    if loans:
        erased.extend(_erased_device_notes(loans))
        held = _blank(loan_rows, LOAN_TEXT, person=None, erased_person_key=key)
        erased.append(Erased(Loan, ("person", *held)))
    return erased


def _erased_device_notes(loans: list[Loan]) -> list[Erased]:
    """The return and loss notes were copied into the device's history ("good; <note>"): the
    device bank takes the resident's words out of those lines (`blank_event_notes`)."""
    changed = 0
    for loan in loans:
        changed += blank_event_notes(
            device_id=loan.device_id,
            since=loan.handed_over_at,
            texts=(loan.return_note, loan.loss_note),
        )
    if not changed:
        return []
    return [Erased(DeviceEvent, ("note",))]
