"""The conditions of a loan, met one by one: by completing a module (the `module_completed` hook
of `people.hooks`, sent by skills), so a lent device can become the resident's own.

Which training meets which condition is lending's rule, kept here as a table: a completed module
at DigComp's foundation level (1 or 2: switching a device on, a smartphone's basics, e-mail, safe
surfing) is "the starter course". A module above it is further training, not the start.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.fields import max_length
from digibank.core.models import AuditAction
from digibank.lending.models import Loan, LoanCondition, LoanConditionMet, LoanStatus
from digibank.organisations.models import Digibank
from digibank.organisations.permissions import Access, Actor, SystemActor
from digibank.people.hooks import CompletedModule
from digibank.people.models import Person

TITLE_LENGTH = max_length(LoanConditionMet, "module_title")
FOUNDATION_LEVELS = (1, 2)

# A condition and the modules whose completion meets it.
MET_BY_MODULE: dict[str, Callable[[CompletedModule], bool]] = {
    LoanCondition.STARTER_COURSE: lambda module: module.level in FOUNDATION_LEVELS,
}


def conditions_met_by(module: CompletedModule) -> list[str]:
    """The loan conditions that completing `module` meets (table-tested)."""
    return [condition for condition, meets in MET_BY_MODULE.items() if meets(module)]


def _require_actor_in(by: Actor, digibank: Digibank) -> None:
    """The sender of the hook checked `by`'s permission to record the completion; lending only
    checks that `by` acts in the loan's digibank, and records the change as theirs."""
    if isinstance(by, SystemActor):
        return
    if not isinstance(by, Access):
        raise TypeError(f"by must be an Access or a SystemActor, not {type(by).__name__}")
    if by.digibank.pk != digibank.pk:
        raise PermissionDenied


@transaction.atomic
def meet_condition(
    *, loan: Loan, condition: str, module_title: str, by: Actor
) -> LoanConditionMet | None:
    """Record that the active loan's `condition` is met; None when it was met already.

    Only an active loan that has the condition changes: a returned or owned loan's conditions no
    longer matter, and a condition the loan does not list is not one to meet.
    """
    locked = Loan.objects.select_for_update().filter(pk=loan.pk).first()
    if locked is None:
        raise DomainError(_("This loan no longer exists."))
    _require_actor_in(by, locked.digibank)
    if locked.status != LoanStatus.ACTIVE:
        raise DomainError(
            _("This device is no longer on loan: it is %(status)s.")
            % {"status": LoanStatus(locked.status).label}
        )
    if condition not in locked.conditions:
        raise DomainError(_("This loan does not have that condition."))
    if LoanConditionMet.objects.filter(loan=locked, condition=condition).exists():
        return None
    try:
        with transaction.atomic():
            met = LoanConditionMet.objects.create(
                loan=locked,
                condition=condition,
                met_at=timezone.now(),
                by=by.user,
                module_title=module_title[:TITLE_LENGTH],
            )
    except IntegrityError:
        return None  # met at the same moment by another completion
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=met,
        digibank=locked.digibank,
        fields=["loan", "condition", "module_title"],
    )
    return met


def meet_conditions_by_training(
    *, person: Person, module: CompletedModule, digibank: Digibank, by: Actor
) -> list[LoanConditionMet]:
    """What completing `module` changes on `person`'s active loans: each condition it meets that
    a loan lists and that is not met yet (a person may have a laptop and a router on loan)."""
    conditions = conditions_met_by(module)
    if not conditions:
        return []
    loans = Loan.objects.filter(person=person, digibank=digibank, status=LoanStatus.ACTIVE)
    met: list[LoanConditionMet] = []
    for loan in loans.order_by("pk"):
        for condition in conditions:
            if condition in loan.conditions:
                row = meet_condition(
                    loan=loan, condition=condition, module_title=module.title, by=by
                )
                if row is not None:
                    met.append(row)
    return met
