"""A company offers laptops on the public pages, the technician imports its asset list, wipes a
laptop with a certificate for the company, refurbishes it and makes it ready. Every page on the
way passes axe-core."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from digibank.core.testing import World
from digibank.devices.models import Device, DeviceState, Donation, DonationStatus
from tests.e2e.browser import DESKTOP, assert_accessible

pytestmark = pytest.mark.e2e

ASSET_LIST = (
    "Soort;Merk;Model;Serienummer;RAM;Opslag;Opslagtype;Toetsenbord;Accessoires\n"
    "laptop;Lenovo;ThinkPad T480;PF1E2E01;8;256;ssd;azerty;lader\n"
    "laptop;Dell;Latitude 5490;5CGE2E02;8;256;ssd;azerty;lader\n"
    "laptop;HP;EliteBook 840;CNDE2E03;16;512;nvme;qwerty;\n"
)


def go(page: Page, action: Callable[[], object]) -> None:
    with page.expect_navigation():
        action()
    assert_accessible(page)


def submit(page: Page) -> None:
    go(page, lambda: page.locator("main form button[type=submit]").last.click())


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def company_offers_laptops(page: Page, live_server) -> str:
    """The public pages, JavaScript off; returns the reference code shown at the end."""
    page.goto(live_server.url + reverse("core:home"))
    assert_accessible(page)
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
    return page.inner_text(".reference-code").strip()


def technician_takes_the_donation_in(page: Page, live_server, world: World, reference: str) -> None:
    donation = Donation.objects.get(reference=reference)
    assert donation.status == DonationStatus.OFFERED
    assert donation.digibank == world.a.digibank
    digibank = world.a.digibank.slug
    page.goto(live_server.url + reverse("devices:donation_list", kwargs={"digibank": digibank}))
    assert_accessible(page)
    go(page, lambda: page.click(f"main a:has-text('{reference}')"))
    go(page, lambda: page.click("main form:has(input[name=status][value=accepted]) button"))
    assert page.locator(".notification--success").is_visible()

    import_url = reverse(
        "devices:donation_import", kwargs={"digibank": digibank, "donation_id": donation.pk}
    )
    go(page, lambda: page.click(f'main a[href="{import_url}"]'))
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "assets.csv", "mimeType": "text/csv", "buffer": ASSET_LIST.encode()}],
    )
    submit(page)
    assert path_of(page) == reverse(
        "devices:donation_detail", kwargs={"digibank": digibank, "donation_id": donation.pk}
    )
    assert Device.objects.filter(donation=donation).count() == 3
    donation.refresh_from_db()
    assert donation.status == DonationStatus.RECEIVED


def change_state(page: Page) -> None:
    """Send the state form of the device page (found by its address, in any language)."""
    go(page, lambda: page.click("main form[action$='/state/'] button[type=submit]"))


def technician_wipes_refurbishes_and_readies(page: Page, live_server, world: World) -> Device:
    device = Device.objects.get(serial="PF1E2E01")
    digibank = world.a.digibank.slug
    detail = reverse("devices:detail", kwargs={"digibank": digibank, "device_id": device.pk})
    go(page, lambda: page.click(f'main a[href="{detail}"]'))

    page.check("main input[name=to][value=wiping]")
    change_state(page)
    wipe_url = reverse(
        "devices:wipe",
        kwargs={"digibank": digibank, "device_id": device.pk, "medium_id": device.media.get().pk},
    )
    go(page, lambda: page.click(f'main a[href="{wipe_url}"]'))
    now = timezone.localtime().replace(second=0, microsecond=0)
    page.check("input[name=method][value=purge]")
    page.fill("input[name=tool]", "nvme-cli 2.8 sanitize")
    page.fill(
        "input[name=started_at]", (now - datetime.timedelta(minutes=40)).strftime("%Y-%m-%dT%H:%M")
    )
    page.fill(
        "input[name=ended_at]", (now - datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    )
    page.check("input[name=result][value=passed]")
    page.fill("input[name=verification_note]", "Read-back of 5% of the sectors")
    submit(page)
    assert path_of(page) == detail

    page.check("main input[name=to][value=wiped]")
    change_state(page)
    certificate = reverse(
        "devices:certificate", kwargs={"digibank": digibank, "device_id": device.pk}
    )
    response = page.request.get(live_server.url + certificate)
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    donation_certificate = reverse(
        "devices:donation_certificate",
        kwargs={"digibank": digibank, "donation_id": device.donation_id},
    )
    assert page.request.get(live_server.url + donation_certificate).ok

    page.check("main input[name=to][value=refurbishing]")
    change_state(page)
    checklist = reverse("devices:checklist", kwargs={"digibank": digibank, "device_id": device.pk})
    go(page, lambda: page.click(f'main a[href="{checklist}"]'))
    for box in page.locator("main input[name=checked]").all():
        box.check()
    page.fill("input[name=battery_health]", "86")
    page.check("input[name=grade][value=A]")
    submit(page)
    page.check("main input[name=to][value=ready]")
    change_state(page)
    device.refresh_from_db()
    return device


def test_a_company_gives_laptops_that_become_ready_for_residents(
    new_context, live_server, login, e2e_world: World
):
    public = new_context(java_script_enabled=False).new_page()
    reference = company_offers_laptops(public, live_server)

    staff = new_context(viewport=DESKTOP).new_page()
    login(staff, e2e_world.a.users["technician"])
    technician_takes_the_donation_in(staff, live_server, e2e_world, reference)
    device = technician_wipes_refurbishes_and_readies(staff, live_server, e2e_world)

    assert device.state == DeviceState.READY
    assert device.grade == "A"
    assert device.wipes.get().result == "passed"
    history = list(device.events.filter(kind="transition").values_list("to_state", flat=True))
    assert history == ["ready", "refurbishing", "wiped", "wiping"]
    inventory = reverse("devices:list", kwargs={"digibank": e2e_world.a.digibank.slug})
    staff.goto(live_server.url + inventory + "?state=ready")
    assert_accessible(staff)
    assert device.asset_tag in staff.inner_text("main table")
