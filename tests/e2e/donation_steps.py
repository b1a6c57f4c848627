"""The device bank journey's steps on the giving side: a company offers laptops on the public
pages; the technician takes its asset list in, wipes a laptop with an erasure certificate,
refurbishes it, and at the end finds it back in wiping. Each step goes through the browser, so axe
checks each page."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from playwright.sync_api import FilePayload, Page

from digibank.devices.models import Device, DeviceState, Donation, DonationStatus
from digibank.testing import Bank
from tests.e2e.steps import (
    dutch,
    go,
    open_page,
    open_pdf,
    path_of,
    submit,
)

SERIAL = "PF1E2E01"
ASSET_LIST = (
    "Soort;Merk;Model;Serienummer;RAM;Opslag;Opslagtype;Toetsenbord;Accessoires\n"
    f"laptop;Lenovo;ThinkPad T480;{SERIAL};8;256;ssd;azerty;lader\n"
    "laptop;Dell;Latitude 5490;5CGE2E02;8;256;ssd;azerty;lader\n"
    "laptop;HP;EliteBook 840;CNDE2E03;16;512;nvme;qwerty;\n"
)


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
