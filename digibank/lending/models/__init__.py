"""Device requests, eligibility, reservations and loans: from "I need a device" to its return.

One module per idea: `rules` (eligibility rules), `requests` (requests, proof seen, decisions),
`loans` (reservations, the regulation, loans), `conditions` (the conditions of a loan that are
met), `skips` (who a reservation passed over, and why) and `history` (their status changes).
Everything is re-exported here, so `from digibank.lending.models import Loan` keeps working and
the migrations do not change.

Statuses move only through the state machines of `digibank.lending.states`; the database itself
refuses a second active reservation of one device or of one request (partial unique constraints),
so two staff members acting at the same moment can never hand out one device twice.
"""

from digibank.lending.evidence import EvidenceKind
from digibank.lending.models.conditions import LoanConditionMet
from digibank.lending.models.history import AllocationEvent, LoanEvent, RequestEvent
from digibank.lending.models.loans import (
    AGREEMENT_LANGUAGE_CHOICES,
    AGREEMENT_LANGUAGES,
    Allocation,
    AllocationStatus,
    HandOverCheck,
    LendingRegulation,
    Loan,
    LoanCondition,
    LoanKind,
    LoanStatus,
)
from digibank.lending.models.requests import (
    OPEN_STATUSES,
    WANTED_KIND_CHOICES,
    WANTED_KINDS,
    DeviceRequest,
    EligibilityDecision,
    EvidenceSeen,
    Need,
    Outcome,
    RequestSource,
    RequestStatus,
    resident_name,
)
from digibank.lending.models.rules import EligibilityRule
from digibank.lending.models.skips import SkipReason, WaitingListSkip

__all__ = [
    "AGREEMENT_LANGUAGES",
    "AGREEMENT_LANGUAGE_CHOICES",
    "OPEN_STATUSES",
    "WANTED_KINDS",
    "WANTED_KIND_CHOICES",
    "Allocation",
    "AllocationEvent",
    "AllocationStatus",
    "DeviceRequest",
    "EligibilityDecision",
    "EligibilityRule",
    "EvidenceKind",
    "EvidenceSeen",
    "HandOverCheck",
    "LendingRegulation",
    "Loan",
    "LoanCondition",
    "LoanConditionMet",
    "LoanEvent",
    "LoanKind",
    "LoanStatus",
    "Need",
    "Outcome",
    "RequestEvent",
    "RequestSource",
    "RequestStatus",
    "SkipReason",
    "WaitingListSkip",
    "resident_name",
]
