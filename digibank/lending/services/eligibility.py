"""Who may get a device: the digibank's rules, the proof staff saw, and the decision."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.fields import max_length
from digibank.core.models import AuditAction
from digibank.lending import notify
from digibank.lending.defaults import DEFAULT_RULES
from digibank.lending.models import (
    DeviceRequest,
    EligibilityDecision,
    EligibilityRule,
    EvidenceKind,
    EvidenceSeen,
    Outcome,
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
    require_person_in_scope,
)
from digibank.lending.states import REQUEST_STATES
from digibank.organisations.models import Digibank
from digibank.organisations.permissions import Actor, Perm

if TYPE_CHECKING:
    pass

NAME_LENGTH = max_length(EligibilityRule, "name")
DESCRIPTION_LENGTH = max_length(EligibilityRule, "description")
NOTE_LENGTH = max_length(EvidenceSeen, "note")
DECISION_REASON_LENGTH = max_length(EligibilityDecision, "reason")
MAX_PRIORITY = 9
# A decision can be made, or made again, while the table lets the request be found eligible or
# not (no device reserved or handed over yet); deciding again may leave the status as it is.
DECIDABLE = frozenset(
    status
    for status in RequestStatus
    if REQUEST_STATES.allows(status, RequestStatus.ELIGIBLE)
    or REQUEST_STATES.allows(status, RequestStatus.REJECTED)
)


def ensure_default_rules(digibank: Digibank) -> None:
    """Give a digibank the standard rules it does not have yet (by code)."""
    existing = set(EligibilityRule.objects.filter(digibank=digibank).values_list("code", flat=True))
    EligibilityRule.objects.bulk_create(
        [
            EligibilityRule(
                digibank=digibank,
                code=rule.code,
                priority=rule.priority,
                evidence_kinds=list(rule.evidence_kinds),
            )
            for rule in DEFAULT_RULES
            if rule.code not in existing
        ]
    )


def _rule_values(values: dict[str, Any], *, default_rule: bool) -> dict[str, Any]:
    name = checked_text(values["name"], limit=NAME_LENGTH, field="name")
    if not name and not default_rule:
        raise DomainError(_("Enter a name for the rule."), field="name")
    priority = values["priority"]
    if not isinstance(priority, int) or not 1 <= priority <= MAX_PRIORITY:
        raise DomainError(
            _("Enter a priority from 1 to %(max)d.") % {"max": MAX_PRIORITY}, field="priority"
        )
    evidence = checked_choices(
        values["evidence_kinds"],
        EvidenceKind.values,
        field="evidence_kinds",
        message=_("Choose proof from the list."),
    )
    if not evidence:
        raise DomainError(_("Choose at least one proof this rule accepts."), field="evidence_kinds")
    return {
        "name": name,
        "description": checked_text(
            values["description"], limit=DESCRIPTION_LENGTH, field="description"
        ),
        "priority": priority,
        "evidence_kinds": evidence,
        "active": bool(values["active"]),
    }


@transaction.atomic
def add_rule(
    *,
    digibank: Digibank,
    by: Actor,
    name: str,
    priority: int,
    evidence_kinds: Iterable[str],
    description: str = "",
    active: bool = True,
) -> EligibilityRule:
    require_access(by, digibank, Perm.MANAGE_SETTINGS)
    data = _rule_values(
        {
            "name": name,
            "description": description,
            "priority": priority,
            "evidence_kinds": evidence_kinds,
            "active": active,
        },
        default_rule=False,
    )
    if EligibilityRule.objects.filter(digibank=digibank, name__iexact=data["name"]).exists():
        raise DomainError(_("There is already a rule with this name."), field="name")
    base = slugify(data["name"])[:30].strip("-") or "rule"
    taken = set(
        EligibilityRule.objects.filter(digibank=digibank, code__startswith=base).values_list(
            "code", flat=True
        )
    )
    code, number = base, 1
    while code in taken:
        number += 1
        code = f"{base}-{number}"
    rule = EligibilityRule.objects.create(digibank=digibank, code=code, **data)
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=rule,
        digibank=digibank,
        fields=["code", *[name for name, value in data.items() if value not in ("", [])]],
    )
    return rule


@transaction.atomic
def update_rule(*, rule: EligibilityRule, by: Actor, **fields: Any) -> EligibilityRule:
    """Change a rule; a rule in use is never deleted, only switched off (`active=False`)."""
    names = ("name", "description", "priority", "evidence_kinds", "active")
    unknown = set(fields) - set(names)
    if unknown:
        raise TypeError(f"update_rule() cannot change {', '.join(sorted(unknown))}")
    locked = EligibilityRule.objects.select_for_update().get(pk=rule.pk)
    require_access(by, locked.digibank, Perm.MANAGE_SETTINGS)
    current = {name: getattr(locked, name) for name in names}
    data = _rule_values({**current, **fields}, default_rule=is_default_rule(locked))
    if (
        data["name"]
        and EligibilityRule.objects.filter(digibank=locked.digibank, name__iexact=data["name"])
        .exclude(pk=locked.pk)
        .exists()
    ):
        raise DomainError(_("There is already a rule with this name."), field="name")
    changed = [name for name in names if data[name] != current[name]]
    for name in changed:
        setattr(locked, name, data[name])
    if changed:
        locked.save(update_fields=changed)
        audit.record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=locked,
            digibank=locked.digibank,
            fields=changed,
        )
    for name in names:
        setattr(rule, name, getattr(locked, name))
    return locked


def is_default_rule(rule: EligibilityRule) -> bool:
    """True for one of the standard rules, which may keep its standard (translated) name."""
    return any(default.code == rule.code for default in DEFAULT_RULES)


@transaction.atomic
def record_evidence(
    *, request: DeviceRequest, by: Actor, kind: str, note: str = ""
) -> EvidenceSeen:
    """Note that `by` saw a proof of this kind. The document itself is never kept.

    Seeing the proof is not deciding (`decide_eligibility`): the hub volunteer at the desk and a
    partner's referrer may record it, the coordinator then decides (docs/roles.md).
    """
    locked = lock_request(request)
    access = require_access(by, locked.digibank, Perm.RECORD_EVIDENCE)
    require_person_in_scope(access, person_of(locked), Perm.RECORD_EVIDENCE)
    if locked.status not in DECIDABLE:
        raise DomainError(_("The decision on this request is final: no more proof is needed."))
    if clean_text(kind) not in EvidenceKind.values:
        raise DomainError(_("Choose which proof you saw."), field="kind")
    evidence = EvidenceSeen.objects.create(
        request=locked,
        kind=EvidenceKind(clean_text(kind)),
        note=checked_text(note, limit=NOTE_LENGTH, field="note"),
        seen_by=by.user,
        seen_at=timezone.now(),
    )
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=evidence,
        digibank=locked.digibank,
        fields=["kind", "seen_by", "seen_at", *(["note"] if evidence.note else [])],
    )
    return evidence


@transaction.atomic
def decide_eligibility(
    *,
    request: DeviceRequest,
    by: Actor,
    outcome: str,
    rule: EligibilityRule | None = None,
    reason: str = "",
) -> EligibilityDecision:
    """Decide whether the request may get a device, naming the rule that applies.

    A positive decision needs a proof the rule accepts, seen and recorded before. The request then
    joins the waiting list (or waits for its device to be chosen, when that is still open).
    """
    locked = lock_request(request)
    access = require_access(by, locked.digibank, Perm.DECIDE_ELIGIBILITY)
    require_person_in_scope(access, person_of(locked), Perm.DECIDE_ELIGIBILITY)
    if locked.status not in DECIDABLE:
        raise DomainError(
            _("This request is %(status)s: its eligibility can no longer change.")
            % {"status": RequestStatus(locked.status).label}
        )
    reason = checked_text(reason, limit=DECISION_REASON_LENGTH, field="reason")
    if outcome == Outcome.ELIGIBLE:
        if rule is None:
            raise DomainError(_("Choose the rule that applies."), field="rule")
        rule = EligibilityRule.objects.filter(pk=rule.pk, digibank=locked.digibank).first()
        if rule is None:
            raise DomainError(_("Choose a rule of this digibank."), field="rule")
        if not rule.active:
            raise DomainError(
                _("The rule “%(rule)s” is switched off. Choose another rule.")
                % {"rule": rule.label},
                field="rule",
            )
        seen = set(locked.evidence.values_list("kind", flat=True))
        if not seen & set(rule.evidence_kinds):
            accepted = ", ".join(rule.get_evidence_kinds_display())
            raise DomainError(
                _("Record the proof you saw first. The rule “%(rule)s” accepts: %(proof)s.")
                % {"rule": rule.label, "proof": accepted},
                field="rule",
            )
        # On the waiting list once the device is chosen; eligible, waiting for that, before.
        to = RequestStatus.WAITING if locked.device_kind else RequestStatus.ELIGIBLE
    elif outcome == Outcome.NOT_ELIGIBLE:
        if not reason:
            raise DomainError(
                _("Write down why the request is not eligible. The resident may ask."),
                field="reason",
            )
        rule = None
        to = RequestStatus.REJECTED
    else:
        raise DomainError(_("Choose a decision."), field="outcome")
    if locked.status == to:
        # Decided again, to the same status: only the rule may change.
        locked.eligibility_rule = rule
        locked.save(update_fields=["eligibility_rule", "updated_at"])
    else:
        REQUEST_STATES.transition(
            locked, to, by=by, can=can_of(access), also={"eligibility_rule": rule}
        )
    decision = EligibilityDecision.objects.create(
        request=locked,
        outcome=Outcome(outcome),
        rule=rule,
        reason=reason,
        decided_by=by.user,
        decided_at=timezone.now(),
    )
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=decision,
        digibank=locked.digibank,
        fields=[
            "outcome",
            "decided_by",
            *(["rule"] if rule else []),
            *(["reason"] if reason else []),
        ],
    )
    refresh_from(request, locked)
    notify.decision_sent(locked, eligible=outcome == Outcome.ELIGIBLE, decision_id=decision.pk)
    return decision
