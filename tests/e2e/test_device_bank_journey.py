"""The whole device bank in Chromium, with axe-core on every page visited.

A company offers laptops on the public pages; the technician takes its asset list in by CSV, wipes
a laptop with an erasure certificate and refurbishes it until it is ready. A resident asks for a
laptop on the public pages with the keyboard only; a referrer notes the proof they saw and the
coordinator decides they are eligible (docs/roles.md), then reserves that same laptop for them from
the waiting list; a hub volunteer hands it over with the agreement; a "due soon" reminder leaves
through the outbox to a real SMTP server; the laptop comes back and goes to be wiped again.

Everything a person does goes through the browser. Only the passing of time and the background
worker are done in Python, each with the reason next to it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page

from digibank.devices.models import DeviceState
from digibank.lending.models import DeviceRequest, LoanStatus, RequestStatus
from digibank.messaging.testing import SmtpServer
from digibank.organisations.models import Role
from digibank.testing import World
from tests.e2e.browser import DESKTOP
from tests.e2e.donation_steps import (
    company_offers_laptops,
    technician_finds_it_back_in_wiping,
    technician_imports_the_asset_list,
    technician_refurbishes_the_laptop,
    technician_wipes_the_laptop,
)
from tests.e2e.lending_steps import (
    a_due_soon_reminder_leaves_through_the_outbox,
    coordinator_decides_eligibility,
    coordinator_reserves_the_laptop,
    referrer_notes_the_proof,
    resident_asks_for_a_laptop,
    resident_checks_the_status,
    volunteer_hands_the_laptop_over,
    volunteer_takes_the_laptop_back,
)
from tests.e2e.steps import log_in

pytestmark = pytest.mark.e2e


def test_a_donated_laptop_goes_to_a_resident_and_comes_back(
    new_context: Callable[..., BrowserContext],
    live_server,
    e2e_world: World,
    smtp_server: SmtpServer,
):
    base_url = live_server.url
    bank = e2e_world.a

    def staff(role: str) -> Page:
        page = new_context(viewport=DESKTOP).new_page()
        log_in(page, base_url, bank.users[role])
        return page

    company = new_context(java_script_enabled=False).new_page()
    donation_reference = company_offers_laptops(company, base_url)

    technician = staff(Role.TECHNICIAN)
    technician_imports_the_asset_list(technician, bank, donation_reference)
    laptop = technician_wipes_the_laptop(technician, bank)
    technician_refurbishes_the_laptop(technician, bank, laptop)

    resident = new_context(java_script_enabled=False).new_page()
    code = resident_asks_for_a_laptop(resident, base_url, bank)
    request = DeviceRequest.objects.get(reference=code.replace("-", ""))
    assert request.person == bank.referred_person, "the known resident was registered twice"
    resident_checks_the_status(resident, code)

    referrer = staff(Role.REFERRER)
    referrer_notes_the_proof(referrer, bank, code)
    coordinator = staff(Role.COORDINATOR)
    coordinator_decides_eligibility(coordinator, bank, code)
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING

    coordinator_reserves_the_laptop(coordinator, bank, code, laptop)
    request.refresh_from_db()
    assert request.status == RequestStatus.RESERVED

    volunteer = staff(Role.HUB_VOLUNTEER)
    loan = volunteer_hands_the_laptop_over(volunteer, bank, code, laptop)
    laptop.refresh_from_db()
    assert laptop.state == DeviceState.LOANED

    a_due_soon_reminder_leaves_through_the_outbox(coordinator, bank, loan, smtp_server)

    volunteer_takes_the_laptop_back(volunteer, bank, laptop)
    loan.refresh_from_db()
    assert loan.status == LoanStatus.RETURNED
    technician_finds_it_back_in_wiping(technician, bank, laptop)
    laptop.refresh_from_db()
    assert laptop.state == DeviceState.WIPING
