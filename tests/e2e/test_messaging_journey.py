"""A coordinator finds a message that could not be delivered and sends it again, by keyboard, in
Chromium, with axe-core on every page; then the worker delivers it to a real local SMTP server.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from digibank.messaging.demo import RefusingEmailBackend
from digibank.messaging.models import Message, MessageKind, MessageStatus
from digibank.messaging.services import queue_message
from digibank.messaging.tasks import send_queued_message
from digibank.messaging.testing import SmtpServer, contactable
from digibank.messaging.worker import run_pending_tasks
from digibank.testing import World
from tests.e2e.browser import assert_accessible
from tests.e2e.steps import dutch, press_enter_and_wait

pytestmark = pytest.mark.e2e


def test_a_coordinator_sends_a_failed_message_again(
    page: Page,
    live_server,
    login,
    e2e_world: World,
    smtp_server: SmtpServer,
):
    bank = e2e_world.a
    person = contactable(bank, language="nl")
    failed = queue_message(
        digibank=bank.digibank,
        kind=MessageKind.OVERDUE,
        person=person,
        context={"device": "laptop", "due_date": datetime.date(2025, 3, 4)},
    )
    assert failed is not None
    send_queued_message(failed.pk, connection=RefusingEmailBackend())
    queue_message(
        digibank=bank.digibank,
        kind=MessageKind.DONATION_RECEIVED,
        to_email="it@company.example",
        context={"device_count": 5},
    )
    login(page, bank.users["coordinator"])

    page.goto(live_server.url + reverse("portal:dashboard", kwargs={"digibank": "mechelen"}))
    outbox = reverse("messaging:list", kwargs={"digibank": "mechelen"})
    page.focus(f'nav a[href="{outbox}"]')
    press_enter_and_wait(page)
    assert_accessible(page)

    page.select_option("select[name=status]", "failed")
    page.focus("main form.filters button[type=submit]")
    press_enter_and_wait(page)
    assert "status=failed" in page.url
    assert_accessible(page)
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1

    page.focus("main table tbody tr th a")
    press_enter_and_wait(page)
    assert "550" in page.inner_text("main")
    assert_accessible(page)

    page.focus("main form button[type=submit]")
    press_enter_and_wait(page)
    assert dutch("The message will be sent again in a moment.") in page.inner_text("main")
    assert_accessible(page)

    run_pending_tasks()
    page.reload()
    assert Message.objects.get(pk=failed.pk).status == MessageStatus.SENT
    assert person.email in [received["To"] for received in smtp_server.received]
    assert dutch("Send again") not in page.inner_text("main")
