"""Lending's figures for the staff home: the ready devices with their line, reminded overdue
loans, and the request list's filters the home page links to."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.devices.models import DeviceKind
from digibank.lending import queue, services, worklist
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


def test_the_ready_devices_with_their_line_are_read_in_two_queries_whatever_their_number(
    world, django_assert_num_queries
):
    """The staff home and the waiting list read who is first in line through `queue`."""
    early_low = waiting_request(world.a, code="job_seeker")  # priority 2, waiting longest
    later_high = waiting_request(world.a)  # priority 1
    waiting_request(world.a, device_kind=DeviceKind.TABLET)  # no tablet is ready
    ready_device(world.a, kind=DeviceKind.SMARTPHONE)  # nobody waits for a smartphone
    laptops = [ready_device(world.a), ready_device(world.a)]
    waiting_request(world.b)
    ready_device(world.b)

    with django_assert_num_queries(2):
        lines, more = queue.ready_for_the_line(world.a.digibank.pk, limit=5)
    assert [(line.device, line.first, line.others) for line in lines] == [
        (laptop, later_high, [early_low]) for laptop in laptops
    ]
    assert not more
    for _ in range(4):
        waiting_request(world.a)
        ready_device(world.a)
    with django_assert_num_queries(2):
        lines, more = queue.ready_for_the_line(world.a.digibank.pk, limit=5)
    assert len(lines) == 5
    assert more


def test_nothing_is_ready_for_the_line_without_a_ready_device(world, django_assert_num_queries):
    waiting_request(world.a)
    with django_assert_num_queries(1):
        assert queue.ready_for_the_line(world.a.digibank.pk, limit=5) == ([], False)


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
