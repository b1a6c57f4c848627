"""Builders for the lending tests: every row goes in through the real services."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone

from digibank.devices import journeys
from digibank.devices import services as device_services
from digibank.devices.models import (
    Accessory,
    Device,
    DeviceKind,
    DeviceState,
    Grade,
    KeyboardLayout,
)
from digibank.lending import services
from digibank.lending.models import (
    DeviceRequest,
    EligibilityRule,
    EvidenceKind,
    HandOverCheck,
    Loan,
    LoanKind,
    Need,
    Outcome,
    SkipReason,
)
from digibank.organisations import services as organisation_services
from digibank.organisations.permissions import SYSTEM
from digibank.people.models import Person
from digibank.testing import Bank, act

_serials = itertools.count(1)


def ready_device(
    bank: Bank, *, kind: str = DeviceKind.LAPTOP, grade: str = Grade.B, **fields: Any
) -> Device:
    """A device that went through intake, wiping and refurbishing: ready to hand out."""
    values: dict[str, Any] = {
        "brand": "Lenovo",
        "model": "ThinkPad T480",
        "serial": f"PF{next(_serials):06d}",
        "memory_gb": 8,
        "storage_gb": 256,
        "battery_health": 85,
        "keyboard_layout": KeyboardLayout.AZERTY_BE if kind == DeviceKind.LAPTOP else "",
        "accessories": [Accessory.CHARGER],
        "hub": bank.hub,
    }
    values.update(fields)
    device = device_services.register_device(
        digibank=bank.digibank,
        by=SYSTEM,
        kind=kind,
        media=journeys.storage_for(kind, values["storage_gb"]),
        **values,
    )
    return journeys.bring_to(
        device, DeviceState.READY, by=SYSTEM, technician=bank.users["technician"], grade=grade
    )


def allow_referrers_to_decide(bank: Bank, allowed: bool = True) -> None:
    """The coordinator's setting: a partner's referrer decides their own referrals too."""
    organisation_services.update_digibank(
        digibank=bank.digibank,
        by=act(bank.users["coordinator"]),
        referrers_decide_eligibility=allowed,
    )
    bank.digibank.refresh_from_db()


def rule(bank: Bank, code: str = "living_wage") -> EligibilityRule:
    return EligibilityRule.objects.get(digibank=bank.digibank, code=code)


def new_request(
    bank: Bank, *, person: Person | None = None, by_role: str = "coordinator", **fields: Any
) -> DeviceRequest:
    values: dict[str, Any] = {"needs": [Need.SCHOOL], "device_kind": DeviceKind.LAPTOP}
    values.update(fields)
    return services.submit_request(
        digibank=bank.digibank,
        person=person or bank.referred_person,
        by=act(bank.users[by_role]) if by_role else SYSTEM,
        **values,
    )


def make_eligible(
    bank: Bank,
    request: DeviceRequest,
    *,
    code: str = "living_wage",
    evidence: str = EvidenceKind.LIVING_WAGE,
    by_role: str = "coordinator",
) -> DeviceRequest:
    by = act(bank.users[by_role])
    services.record_evidence(request=request, by=by, kind=evidence)
    services.decide_eligibility(
        request=request, by=by, outcome=Outcome.ELIGIBLE, rule=rule(bank, code)
    )
    request.refresh_from_db()
    return request


def waiting_request(bank: Bank, **fields: Any) -> DeviceRequest:
    code = fields.pop("code", "living_wage")
    evidence = {
        "living_wage": EvidenceKind.LIVING_WAGE,
        "increased_allowance": EvidenceKind.HEALTH_INSURANCE,
        "debt_mediation": EvidenceKind.DEBT_MEDIATION,
        "job_seeker": EvidenceKind.EMPLOYMENT_REFERRAL,
        "pupil": EvidenceKind.SCHOOL_REFERRAL,
        "social_referral": EvidenceKind.SOCIAL_REFERRAL,
    }[code]
    return make_eligible(bank, new_request(bank, **fields), code=code, evidence=evidence)


# Given with every reservation the builders make: the world may already have someone earlier in
# line for the device, and a test about a loan is not about the waiting list's order.
PASSING_OVER: dict[str, Any] = {
    "skip_reason": SkipReason.URGENT,
    "skip_note": "Test: an urgent situation.",
}


def reserved_request(
    bank: Bank,
    device: Device | None = None,
    *,
    pickup_on: datetime.date | None = None,
    **fields: Any,
) -> DeviceRequest:
    request = waiting_request(bank, **fields)
    services.allocate(
        request=request,
        device=device or ready_device(bank),
        by=act(bank.users["coordinator"]),
        pickup_on=pickup_on,
        **PASSING_OVER,
    )
    request.refresh_from_db()
    return request


def every_check() -> list[str]:
    return [check.value for check in HandOverCheck]


def handed_over(
    bank: Bank,
    *,
    kind: str = LoanKind.LOAN,
    due_in_days: int = 180,
    conditions: tuple[str, ...] = (),
    device: Device | None = None,
    **fields: Any,
) -> Loan:
    request = reserved_request(bank, device=device, **fields)
    return services.hand_over(
        request=request,
        by=act(bank.users["hub_volunteer"]),
        kind=kind,
        due_date=timezone.localdate() + datetime.timedelta(days=due_in_days)
        if kind == LoanKind.LOAN
        else None,
        conditions=conditions,
        checklist=every_check(),
    )
