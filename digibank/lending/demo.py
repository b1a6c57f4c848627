"""Demo requests and loans for one digibank, made through the real services.

Requests in every status (submitted, eligible, not eligible, waiting, reserved, handed over,
cancelled) and loans active, overdue, returned, owned and lost. The devices they get are registered,
wiped and refurbished through the device services first. Time is the only thing set directly:
requests are backdated so the waiting list shows real waiting times, and a few loans get a due date
in the past so the overdue list has something to show.
"""

from __future__ import annotations

import datetime
import functools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from digibank.core.models import User
from digibank.devices import journeys
from digibank.devices import services as device_services
from digibank.devices.models import Accessory, Condition, Device, DeviceKind, DeviceState, Grade
from digibank.lending import services
from digibank.lending.models import (
    DeviceRequest,
    EligibilityRule,
    EvidenceKind,
    HandOverCheck,
    Loan,
    LoanCondition,
    LoanKind,
    Need,
    Outcome,
)
from digibank.organisations.models import Digibank, Role
from digibank.organisations.permissions import SYSTEM, acting
from digibank.people.models import Person

# (brand, model, memory GB, storage GB) of the laptops companies give most.
LAPTOPS = [
    ("Lenovo", "ThinkPad T480", 8, 256),
    ("Dell", "Latitude 5490", 8, 256),
    ("HP", "EliteBook 840 G5", 16, 512),
    ("Lenovo", "ThinkPad L390", 8, 128),
    ("Dell", "Latitude 7390", 8, 256),
    ("HP", "ProBook 450 G6", 8, 256),
]
TABLETS = [("Samsung", "Galaxy Tab A8", 3, 32), ("Apple", "iPad (2019)", 3, 32)]
PHONES = [("Samsung", "Galaxy A52", 6, 128), ("Google", "Pixel 6a", 6, 128)]
EVIDENCE_FOR = {
    "increased_allowance": EvidenceKind.HEALTH_INSURANCE,
    "living_wage": EvidenceKind.LIVING_WAGE,
    "debt_mediation": EvidenceKind.DEBT_MEDIATION,
    "job_seeker": EvidenceKind.EMPLOYMENT_REFERRAL,
    "pupil": EvidenceKind.SCHOOL_REFERRAL,
    "social_referral": EvidenceKind.SOCIAL_REFERRAL,
}


@dataclass
class LendingDemo:
    requests: list[DeviceRequest] = field(default_factory=list)
    loans: list[Loan] = field(default_factory=list)


def _device(
    digibank: Digibank, rng: random.Random, kind: str, technician: User, serial: int
) -> Device:
    models: dict[str, list[tuple[str, str, int, int]]] = {
        DeviceKind.LAPTOP: LAPTOPS,
        DeviceKind.TABLET: TABLETS,
    }
    brand, model, memory, storage = rng.choice(models.get(kind, PHONES))
    accessories = [Accessory.CHARGER]
    if kind == DeviceKind.LAPTOP and rng.random() < 0.5:
        accessories.append(Accessory.MOUSE)
    if rng.random() < 0.3:
        accessories.append(Accessory.HEADSET)
    device = device_services.register_device(
        digibank=digibank,
        by=SYSTEM,
        kind=kind,
        brand=brand,
        model=model,
        serial=f"DEMO{digibank.pk:02d}{serial:05d}",
        memory_gb=memory,
        storage_gb=storage,
        battery_health=rng.randint(70, 98),
        keyboard_layout="azerty_be" if kind == DeviceKind.LAPTOP else "",
        accessories=accessories,
        hub=digibank.hubs.filter(active=True).order_by("name").first(),
        media=journeys.storage_for(kind, storage),
    )
    grade = rng.choice([Grade.A, Grade.B, Grade.B, Grade.C])
    return journeys.bring_to(
        device, DeviceState.READY, by=SYSTEM, technician=technician, grade=grade
    )


def _backdate(request: DeviceRequest, days: int) -> None:
    when = timezone.now() - datetime.timedelta(days=days, hours=days % 7)
    DeviceRequest.objects.filter(pk=request.pk).update(submitted_at=when, status_changed_at=when)
    request.submitted_at = when


