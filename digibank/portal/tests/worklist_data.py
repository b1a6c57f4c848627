"""Work for every role of the test world's digibank A, made through the real services.

Shared by the staff-home tests and the browser test: each builder returns what the home page
must then show, so the tests can check the lines and follow them to the objects.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from unittest import mock

from django.utils import timezone

from digibank.devices import services as device_services
from digibank.devices.models import Device, DeviceKind, DeviceState, Donation, RepairOutcome
from digibank.devices.tests.helpers import device_in, make_donation
from digibank.lending import services as lending_services
from digibank.lending.models import DeviceRequest, EvidenceKind, Loan
from digibank.lending.tests.helpers import (
    handed_over,
    make_eligible,
    new_request,
    ready_device,
    reserved_request,
    waiting_request,
)
from digibank.messaging import reminders, sending
from digibank.messaging.models import Message, MessageKind, MessageStatus
from digibank.messaging.services import queue_message
from digibank.messaging.testing import contactable
from digibank.organisations.models import Partner
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.services.partners import create_partner
from digibank.testing import Bank, act


def later_than_every_due_date() -> datetime.date:
    """A day on which the loans made here (due tomorrow) are overdue, and within the pick-up time
    of the reservations made today."""
    return timezone.localdate() + datetime.timedelta(days=2)


def freeze_today(day: datetime.date):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


@dataclass
class CoordinatorWork:
    to_assess: DeviceRequest
    waiting_for_proof: DeviceRequest
    waiting_for_device_type: DeviceRequest
    first_in_line: DeviceRequest
    second_in_line: DeviceRequest
    ready_tablet: Device
    reserved: DeviceRequest
    pickup_ending: DeviceRequest
    overdue: Loan
    reminded: Loan
    failed: Message
    partner_without_contact: Partner


NAMES = ["Amélie", "Brigitte", "Chantal", "Danielle", "Emma", "Fatima"]


def coordinator_work(bank: Bank, *, number: int = 0) -> CoordinatorWork:
    """One of each thing a coordinator must act on (call again, with another number, for more)."""
    by = act(bank.users["coordinator"])
    to_assess = new_request(bank)
    lending_services.record_evidence(request=to_assess, by=by, kind=EvidenceKind.LIVING_WAGE)
    waiting_for_proof = new_request(bank, person=bank.person)
    waiting_for_device_type = make_eligible(bank, new_request(bank, device_kind=""))
    # The living-wage rule has priority 1, the job-seeker rule 2: a later request of the first
    # goes before an earlier one of the second.
    second_in_line = waiting_request(bank, device_kind=DeviceKind.TABLET, code="job_seeker")
    first_in_line = waiting_request(bank, device_kind=DeviceKind.TABLET)
    ready_tablet = ready_device(bank, kind=DeviceKind.TABLET, keyboard_layout="")
    # Its hand-over is planned on the day the tests look at the home page.
    reserved = reserved_request(bank, pickup_on=later_than_every_due_date())
    # Made twelve days earlier: not picked up, its reservation ends within two days of that day.
    with freeze_today(timezone.localdate() - datetime.timedelta(days=12)):
        pickup_ending = reserved_request(bank)
    overdue = handed_over(bank, due_in_days=1)
    reminded = handed_over(
        bank,
        due_in_days=1,
        person=contactable(bank, first_name=NAMES[number], email=f"resident{number}@example.be"),
    )
    with freeze_today(later_than_every_due_date()):
        reminders.plan(later_than_every_due_date())
    for message in Message.objects.filter(kind=MessageKind.OVERDUE, status=MessageStatus.QUEUED):
        sending.attempt(message.pk)
    failed = queue_message(
        digibank=bank.digibank,
        kind=MessageKind.DONATION_RECEIVED,
        to_email="it@company.example",
        context={"device_count": 2},
    )
    assert failed is not None
    Message.objects.filter(pk=failed.pk).update(status=MessageStatus.FAILED)
    partner = create_partner(
        by=SYSTEM, digibank=bank.digibank, name=f"Nieuwe partner {NAMES[number]}", kind="company"
    )
    return CoordinatorWork(
        to_assess=to_assess,
        waiting_for_proof=waiting_for_proof,
        waiting_for_device_type=waiting_for_device_type,
        first_in_line=first_in_line,
        second_in_line=second_in_line,
        ready_tablet=ready_tablet,
        reserved=reserved,
        pickup_ending=pickup_ending,
        overdue=overdue,
        reminded=reminded,
        failed=failed,
        partner_without_contact=partner,
    )


@dataclass
class TechnicianWork:
    blocked: Device
    received: Device
    awaiting_intake: Donation


def technician_work(bank: Bank) -> TechnicianWork:
    technician = bank.users["technician"]
    by = act(technician)
    blocked = device_in(DeviceState.RECEIVED, bank.digibank, technician)
    repair = device_services.start_repair(device=blocked, by=by, fault="Scherm kapot")
    device_services.finish_repair(
        repair=repair, by=by, outcome=RepairOutcome.REPAIRABLE, barriers=["no_parts"]
    )
    received = device_in(DeviceState.RECEIVED, bank.digibank, technician)
    awaiting_intake = make_donation(bank.digibank)  # accepted, the devices not in yet
    return TechnicianWork(blocked=blocked, received=received, awaiting_intake=awaiting_intake)
