"""A resident asks for a laptop on the public pages with the keyboard only, a referrer confirms
eligibility, the coordinator reserves a device, a volunteer hands it over with the agreement PDF,
and the device comes back. Every page on the way passes axe-core."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from digibank.core.testing import World
from digibank.devices.models import DeviceState
from digibank.lending.models import (
    DeviceRequest,
    EligibilityRule,
    Loan,
    LoanStatus,
    RequestStatus,
)
from digibank.lending.tests.helpers import ready_device
from tests.e2e.browser import DESKTOP, assert_accessible

pytestmark = pytest.mark.e2e


def focused(page: Page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement?.matches(s) ?? false", selector)


def tab_to(page: Page, selector: str, *, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, selector):
            return
    raise AssertionError(f"{selector} never received the focus after {limit} Tab presses")


def enter(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)


def continue_with_keyboard(page: Page) -> None:
    tab_to(page, "main form button[type=submit]")
    enter(page)


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def answer_text(page: Page, name: str, value: str) -> None:
    tab_to(page, f"main [name={name}]")
    page.keyboard.type(value)


def resident_asks_for_a_laptop(page: Page, live_server, world: World) -> str:
    """The referred resident asks on the website, keyboard only; returns the reference code."""
    person = world.a.referred_person
    page.goto(live_server.url + reverse("core:home"))
    assert_accessible(page)
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
    answer_text(page, "email", "youssef@example.org")
    enter(page)

    assert path_of(page) == reverse("lending:public_check")
    assert "Grote letters op het scherm" in page.inner_text("main")
    continue_with_keyboard(page)
    assert path_of(page) == reverse("lending:public_sent")
    code = page.inner_text(".reference-code").strip()
    assert len(code) == 9 and code[4] == "-"
    return code


def test_from_a_public_request_to_a_returned_laptop(
    new_context, live_server, e2e_world: World, login
):
    bank = e2e_world.a
    device = ready_device(bank, brand="Dell", model="Latitude 5490")
    slug = bank.digibank.slug

    # 1. The resident, JavaScript off, keyboard only.
    resident = new_context(java_script_enabled=False).new_page()
    code = resident_asks_for_a_laptop(resident, live_server, e2e_world)
    request = DeviceRequest.objects.get(reference=code.replace("-", ""))
    assert request.person == bank.referred_person, "the known resident was not registered twice"
    resident.goto(live_server.url + reverse("lending:public_status"))
    assert_accessible(resident)
    answer_text(resident, "reference", code.lower())
    enter(resident)
    assert resident.locator("main .panel").count() == 1

    # 2. The referrer sees the proof and confirms eligibility.
    referrer = new_context(viewport=DESKTOP).new_page()
    login(referrer, bank.users["referrer"])
    referrer.goto(live_server.url + reverse("lending:request_list", kwargs={"digibank": slug}))
    assert_accessible(referrer)
    with referrer.expect_navigation():
        referrer.click(f"main a:has-text('{code}')")
    assert_accessible(referrer)
    with referrer.expect_navigation():
        referrer.click("main a[href$='/proof/']")
    assert_accessible(referrer)
    referrer.check("input[name=kind][value=social_referral]")
    with referrer.expect_navigation():
        referrer.click("main form button[type=submit]")
    assert_accessible(referrer)
    with referrer.expect_navigation():
        referrer.click("main a[href$='/decide/']")
    assert_accessible(referrer)
    referrer.check("input[name=outcome][value=eligible]")
    social_referral = EligibilityRule.objects.get(digibank=bank.digibank, code="social_referral")
    referrer.select_option("select[name=rule]", value=str(social_referral.pk))
    with referrer.expect_navigation():
        referrer.click("main form button[type=submit]")
    assert_accessible(referrer)
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING

    # 3. The coordinator finds it on the waiting list and reserves the laptop.
    coordinator = new_context(viewport=DESKTOP).new_page()
    login(coordinator, bank.users["coordinator"])
    coordinator.goto(live_server.url + reverse("lending:waiting_list", kwargs={"digibank": slug}))
    assert_accessible(coordinator)
    assert code in coordinator.inner_text("main")
    reserve = reverse("lending:allocate", kwargs={"digibank": slug, "request_id": request.pk})
    with coordinator.expect_navigation():
        coordinator.click(f'main a[href="{reserve}"]')
    assert_accessible(coordinator)
    coordinator.check(f"input[name=device][value='{device.pk}']")
    with coordinator.expect_navigation():
        coordinator.click("main form button[type=submit]")
    assert_accessible(coordinator)
    request.refresh_from_db()
    assert request.status == RequestStatus.RESERVED

    # 4. A volunteer hands it over: the agreement to sign, the checklist, the loan.
    volunteer = new_context(viewport=DESKTOP).new_page()
    login(volunteer, bank.users["hub_volunteer"])
    volunteer.goto(
        live_server.url
        + reverse("lending:hand_over", kwargs={"digibank": slug, "request_id": request.pk})
    )
    assert_accessible(volunteer)
    agreement = volunteer.request.get(
        live_server.url
        + reverse(
            "lending:hand_over_agreement", kwargs={"digibank": slug, "request_id": request.pk}
        )
    )
    assert agreement.status == 200
    assert agreement.headers["content-type"] == "application/pdf"
    assert agreement.body().startswith(b"%PDF-")
    for checkbox in volunteer.locator("input[name=checklist]").all():
        checkbox.check()
    with volunteer.expect_navigation():
        volunteer.click("main form button.button:not(.button--secondary)")
    assert_accessible(volunteer)
    loan = Loan.objects.get(request=request)
    assert path_of(volunteer) == reverse(
        "lending:loan_detail", kwargs={"digibank": slug, "loan_id": loan.pk}
    )
    signed = volunteer.request.get(
        live_server.url
        + reverse("lending:loan_agreement", kwargs={"digibank": slug, "loan_id": loan.pk})
    )
    assert signed.body().startswith(b"%PDF-")

    # 5. Months later the laptop comes back at the desk.
    volunteer.goto(live_server.url + reverse("lending:find_loan", kwargs={"digibank": slug}))
    assert_accessible(volunteer)
    volunteer.fill("input[name=tag]", device.asset_tag)
    with volunteer.expect_navigation():
        volunteer.click("main form button[type=submit]")
    assert_accessible(volunteer)
    volunteer.check("input[name=condition][value=good]")
    with volunteer.expect_navigation():
        volunteer.click("main form button[type=submit]")
    assert_accessible(volunteer)
    loan.refresh_from_db()
    assert loan.status == LoanStatus.RETURNED
    device.refresh_from_db()
    assert device.state == DeviceState.WIPING
