"""Every write about device requests and loans.

Each function checks what `by` may do in the digibank, runs in one transaction, locks the rows two
staff members could change at once, records an audit entry (field names only) and raises a
`DomainError` with a message that can be shown next to the field it names. `by` is the actor's
`Access`, `PUBLIC` (the resident on the public pages) or `SYSTEM` (demo data, tasks), never `None`.
"""

from digibank.lending.services.allocation import active_allocation, allocate, release
from digibank.lending.services.conditions import meet_condition, meet_conditions_by_training
from digibank.lending.services.eligibility import (
    add_rule,
    decide_eligibility,
    ensure_default_rules,
    record_evidence,
    update_rule,
)
from digibank.lending.services.loans import (
    agreement_language_for,
    check_terms,
    convert_to_ownership,
    extend_loan,
    hand_over,
    register_loss,
    register_return,
)
from digibank.lending.services.regulation import (
    current_regulation,
    ensure_default_regulation,
    publish_regulation,
)
from digibank.lending.services.requests import (
    cancel_request,
    submit_public_request,
    submit_request,
    update_request,
)
from digibank.organisations.models import Digibank


def ensure_defaults(digibank: Digibank) -> None:
    """What a new digibank starts with: the standard eligibility rules and regulation."""
    ensure_default_rules(digibank)
    ensure_default_regulation(digibank)


__all__ = [
    "active_allocation",
    "add_rule",
    "agreement_language_for",
    "allocate",
    "cancel_request",
    "check_terms",
    "convert_to_ownership",
    "current_regulation",
    "decide_eligibility",
    "ensure_default_regulation",
    "ensure_default_rules",
    "ensure_defaults",
    "extend_loan",
    "hand_over",
    "meet_condition",
    "meet_conditions_by_training",
    "publish_regulation",
    "record_evidence",
    "register_loss",
    "register_return",
    "release",
    "submit_public_request",
    "submit_request",
    "update_request",
    "update_rule",
]
