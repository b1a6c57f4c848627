"""The whole device bank in Chromium, with axe-core on every page visited.

A company offers laptops on the public pages; the technician takes its asset list in by CSV, wipes
a laptop with an erasure certificate and refurbishes it until it is ready. A resident asks for a
laptop on the public pages with the keyboard only; a referrer confirms that they are eligible; the
coordinator reserves that same laptop for them from the waiting list; a hub volunteer hands it over
with the agreement; a "due soon" reminder leaves through the outbox to a real SMTP server; the
laptop comes back and goes to be wiped again.

Everything a person does goes through the browser. Only the passing of time and the background
worker are done in Python, each with the reason next to it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from playwright.sync_api import BrowserContext, FilePayload, Page

from digibank.devices.models import Device, DeviceState, Donation, DonationStatus
from digibank.lending.models import (
    DeviceRequest,
    EligibilityRule,
    Loan,
    LoanStatus,
    RequestStatus,
)
from digibank.messaging.models import Message, MessageKind, MessageStatus
from digibank.messaging.testing import SmtpServer
from digibank.messaging.worker import queue_planning, run_pending_tasks
from digibank.organisations.models import Role
from digibank.testing import Bank, World
from tests.e2e.browser import DESKTOP
from tests.e2e.steps import (
    answer_text,
    continue_with_keyboard,
    dutch,
    enter,
    go,
    log_in,
    open_page,
    open_pdf,
    path_of,
    submit,
    tab_to,
)

pytestmark = pytest.mark.e2e

SERIAL = "PF1E2E01"
ASSET_LIST = (
    "Soort;Merk;Model;Serienummer;RAM;Opslag;Opslagtype;Toetsenbord;Accessoires\n"
    f"laptop;Lenovo;ThinkPad T480;{SERIAL};8;256;ssd;azerty;lader\n"
    "laptop;Dell;Latitude 5490;5CGE2E02;8;256;ssd;azerty;lader\n"
    "laptop;HP;EliteBook 840;CNDE2E03;16;512;nvme;qwerty;\n"
)
RESIDENT_EMAIL = "youssef@example.org"


# The company ------------------------------------------------------------------------------------


def company_offers_laptops(page: Page, base_url: str) -> str:
    """The "I want to donate devices" pages, JavaScript off; returns the reference shown."""
    open_page(page, base_url + reverse("portal:home"))
    go(page, lambda: page.click(f'main a[href="{reverse("devices:donate_start")}"]'))
    go(page, lambda: page.click(f'main a[href="{reverse("devices:donate_wiping")}"]'))
    postcode_url = reverse("devices:donate_step", kwargs={"step": "postcode"})
    go(page, lambda: page.click(f'main a[href="{postcode_url}"]'))

    # A mistake first: the error is shown and the page still passes axe.
    page.fill("input[name=postcode]", "99")
    submit(page)
    assert page.locator(".error-summary").is_visible()
    page.fill("input[name=postcode]", "2800")
    submit(page)
    assert path_of(page).endswith("/devices/")
    page.fill("input[name=count_laptop]", "3")
    submit(page)
    page.check("input[name=delivery][value=pick_up]")
    submit(page)
    page.fill("input[name=street]", "Industrieweg 4")
    submit(page)
    page.fill("input[name=donor_name]", "Acme Logistics NV")
    submit(page)
    page.fill("input[name=contact_name]", "Els Wouters")
    page.fill("input[name=contact_email]", "els@acme.example")
    submit(page)
    page.check("input[name=wants_certificate][value=yes]")
    submit(page)
    assert path_of(page) == reverse("devices:donate_check")
    assert "Acme Logistics NV" in page.inner_text("main")
    submit(page)
    assert path_of(page) == reverse("devices:donate_sent")
    return page.inner_text(".reference-code").strip()


# The technician ---------------------------------------------------------------------------------


def technician_imports_the_asset_list(page: Page, bank: Bank, reference: str) -> Donation:
    donation = Donation.objects.get(reference=reference)
    assert donation.digibank == bank.digibank, "the offer from Mechelen went to another digibank"
    assert donation.status == DonationStatus.OFFERED
    slug = bank.digibank.slug
    go(page, lambda: page.click(f'nav a[href="{reverse("devices:list", args=[slug])}"]'))
    go(
        page,
        lambda: page.click(f'main nav a[href="{reverse("devices:donation_list", args=[slug])}"]'),
    )
    go(page, lambda: page.click(f"main a:has-text('{reference}')"))
    go(page, lambda: page.click("main form:has(input[name=status][value=accepted]) button"))
    assert page.locator(".notification--success").is_visible()

    import_url = reverse(
        "devices:donation_import", kwargs={"digibank": slug, "donation_id": donation.pk}
    )
    go(page, lambda: page.click(f'main a[href="{import_url}"]'))
    page.set_input_files(
        "input[name=file]",
        files=[FilePayload(name="assets.csv", mimeType="text/csv", buffer=ASSET_LIST.encode())],
    )
    submit(page)
    assert path_of(page) == reverse(
        "devices:donation_detail", kwargs={"digibank": slug, "donation_id": donation.pk}
    )
    assert SERIAL in page.inner_text("main table")
    assert Device.objects.filter(donation=donation).count() == 3
    donation.refresh_from_db()
    assert donation.status == DonationStatus.RECEIVED
    return donation


def change_state(page: Page, to: str) -> None:
    """Choose the next state on the device page and send that form (found by its address)."""
    page.check(f"main input[name=to][value={to}]")
    go(page, lambda: page.click("main form[action$='/state/'] button[type=submit]"))


def technician_wipes_the_laptop(page: Page, bank: Bank) -> Device:
    """From the donation page to a verified wipe, and the certificates that prove it."""
    device = Device.objects.get(serial=SERIAL)
    slug = bank.digibank.slug
    detail = reverse("devices:detail", kwargs={"digibank": slug, "device_id": device.pk})
    go(page, lambda: page.click(f'main a[href="{detail}"]'))

    change_state(page, DeviceState.WIPING)
    wipe_url = reverse(
        "devices:wipe",
        kwargs={"digibank": slug, "device_id": device.pk, "medium_id": device.media.get().pk},
    )
    go(page, lambda: page.click(f'main a[href="{wipe_url}"]'))
    now = timezone.localtime().replace(second=0, microsecond=0)
    page.check("input[name=method][value=purge]")
    page.fill("input[name=tool]", "nvme-cli 2.8 sanitize")
    started = now - datetime.timedelta(minutes=40)
    page.fill("input[name=started_at]", started.strftime("%Y-%m-%dT%H:%M"))
    ended = now - datetime.timedelta(minutes=5)
    page.fill("input[name=ended_at]", ended.strftime("%Y-%m-%dT%H:%M"))
    page.check("input[name=result][value=passed]")
    page.fill("input[name=verification_note]", "Read-back of 5% of the sectors")
    submit(page)
    assert path_of(page) == detail
    change_state(page, DeviceState.WIPED)

    certificate = reverse("devices:certificate", kwargs={"digibank": slug, "device_id": device.pk})
    text = open_pdf(page, lambda: page.click(f'main a[href="{certificate}"]'))
    assert SERIAL in text
    assert "nvme-cli 2.8 sanitize" in text

    # The certificate of the whole batch, for the company, from the donation page.
    donation = reverse(
        "devices:donation_detail", kwargs={"digibank": slug, "donation_id": device.donation_id}
    )
    go(page, lambda: page.click(f'main a[href="{donation}"]'))
    batch = reverse(
        "devices:donation_certificate",
        kwargs={"digibank": slug, "donation_id": device.donation_id},
    )
    text = open_pdf(page, lambda: page.click(f'main a[href="{batch}"]'))
    assert SERIAL in text
    assert "Acme Logistics NV" in text
    go(page, lambda: page.click(f'main a[href="{detail}"]'))
    return device


def technician_refurbishes_the_laptop(page: Page, bank: Bank, device: Device) -> None:
    slug = bank.digibank.slug
    change_state(page, DeviceState.REFURBISHING)
    checklist = reverse("devices:checklist", kwargs={"digibank": slug, "device_id": device.pk})
    go(page, lambda: page.click(f'main a[href="{checklist}"]'))
    for box in page.locator("main input[name=checked]").all():
        box.check()
    page.fill("input[name=battery_health]", "86")
    page.check("input[name=grade][value=A]")
    submit(page)
    change_state(page, DeviceState.READY)
    assert dutch("Grade %(grade)s").replace("%(grade)s", "A") in page.inner_text("main")

    go(page, lambda: page.click(f'nav a[href="{reverse("devices:list", args=[slug])}"]'))
    go(page, lambda: page.click('main a[href="?state=ready"]'))
    assert device.asset_tag in page.inner_text("main table")
    device.refresh_from_db()
    assert device.state == DeviceState.READY
    assert device.grade == "A"
    assert device.wipes.get().result == "passed"
    history = list(device.events.filter(kind="transition").values_list("to_state", flat=True))
    assert history == ["ready", "refurbishing", "wiped", "wiping"]


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


def referrer_confirms_eligibility(page: Page, bank: Bank, code: str) -> None:
    """The referrer records the proof they saw, then decides under the rule that applies."""
    slug = bank.digibank.slug
    go(page, lambda: page.click(f'nav a[href="{reverse("lending:request_list", args=[slug])}"]'))
    go(page, lambda: page.click(f"main a:has-text('{code}')"))
    go(page, lambda: page.click("main a[href$='/proof/']"))
    page.check("input[name=kind][value=social_referral]")
    page.fill("input[name=note]", "Verslag van de sociale dienst, geldig tot juni")
    submit(page)
    go(page, lambda: page.click("main a[href$='/decide/']"))
    page.check("input[name=outcome][value=eligible]")
    social_referral = EligibilityRule.objects.get(digibank=bank.digibank, code="social_referral")
    page.select_option("select[name=rule]", value=str(social_referral.pk))
    submit(page)
    assert dutch(social_referral.label) in page.inner_text("main")


# The coordinator --------------------------------------------------------------------------------


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


def technician_finds_it_back_in_wiping(page: Page, bank: Bank, device: Device) -> None:
    """The technician looks the laptop up by its tag in the inventory and opens its page."""
    slug = bank.digibank.slug
    go(page, lambda: page.click(f'nav a[href="{reverse("devices:list", args=[slug])}"]'))
    page.fill("main input[name=q]", device.asset_tag)
    go(page, lambda: page.click("main form.filters button[type=submit]"))
    detail = reverse("devices:detail", kwargs={"digibank": slug, "device_id": device.pk})
    go(page, lambda: page.click(f'main table a[href="{detail}"]'))
    state = page.locator("main h1 + p .tag").first.inner_text().strip()
    assert state == capfirst(dutch(DeviceState.WIPING.label))


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
    referrer_confirms_eligibility(referrer, bank, code)
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING

    coordinator = staff(Role.COORDINATOR)
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
