"""Lending's figures for the staff home: first in line per type, reminded overdue loans, and
the request list's filters the home page links to."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.devices.models import DeviceKind
from digibank.lending import services, worklist
from digibank.lending.tests.helpers import (
    handed_over,
    new_request,
    ready_device,
    waiting_request,
)
from digibank.messaging import reminders, sending
from digibank.messaging.models import Message, MessageKind, MessageStatus
from digibank.messaging.testing import contactable
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.services.partners import create_partner
from digibank.people.tests.helpers import register
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_the_first_in_line_of_each_type_follows_the_waiting_lists_order(
    world, django_assert_num_queries
):
    coordinator = act(world.a.users["coordinator"])
    early_low = waiting_request(world.a, code="job_seeker")  # priority 2, waiting longest
    later_high = waiting_request(world.a)  # priority 1
    waiting_request(world.a, device_kind=DeviceKind.TABLET)  # no tablet is ready
    ready_device(world.a)
    ready_device(world.a)
    waiting_request(world.b)

    with django_assert_num_queries(2):
        firsts = worklist.first_in_line_by_type(coordinator)
    assert [(first.kind, first.ready, first.request) for first in firsts] == [
        (DeviceKind.LAPTOP, 2, later_high)
    ]
    assert early_low not in [first.request for first in firsts]


def test_nothing_is_first_in_line_without_a_ready_device(world):
    waiting_request(world.a)
    assert worklist.first_in_line_by_type(act(world.a.users["coordinator"])) == []


def send_reminders(day):
    reminders.plan(day)
    for message in Message.objects.filter(status=MessageStatus.QUEUED):
        sending.attempt(message.pk)


def test_a_loan_counts_as_reminded_only_for_its_current_due_date(world, monkeypatch):
    person = contactable(world.a)
    loan = handed_over(world.a, due_in_days=1, person=person)
    later = timezone.localdate() + datetime.timedelta(days=10)
    monkeypatch.setattr(timezone, "localdate", lambda: later)
    volunteer = act(world.a.users["hub_volunteer"])
    assert worklist.loan_tallies(volunteer, later) == worklist.LoanTallies(overdue=1, reminded=0)

    send_reminders(later)
    assert Message.objects.get(kind=MessageKind.OVERDUE).status == MessageStatus.SENT
    assert worklist.loan_tallies(volunteer, later) == worklist.LoanTallies(overdue=1, reminded=1)

    # Extended, then overdue again: the reminder about the first date no longer counts.
    monkeypatch.undo()
    services.extend_loan(
        loan=loan, by=volunteer, due_date=timezone.localdate() + datetime.timedelta(days=5)
    )
    much_later = timezone.localdate() + datetime.timedelta(days=20)
    assert worklist.loan_tallies(volunteer, much_later) == worklist.LoanTallies(
        overdue=1, reminded=0
    )


def test_the_request_list_filters_on_the_referring_partner(client, world):
    other_partner = create_partner(
        by=SYSTEM, digibank=world.a.digibank, name="Andere partner", kind="company"
    )
    theirs = new_request(world.a)
    elsewhere = new_request(
        world.a,
        person=register(world.a, first_name="Zoë", referrer_partner=other_partner),
    )
    client.force_login(world.a.users["coordinator"])
    page = client.get(
        reverse("lending:request_list", kwargs={"digibank": "mechelen"}),
        {"partner": world.a.partner.pk},
    ).content.decode()
    assert theirs.reference_display in page
    assert elsewhere.reference_display not in page