def build_demo(
    *,
    digibank: Digibank,
    rng: random.Random,
    users: dict[str, User],
    people: Sequence[Person],
) -> LendingDemo:
    """Requests in every status and loans active, overdue, returned, owned and lost."""
    coordinator = users[Role.COORDINATOR]
    actor = functools.cache(functools.partial(acting, digibank=digibank))
    volunteer = users.get(Role.HUB_VOLUNTEER, coordinator)
    technician = users.get(Role.TECHNICIAN, coordinator)
    referrer = users.get(Role.REFERRER)
    referrer_partners = set()
    if referrer is not None:
        referrer_partners = set(
            referrer.memberships.filter(digibank=digibank, role=Role.REFERRER).values_list(
                "partner_id", flat=True
            )
        )
    pool = list(people)
    rng.shuffle(pool)
    rules = {rule.code: rule for rule in EligibilityRule.objects.filter(digibank=digibank)}
    demo = LendingDemo()
    serials = iter(range(1, 10_000))

    def ask(days_ago: int, **fields: Any) -> DeviceRequest:
        person = pool.pop()
        by = coordinator
        if referrer is not None and person.referrer_partner_id in referrer_partners:
            by = referrer
        values: dict[str, Any] = {
            "needs": rng.sample(list(Need.values), k=rng.randint(1, 2)),
            "device_kind": rng.choice([DeviceKind.LAPTOP] * 4 + [DeviceKind.TABLET]),
            **fields,
        }
        request = services.submit_request(
            digibank=digibank,
            person=person,
            by=actor(by if rng.random() < 0.8 else volunteer),
            **values,
        )
        _backdate(request, days_ago)
        demo.requests.append(request)
        return request

    def eligible(request: DeviceRequest, code: str) -> DeviceRequest:
        services.record_evidence(request=request, by=actor(coordinator), kind=EVIDENCE_FOR[code])
        services.decide_eligibility(
            request=request, by=actor(coordinator), outcome=Outcome.ELIGIBLE, rule=rules[code]
        )
        return request

    def reserve(request: DeviceRequest) -> None:
        device = _device(
            digibank, rng, request.device_kind or DeviceKind.LAPTOP, technician, next(serials)
        )
        services.allocate(request=request, device=device, by=actor(coordinator))

    def hand_over(request: DeviceRequest, kind: str = LoanKind.LOAN, **terms: Any) -> Loan:
        reserve(request)
        loan = services.hand_over(
            request=request,
            by=actor(volunteer),
            kind=kind,
            due_date=timezone.localdate() + datetime.timedelta(days=terms.pop("days", 365))
            if kind == LoanKind.LOAN
            else None,
            checklist=[check.value for check in HandOverCheck],
            **terms,
        )
        demo.loans.append(loan)
        return loan

    # Submitted: waiting for someone to see the proof.
    for days in (1, 2, 6):
        ask(days)
    # Eligible, the device still to choose with the resident.
    eligible(ask(9, device_kind=""), "social_referral")
    # Not eligible, with the reason.
    refused = ask(20)
    services.decide_eligibility(
        request=refused,
        by=actor(coordinator),
        outcome=Outcome.NOT_ELIGIBLE,
        reason="Has a working laptop at home; referred to the digital help desk instead.",
    )
    # Cancelled.
    services.cancel_request(
        request=ask(40), by=actor(coordinator), reason="Found a device elsewhere."
    )
    # Reserved: waiting to be picked up.
    for days, code in ((50, "pupil"), (35, "living_wage")):
        reserve(eligible(ask(days, device_kind=DeviceKind.LAPTOP), code))
    # Handed over: on loan, one with a condition to become ownership.
    for days, code in ((120, "living_wage"), (150, "job_seeker")):
        hand_over(eligible(ask(days), code), days=rng.randint(120, 300))
    hand_over(
        eligible(ask(160, device_kind=DeviceKind.LAPTOP), "pupil"),
        days=300,
        conditions=[LoanCondition.STARTER_COURSE],
    )
    # Overdue: the date to bring it back has passed.
    for days_late in (4, 19):
        loan = hand_over(eligible(ask(400), "living_wage"), days=30)
        Loan.objects.filter(pk=loan.pk).update(
            due_date=timezone.localdate() - datetime.timedelta(days=days_late),
            handed_over_at=timezone.now() - datetime.timedelta(days=380),
        )
    # Returned, back to wiping.
    for condition, missing in ((Condition.GOOD, []), (Condition.FAIR, [Accessory.CHARGER])):
        loan = hand_over(eligible(ask(300), "job_seeker"), days=90)
        services.register_return(
            loan=loan, by=actor(volunteer), condition=condition, missing_accessories=missing
        )
    # A gift, a loan that became ownership, and one lost.
    hand_over(
        eligible(ask(200, device_kind=DeviceKind.TABLET), "increased_allowance"), LoanKind.GIFT
    )
    owned = hand_over(
        eligible(ask(250), "pupil"), days=200, conditions=[LoanCondition.STARTER_COURSE]
    )
    services.convert_to_ownership(
        loan=owned, by=actor(coordinator), conditions_met=True, note="Finished the starter course."
    )
    lost = hand_over(eligible(ask(220), "debt_mediation"), days=180)
    services.register_loss(
        loan=lost, by=actor(volunteer), stolen=rng.random() < 0.5, note="On the bus."
    )
    # On the waiting list: different priorities and waiting times. Made after the reservations
    # above, each given to the first in line, so none of them passes anyone over.
    waiting = [
        (12, "living_wage"),
        (30, "job_seeker"),
        (45, "pupil"),
        (60, "increased_allowance"),
        (75, "debt_mediation"),
        (90, "social_referral"),
    ]
    for days, code in waiting:
        eligible(ask(days), code)
    # Two ready devices, offered to the first in line on the reservation pages.
    for kind in (DeviceKind.LAPTOP, DeviceKind.TABLET):
        _device(digibank, rng, kind, technician, next(serials))
    return demo
