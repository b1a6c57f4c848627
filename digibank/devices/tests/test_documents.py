"""The PDFs (labels with QR codes, erasure certificates, donor reports) and impact figures."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import segno
from django.test import override_settings
from django.urls import reverse

from digibank.devices import impact, pdfs, services
from digibank.devices.models import Device, DeviceKind, DeviceState, WipeResult
from digibank.devices.tests.helpers import device_in, make_device, make_donation, pdf_text
from digibank.organisations import services as organisation_services
from digibank.organisations.models import PartnerKind
from digibank.organisations.permissions import SYSTEM
from digibank.testing import act

pytestmark = pytest.mark.django_db


def with_wipes(devices):
    return list(
        Device.objects.filter(pk__in=[d.pk for d in devices])
        .select_related("digibank")
        .prefetch_related("wipes__medium", "wipes__operator")
        .order_by("tag_number")
    )


@override_settings(SITE_URL="https://digibank.example")
def test_a_label_sheet_has_the_tag_and_a_qr_code_to_the_device_page(world):
    devices = [make_device(world.a.digibank, serial=f"Q{i}") for i in range(25)]
    content = pdfs.label_sheet(with_wipes(devices), compress=False)
    text = pdf_text(content)
    assert content.startswith(b"%PDF")
    assert "MEC-0001 Laptop Lenovo ThinkPad T480 S/N Q0 Digibank Mechelen" in text
    assert "MEC-0025" in text
    assert content.count(b"/Type /Page\n") == 2  # 24 labels a sheet
    expected = "https://digibank.example" + reverse(
        "devices:detail", kwargs={"digibank": "mechelen", "device_id": devices[0].pk}
    )
    assert pdfs.device_url(devices[0]) == expected
    # The QR code drawn is the one segno makes for that address: one square per dark module.
    dark = sum(sum(1 for cell in row if cell) for row in segno.make(expected, error="m").matrix)
    first_label = content.split(b"(MEC-0001)")[0]
    assert first_label.count(b" re ") == dark


def test_the_label_pages_answer_pdfs(client, world):
    client.force_login(world.a.users["hub_volunteer"])
    device = make_device(world.a.digibank, serial="LBL1")
    kwargs = {"digibank": "mechelen"}
    response = client.get(reverse("devices:labels", kwargs=kwargs), {"kind": "laptop"})
    assert response["Content-Type"] == "application/pdf"
    response = client.get(reverse("devices:label", kwargs={**kwargs, "device_id": device.pk}))
    assert response.content.startswith(b"%PDF")


def test_the_donation_certificate_names_serials_methods_dates_operators_and_results(world):
    technician = world.a.users["technician"]
    donation = make_donation(world.a.digibank, donor_name="Acme Logistics NV")
    wiped = device_in(
        DeviceState.WIPED, world.a.digibank, technician, donation=donation, serial="SER-001"
    )
    waiting = make_device(world.a.digibank, donation=donation, serial="SER-002")
    mouse = make_device(
        world.a.digibank, donation=donation, kind=DeviceKind.MOUSE, with_storage=False
    )
    content = pdfs.erasure_certificate(
        digibank=world.a.digibank,
        devices=with_wipes([wiped, waiting, mouse]),
        donation=donation,
        compress=False,
    )
    text = pdf_text(content)
    for expected in (
        "Certificate of data erasure",
        "Acme Logistics NV",
        donation.reference,
        "NIST Special Publication 800-88",
        "SER-001",
        "Purge",
        "Blancco Drive Eraser 7.9",
        technician.get_full_name(),
        "verified: no data left",
        "Not erased yet",
        "SER-002",
        "nothing to erase",
        mouse.asset_tag,
    ):
        assert expected in text, expected
    assert wiped.wipes.get().ended_at.strftime("%Y") in text


def test_a_failed_wipe_is_never_on_the_certificate(world):
    technician = world.a.users["technician"]
    device = make_device(world.a.digibank, serial="FAIL1")
    services.transition(device=device, to="wiping", by=act(technician))
    now = datetime.datetime.now(datetime.UTC)
    services.record_wipe(
        medium=device.media.get(),
        by=act(technician),
        method="clear",
        tool="nwipe",
        started_at=now - datetime.timedelta(hours=1),
        ended_at=now,
        result=WipeResult.FAILED,
    )
    text = pdf_text(
        pdfs.erasure_certificate(
            digibank=world.a.digibank, devices=with_wipes([device]), compress=False
        )
    )
    assert "verification failed" not in text
    assert "Not erased yet" in text


def test_the_certificate_pages_answer_pdfs(client, world):
    client.force_login(world.a.users["technician"])
    donation = make_donation(world.a.digibank)
    device = device_in(
        DeviceState.WIPED, world.a.digibank, world.a.users["technician"], donation=donation
    )
    for name, kwargs in (
        ("certificate", {"device_id": device.pk}),
        ("donation_certificate", {"donation_id": donation.pk}),
        ("donation_report", {"donation_id": donation.pk}),
    ):
        response = client.get(reverse(f"devices:{name}", kwargs={"digibank": "mechelen", **kwargs}))
        assert response.status_code == 200, name
        assert response.content.startswith(b"%PDF"), name


def test_impact_counts_reuse_by_kind_with_the_documented_table(world):
    technician = world.a.users["technician"]
    bank = world.a.digibank
    for index in range(2):
        laptop = device_in(DeviceState.LOANED, bank, technician, serial=f"L{index}")
    device_in(DeviceState.GIFTED, bank, technician, kind=DeviceKind.SMARTPHONE, serial="P1")
    device_in(DeviceState.READY, bank, technician, serial="R1")  # not handed out yet
    services.check_in_device(device=laptop, by=SYSTEM, condition="good")  # still counts: reused
    recycled = device_in(DeviceState.RECYCLED, bank, technician, serial="X1")

    figures = impact.impact_of(Device.objects.filter(digibank=bank))

    assert (figures.received, figures.reused, figures.recycled) == (5, 3, 1)
    assert figures.wiped == 5
    laptop_line = next(line for line in figures.lines if line.kind == "laptop")
    assert laptop_line.reused == 2
    assert laptop_line.weight_kg == 2 * impact.TABLE["laptop"].weight_kg
    assert (
        figures.co2e_avoided_kg
        == 2 * impact.TABLE["laptop"].co2e_kg + impact.TABLE["smartphone"].co2e_kg
    )
    assert figures.waste_avoided_kg == Decimal("4.2")
    assert recycled.state == "recycled"
    assert figures.people_reached == 0  # no loans through the lending pages yet


def test_every_kind_has_a_documented_footprint():
    assert set(impact.TABLE) == set(DeviceKind.values)
    assert all(f.weight_kg > 0 and f.co2e_kg > 0 for f in impact.TABLE.values())
    assert "ADEME" in impact.__doc__ and "UNITAR" in impact.__doc__
    assert any("ADEME" in str(source) for source in impact.SOURCES)


def test_the_donor_report_page_and_pdf_count_without_names(client, world):
    acme = organisation_services.create_partner(
        by=SYSTEM, digibank=world.a.digibank, name="Acme Logistics", kind=PartnerKind.COMPANY
    )
    donation = make_donation(world.a.digibank, donor_partner=acme)
    device_in(
        DeviceState.LOANED,
        world.a.digibank,
        world.a.users["technician"],
        donation=donation,
        serial="DR1",
    )
    make_device(world.a.digibank, donation=donation, serial="DR2")
    client.force_login(world.a.users["coordinator"])
    kwargs = {"digibank": "mechelen", "partner_id": acme.pk}
    page = client.get(reverse("devices:donor_report", kwargs=kwargs))
    assert page.status_code == 200
    figures = page.context["impact"]
    assert (figures.received, figures.wiped, figures.reused) == (2, 1, 1)
    assert "ADEME" in page.content.decode()
    content = client.get(reverse("devices:donor_report_pdf", kwargs=kwargs)).content
    text = pdf_text(content)
    assert "Donor report" in text and "Acme Logistics" in text and donation.reference in text
    assert "People reached" in text
    assert world.a.person.last_name not in text


def test_the_impact_page_shows_the_table_and_its_sources(client, world):
    client.force_login(world.a.users["hub_volunteer"])
    response = client.get(reverse("devices:impact", kwargs={"digibank": "mechelen"}))
    page = response.content.decode()
    assert "Forti" in page and "Base Empreinte" in page
    assert response.context["impact"].received == 0
