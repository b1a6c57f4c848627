"""One journey per person in Chromium, with axe-core on every page: a coordinator opens the page
of a resident who borrowed a device, completed a module and was referred from a visit, and sees
the three jobs together, following the links to the loan and the referral; a trainer opening the
same page sees the learning only, with the certificate."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from digibank.devices.tests.helpers import pdf_text
from digibank.people.tests.journey_helpers import journey_of
from digibank.testing import World
from tests.e2e.steps import dutch, go, log_in, open_page, path_of

pytestmark = pytest.mark.e2e


def _headings(page: Page) -> set[str]:
    return {text.strip() for text in page.locator("main h2").all_inner_texts()}


def test_a_coordinator_sees_the_three_jobs_and_a_trainer_only_the_learning(
    page: Page, new_context, live_server, e2e_world: World
):
    bank = e2e_world.a
    person = bank.referred_person
    journey = journey_of(bank, person)
    loan, referral = journey.loans[0], journey.referrals[0]
    base = live_server.url
    person_page = base + reverse(
        "people:detail", kwargs={"digibank": bank.digibank.slug, "person_id": person.pk}
    )
    jobs = {dutch("Devices"), dutch("Learning"), dutch("Help at the hubs")}

    log_in(page, base, bank.users["coordinator"])
    open_page(page, person_page)
    assert jobs | {dutch("Consents")} <= _headings(page)
    devices = page.locator("#devices").inner_text()
    assert loan.device.asset_tag in devices and dutch("Met") in devices
    help_text = page.locator("#help").inner_text()
    assert bank.hub.name in help_text and referral.partner.name in help_text
    go(
        page,
        lambda: page.locator("#devices").get_by_role("link", name=loan.device.asset_tag).click(),
    )
    assert path_of(page) == reverse(
        "lending:loan_detail", kwargs={"digibank": bank.digibank.slug, "loan_id": loan.pk}
    )
    open_page(page, person_page)
    go(page, lambda: page.locator("#help").get_by_role("link", name=referral.partner.name).click())
    assert path_of(page) == reverse(
        "help:referral_detail",
        kwargs={"digibank": bank.digibank.slug, "referral_id": referral.pk},
    )

    trainer = new_context().new_page()
    log_in(trainer, base, bank.users["trainer"])
    open_page(trainer, person_page)
    headings = _headings(trainer)
    assert dutch("Learning") in headings
    assert not {dutch("Devices"), dutch("Help at the hubs")} & headings
    certificate = reverse(
        "skills:staff_certificate",
        kwargs={"digibank": bank.digibank.slug, "enrolment_id": journey.enrolments[0].pk},
    )
    with trainer.expect_download() as download:
        trainer.locator(f'#learning a[href="{certificate}"]').click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF-")
    assert person.first_name in pdf_text(content)
