"""The device bank journey's steps on the lending side: a resident asks for a laptop and checks the
status, the referrer notes the proof, the coordinator decides and reserves, a volunteer hands it
over and takes it back, and a reminder leaves through the outbox. Each step goes through the
browser, so axe checks each page; only the passing of time and the background worker are done in
Python."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from playwright.sync_api import Page

from digibank.devices.models import Device
from digibank.lending.models import EligibilityRule, Loan
from digibank.messaging.models import Message, MessageKind, MessageStatus
from digibank.messaging.testing import SmtpServer
from digibank.messaging.worker import queue_planning, run_pending_tasks
from digibank.testing import Bank
from tests.e2e.donation_steps import SERIAL
from tests.e2e.steps import (
    answer_text,
    continue_with_keyboard,
    dutch,
    enter,
    go,
    open_page,
    open_pdf,
    path_of,
    submit,
    tab_to,
)

RESIDENT_EMAIL = "youssef@example.org"


# The resident -----------------------------------------------------------------------------------


def resident_asks_for_a_laptop(page: Page, base_url: str, bank: Bank) -> str:
    """The referred resident asks on the website, keyboard only; returns the reference code."""
    person = bank.referred_person
    open_page(page, base_url + reverse("portal:home"))
    tab_to(page, f'main a[href="{reverse("lending:public_start")}"]')
    enter(page)
    tab_to(page, f'main a[href="{reverse("lending:public_step", kwargs={"step": "postcode"})}"]')
    enter(page)

    answer_text(page, "postcode", person.postcode)
    enter(page)  # Enter in a text field sends the form
    assert path_of(page).endswith("/needs/")
    tab_to(page, "main input[name=needs][value=job_search]")
    page.keyboard.press("Space")
    continue_with_keyboard(page)
    tab_to(page, "main input[name=device_kind]")
    page.keyboard.press("Space")  # the first choice: a laptop
    assert page.is_checked("input[name=device_kind][value=laptop]")
    continue_with_keyboard(page)
    answer_text(page, "accessibility_needs", "Grote letters op het scherm")
    continue_with_keyboard(page)
    continue_with_keyboard(page)  # household: optional, left empty
    answer_text(page, "first_name", person.first_name)
    answer_text(page, "last_name", person.last_name)
    enter(page)
    answer_text(page, "birth_year", str(person.birth_year))
    enter(page)
    tab_to(page, "main input[name=contact_method]")
    page.keyboard.press("ArrowDown")  # from "by text message" to "by email"
    assert page.is_checked("input[name=contact_method][value=email]")
    continue_with_keyboard(page)
    answer_text(page, "email", RESIDENT_EMAIL)
    enter(page)

    assert path_of(page) == reverse("lending:public_check")
    assert "Grote letters op het scherm" in page.inner_text("main")
    continue_with_keyboard(page)
    assert path_of(page) == reverse("lending:public_sent")
    code = page.inner_text(".reference-code").strip()
    assert len(code) == 9 and code[4] == "-"
    return code


def resident_checks_the_status(page: Page, code: str) -> None:
    """From the page that shows the code, still with the keyboard only."""
    tab_to(page, f'main a[href="{reverse("lending:public_status")}"]')
    enter(page)
    answer_text(page, "reference", code.lower())
    enter(page)
    assert page.locator("main .panel").count() == 1


# The referrer -----------------------------------------------------------------------------------


def referrer_notes_the_proof(page: Page, bank: Bank, code: str) -> None:
    """The referrer records the proof they saw; they refer, the coordinator decides."""
    slug = bank.digibank.slug
    go(page, lambda: page.click(f'nav a[href="{reverse("lending:request_list", args=[slug])}"]'))
    go(page, lambda: page.click(f"main a:has-text('{code}')"))
    assert page.locator("main a[href$='/decide/']").count() == 0
    go(page, lambda: page.click("main a[href$='/proof/']"))
    page.check("input[name=kind][value=social_referral]")
    page.fill("input[name=note]", "Verslag van de sociale dienst, geldig tot juni")
    submit(page)


# The coordinator --------------------------------------------------------------------------------


def coordinator_decides_eligibility(page: Page, bank: Bank, code: str) -> None:
    """The coordinator decides under the rule that applies, with the proof the referrer saw."""
    slug = bank.digibank.slug
    go(page, lambda: page.click(f'nav a[href="{reverse("lending:request_list", args=[slug])}"]'))
    go(page, lambda: page.click(f"main a:has-text('{code}')"))
    go(page, lambda: page.click("main a[href$='/decide/']"))
    page.check("input[name=outcome][value=eligible]")
    social_referral = EligibilityRule.objects.get(digibank=bank.digibank, code="social_referral")
    page.select_option("select[name=rule]", value=str(social_referral.pk))
    submit(page)
    assert dutch(social_referral.label) in page.inner_text("main")


def coordinator_reserves_the_laptop(page: Page, bank: Bank, code: str, device: Device) -> None:
    """From the waiting list, the refurbished laptop is reserved, to pick up at the hub."""
    slug = bank.digibank.slug
    go(page, lambda: page.click(f'nav a[href="{reverse("lending:request_list", args=[slug])}"]'))
    go(
        page,
        lambda: page.click(f'main nav a[href="{reverse("lending:waiting_list", args=[slug])}"]'),
    )
    place = page.locator("main .waiting-list__item", has_text=code)
    assert place.count() == 1
    go(page, lambda: place.locator("a[href$='/reserve/']").click())
    assert f"{device.asset_tag} – {device.title}" in page.inner_text("main table")
    page.check(f"input[name=device][value='{device.pk}']")
    page.select_option("select[name=hub]", value=str(bank.hub.pk))
    submit(page)


# The hub volunteer ------------------------------------------------------------------------------


def volunteer_hands_the_laptop_over(page: Page, bank: Bank, code: str, device: Device) -> Loan:
    """The agreement printed with the terms, read and signed, the checklist, then the loan."""
    slug = bank.digibank.slug
    person = bank.referred_person
    go(page, lambda: page.click(f'nav a[href="{reverse("lending:request_list", args=[slug])}"]'))
    go(page, lambda: page.click(f"main a:has-text('{code}')"))
    go(page, lambda: page.click("main a[href$='/hand-over/']"))
    assert page.is_checked("input[name=kind][value=loan]")

    agreement = open_pdf(page, lambda: page.click("main form button[formaction]"))
    for shown in (person.full_name, device.asset_tag, SERIAL):
        assert shown in agreement, f"{shown} is missing from the agreement"

    for box in page.locator("main input[name=checklist]").all():
        box.check()
    go(page, lambda: page.click("main form button[type=submit]:not([formaction])"))
    loan = Loan.objects.get(request__reference=code.replace("-", ""))
    assert path_of(page) == reverse(
        "lending:loan_detail", kwargs={"digibank": slug, "loan_id": loan.pk}
    )
    assert loan.device == device
    signed = reverse("lending:loan_agreement", kwargs={"digibank": slug, "loan_id": loan.pk})
    agreement = open_pdf(page, lambda: page.click(f'main a[href="{signed}"]'))
    for shown in (person.full_name, device.asset_tag, SERIAL):
        assert shown in agreement, f"{shown} is missing from the signed agreement"
    return loan


# The reminder -----------------------------------------------------------------------------------


def a_due_soon_reminder_leaves_through_the_outbox(
    page: Page, bank: Bank, loan: Loan, smtp_server: SmtpServer
) -> None:
    # Time travel: the laptop was lent for a year. Move the date it is due to next week, as if
    # most of that year had passed, so that the planner finds a "due soon" reminder to send.
    due = timezone.localdate() + datetime.timedelta(days=5)
    Loan.objects.filter(pk=loan.pk).update(due_date=due)
    # What the background worker (`manage.py run_worker`) does every few minutes: queue the
    # reminder planner, then run every task that is due, the sending of the messages included.
    queue_planning()
    run_pending_tasks()

    slug = bank.digibank.slug
    go(page, lambda: page.click(f'nav a[href="{reverse("messaging:list", args=[slug])}"]'))
    page.select_option("select[name=kind]", MessageKind.DUE_SOON)
    go(page, lambda: page.click("main form.filters button[type=submit]"))
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1
    assert bank.referred_person.full_name in rows.inner_text()
    assert RESIDENT_EMAIL in rows.inner_text()
    assert rows.locator(".tag").inner_text().strip() == capfirst(dutch(MessageStatus.SENT.label))
    go(page, lambda: rows.locator("th a").click())
    subject = page.inner_text("main h1").strip()
    assert dutch("Send again") not in page.inner_text("main")

    delivered = {mail["Subject"]: mail for mail in smtp_server.received}
    assert subject in delivered, "the reminder never reached the mail server"
    assert delivered[subject]["To"] == RESIDENT_EMAIL
    reminder = Message.objects.get(digibank=bank.digibank, kind=MessageKind.DUE_SOON)
    assert (reminder.status, reminder.language) == (MessageStatus.SENT, "nl")


# The return -------------------------------------------------------------------------------------


def volunteer_takes_the_laptop_back(page: Page, bank: Bank, device: Device) -> None:
    slug = bank.digibank.slug
    go(page, lambda: page.click(f'nav a[href="{reverse("lending:request_list", args=[slug])}"]'))
    go(page, lambda: page.click(f'main nav a[href="{reverse("lending:find_loan", args=[slug])}"]'))
    page.fill("input[name=tag]", device.asset_tag.lower())
    submit(page)
    page.check("input[name=condition][value=good]")
    submit(page)
    assert dutch("Returned on") in page.inner_text("main")
