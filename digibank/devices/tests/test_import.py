"""Importing a donor's asset list: row by row checks, all or nothing, never twice."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from digibank.core.errors import DomainError
from digibank.devices import services
from digibank.devices.models import Device, DeviceImport, DonationStatus, MediumKind
from digibank.devices.services.importing import RowError
from digibank.devices.tests.helpers import make_digibank, make_donation
from digibank.organisations.permissions import SYSTEM
from digibank.testing import act

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "Soort;Merk;Model;Serienummer;RAM;Opslag;Opslagtype;Scherm;Batterij;Toetsenbord;Accessoires\n"
    "laptop;Lenovo;ThinkPad T480;PF1ABC01;8 GB;256 GB;ssd;14;82%;azerty;lader, muis\n"
    "laptop;Dell;Latitude 5490;5CG0001;16;1 TB;nvme;15,6;71;qwerty;charger\n"
    "scherm;Dell;P2419H;CN0001;;;;24;;;kabel\n"
    ";;;;;;;;;;\n"
)


def run(donation, content, name="list.csv", by=SYSTEM):
    return services.import_devices(
        donation=donation, by=by, file_name=name, content=content.encode("utf-8")
    )


def test_it_imports_a_dutch_csv_with_units_and_registers_the_drives():
    digibank, staff = make_digibank()
    donation = make_donation(digibank)
    report = run(donation, GOOD_CSV, by=act(staff))

    assert len(report.created) == 3
    laptop = Device.objects.get(serial="PF1ABC01")
    assert (laptop.memory_gb, laptop.storage_gb, laptop.battery_health) == (8, 256, 82)
    assert laptop.keyboard_layout == "azerty_be"
    assert laptop.accessories == ["charger", "mouse"]
    assert laptop.media.get().kind == MediumKind.SSD
    second = Device.objects.get(serial="5CG0001")
    assert (second.storage_gb, str(second.screen_inch)) == (1000, "15.6")
    screen = Device.objects.get(serial="CN0001")
    assert screen.kind == "screen" and not screen.media.exists()
    assert [d.import_row for d in report.created] == [2, 3, 4]
    donation.refresh_from_db()
    assert donation.status == DonationStatus.RECEIVED


def test_importing_the_same_file_twice_creates_nothing_the_second_time():
    digibank, _staff = make_digibank()
    donation = make_donation(digibank)
    run(donation, GOOD_CSV)
    again = run(donation, GOOD_CSV, name="copy.csv")
    assert again.already_imported
    assert again.created == []
    assert Device.objects.count() == 3
    assert DeviceImport.objects.count() == 1


def test_an_extended_list_adds_only_the_new_rows():
    digibank, _staff = make_digibank()
    donation = make_donation(digibank)
    run(donation, GOOD_CSV)
    extended = GOOD_CSV + "tablet;Samsung;Tab A8;R9XYZ;4;64;emmc;10,5;90;;\n"
    report = run(donation, extended, name="v2.csv")
    assert [device.serial for device in report.created] == ["R9XYZ"]
    assert [row for row, _tag in report.skipped] == [2, 3, 4]
    assert Device.objects.count() == 4


def test_a_file_with_bad_rows_imports_nothing_and_says_where():
    digibank, _staff = make_digibank()
    donation = make_donation(digibank)
    content = (
        "kind,brand,serial,memory_gb,battery_health,accessories,plan_ends_on,storage_type\n"
        "laptop,HP,OK1,8,90,charger,,ssd\n"
        "toaster,HP,BAD1,8,,,,\n"
        "laptop,HP,BAD2,lots,,,,\n"
        "laptop,HP,BAD3,8,150,,,\n"
        "laptop,HP,BAD4,8,,jetpack,,\n"
        "laptop,HP,OK1,8,,,,\n"
        "data_sim,Proximus,SIM1,,,,32/13/2026,\n"
        "mouse,Logitech,M1,,,,,ssd\n"
        ",HP,NOKIND,,,,,\n"
    )
    with pytest.raises(services.ImportRejected) as rejected:
        run(donation, content)
    errors = rejected.value.errors
    assert [(e.row, e.column) for e in errors] == [
        (3, "kind"),
        (4, "memory_gb"),
        (5, "battery_health"),
        (6, "accessories"),
        (7, "serial"),
        (8, "plan_ends_on"),
        (9, "storage_type"),
        (10, "kind"),
    ]
    assert "row 2" in errors[4].message
    assert "100" in errors[2].message
    assert Device.objects.count() == 0
    assert DeviceImport.objects.count() == 0


def test_a_serial_already_in_another_donation_is_a_bad_row():
    digibank, _staff = make_digibank()
    run(make_donation(digibank), GOOD_CSV)
    with pytest.raises(services.ImportRejected) as rejected:
        run(make_donation(digibank), "kind;serial\nlaptop;PF1ABC01\n")
    assert rejected.value.errors == [
        RowError(2, "serial", "A device with this serial number is already registered: LIE-0001.")
    ]


def test_unknown_or_missing_columns_are_reported_on_row_1():
    digibank, _staff = make_digibank()
    donation = make_donation(digibank)
    with pytest.raises(services.ImportRejected) as rejected:
        run(donation, "brand,colour,brand\nHP,red,HP\n")
    assert [(e.row, e.column) for e in rejected.value.errors] == [
        (1, "colour"),
        (1, "brand"),
        (1, "kind"),
    ]


def test_it_imports_an_xlsx_file_with_real_numbers_and_dates():
    digibank, _staff = make_digibank()
    donation = make_donation(digibank)
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Kind",
            "Brand",
            "Serial number",
            "Memory (GB)",
            "Plan ends on",
            "Data plan",
            "Storage type",
        ]
    )
    sheet.append(["laptop", "HP", "XL1", 8.0, None, None, "ssd"])
    sheet.append(
        ["data SIM", "Proximus", 8932, None, datetime.datetime(2027, 6, 30), "10 GB", None]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    report = services.import_devices(
        donation=donation, by=SYSTEM, file_name="Assets.XLSX", content=buffer.getvalue()
    )
    sim = Device.objects.get(kind="data_sim")
    assert (sim.serial, sim.plan_ends_on, sim.data_plan) == (
        "8932",
        datetime.date(2027, 6, 30),
        "10 GB",
    )
    assert len(report.created) == 2


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"", "empty.csv"),
        (b"PK\x03\x04 not really a zip", "broken.xlsx"),
        (b"\x00\x01\x02binary", "binary.csv"),
        (b"kind\n", "header-only.csv"),
    ],
)
def test_it_refuses_an_unreadable_or_empty_file(content, name):
    digibank, _staff = make_digibank()
    with pytest.raises(DomainError) as refused:
        services.import_devices(
            donation=make_donation(digibank), by=SYSTEM, file_name=name, content=content
        )
    assert refused.value.field == "file"


def test_the_import_page_shows_the_bad_rows_and_keeps_nothing(client, world):
    client.force_login(world.a.users["technician"])
    donation = make_donation(world.a.digibank)
    url = reverse(
        "devices:donation_import",
        kwargs={"digibank": world.a.digibank.slug, "donation_id": donation.pk},
    )
    upload = io.BytesIO(b"kind;serial\nlaptop;A1\n<script>;A2\n")
    upload.name = "list.csv"
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "Unknown kind of device" in page
    assert "<script>;" not in page
    assert Device.objects.count() == 0

    good = io.BytesIO(GOOD_CSV.encode())
    good.name = "list.csv"
    response = client.post(url, {"file": good})
    assert response.status_code == 302
    assert Device.objects.count() == 3


def test_the_import_page_refuses_other_files(client, world):
    client.force_login(world.a.users["technician"])
    donation = make_donation(world.a.digibank)
    url = reverse(
        "devices:donation_import",
        kwargs={"digibank": world.a.digibank.slug, "donation_id": donation.pk},
    )
    upload = io.BytesIO(b"MZ...")
    upload.name = "virus.exe"
    response = client.post(url, {"file": upload})
    assert "Choose a CSV or an Excel (.xlsx) file." in response.content.decode()
    response = client.post(url, {})
    assert "Choose a file." in response.content.decode()
