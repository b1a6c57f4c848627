"""Registering a device: the technician types the storage once (as the drive), and a device that
must be wiped cannot be registered without its drive, which would block it before the wipe.

The rule is the service's (`services.intake.checked_storage`), so the register page, the
spreadsheet import and a later change of the device's kind or storage keep it alike."""

import pytest
from django.urls import reverse

from digibank.core.errors import DomainError
from digibank.devices import services
from digibank.devices.models import Device, DeviceKind, MediumKind
from digibank.devices.tests.helpers import make_device, make_donation
from digibank.organisations.permissions import SYSTEM

pytestmark = pytest.mark.django_db


def create_url(world):
    return reverse("devices:create", kwargs={"digibank": world.a.digibank.slug})


@pytest.fixture
def tech(client, world):
    client.force_login(world.a.users["technician"])
    return client


def test_the_register_page_asks_for_the_storage_once(tech, world):
    form = tech.get(create_url(world)).context["form"]
    assert "storage_gb" not in form.fields
    assert "medium_capacity" in form.fields


def test_the_drives_capacity_is_the_devices_storage(tech, world):
    response = tech.post(
        create_url(world),
        {
            "donation": make_donation(world.a.digibank).pk,
            "kind": "laptop",
            "condition": "good",
            "medium_kind": "ssd",
            "medium_capacity": "512",
        },
    )
    assert response.status_code == 302
    device = Device.objects.get()
    assert device.storage_gb == 512
    assert device.media.get().capacity_gb == 512


@pytest.mark.parametrize("kind", ["laptop", "desktop", "tablet", "smartphone"])
def test_a_device_with_storage_needs_its_drive_to_be_registered(tech, world, kind):
    response = tech.post(create_url(world), {"kind": kind, "condition": "good"})
    assert response.status_code == 200
    assert "wiped" in " ".join(response.context["form"].errors["medium_kind"])
    assert not Device.objects.exists()


def test_a_device_without_storage_needs_no_drive(tech, world):
    response = tech.post(create_url(world), {"kind": "screen", "condition": "good"})
    assert response.status_code == 302
    assert Device.objects.get().storage_gb is None


@pytest.mark.parametrize("kind", ["laptop", "desktop", "tablet", "smartphone"])
def test_the_service_refuses_a_device_that_holds_data_without_its_drive(world, kind):
    with pytest.raises(DomainError) as refused:
        services.register_device(digibank=world.a.digibank, by=SYSTEM, kind=kind, storage_gb=256)
    assert refused.value.field == "medium_kind"
    assert "wiped" in refused.value.message
    assert not Device.objects.exists()


def test_the_service_refuses_a_drive_in_a_device_that_holds_no_data(world):
    with pytest.raises(DomainError) as refused:
        services.register_device(
            digibank=world.a.digibank,
            by=SYSTEM,
            kind=DeviceKind.SCREEN,
            media=[{"kind": MediumKind.SSD, "capacity_gb": 256}],
        )
    assert refused.value.field == "medium_kind"


def test_a_single_drive_without_its_capacity_takes_the_devices_storage(world):
    device = services.register_device(
        digibank=world.a.digibank,
        by=SYSTEM,
        kind=DeviceKind.LAPTOP,
        storage_gb=512,
        media=[{"kind": MediumKind.SSD}],
    )
    assert device.media.get().capacity_gb == 512


def test_the_service_refuses_a_storage_that_is_not_its_drives_capacity(world):
    with pytest.raises(DomainError) as refused:
        services.register_device(
            digibank=world.a.digibank,
            by=SYSTEM,
            kind=DeviceKind.LAPTOP,
            storage_gb=128,
            media=[{"kind": MediumKind.SSD, "capacity_gb": 256}],
        )
    assert refused.value.field == "storage_gb"
    assert "256" in refused.value.message


def test_the_import_refuses_a_computer_row_without_its_storage_type(world):
    donation = make_donation(world.a.digibank)
    content = (
        "Soort;Merk;Opslag;Opslagtype\nlaptop;HP;256 GB;\nscherm;Dell;;\ntablet;Samsung;64;emmc\n"
    )
    with pytest.raises(services.ImportRejected) as rejected:
        services.import_devices(
            donation=donation, by=SYSTEM, file_name="lijst.csv", content=content.encode()
        )
    [error] = rejected.value.errors
    assert (error.row, error.column) == (2, "Opslagtype")
    assert "laptop" in error.message
    assert not Device.objects.exists()


def test_changing_a_screen_into_a_laptop_without_a_drive_is_refused(world):
    screen = make_device(world.a.digibank, kind=DeviceKind.SCREEN)
    with pytest.raises(DomainError) as refused:
        services.update_device(device=screen, by=SYSTEM, kind=DeviceKind.LAPTOP)
    assert refused.value.field == "kind"
    screen.refresh_from_db()
    assert screen.kind == DeviceKind.SCREEN


def test_changing_a_laptop_with_its_drive_into_a_screen_is_refused(world):
    laptop = make_device(world.a.digibank)
    with pytest.raises(DomainError) as refused:
        services.update_device(device=laptop, by=SYSTEM, kind=DeviceKind.SCREEN)
    assert refused.value.field == "kind"


def test_changing_the_storage_away_from_the_drives_capacity_is_refused(world):
    laptop = make_device(world.a.digibank, storage_gb=256)
    with pytest.raises(DomainError) as refused:
        services.update_device(device=laptop, by=SYSTEM, storage_gb=500)
    assert refused.value.field == "storage_gb"
    services.update_device(device=laptop, by=SYSTEM, storage_gb=256, brand="HP")
    laptop.refresh_from_db()
    assert (laptop.brand, laptop.storage_gb) == ("HP", 256)


def test_the_edit_page_shows_the_refused_kind_next_to_its_field(tech, world):
    screen = make_device(world.a.digibank, kind=DeviceKind.SCREEN)
    url = reverse(
        "devices:edit", kwargs={"digibank": world.a.digibank.slug, "device_id": screen.pk}
    )
    response = tech.post(url, {"kind": "laptop", "condition": "good"})
    assert response.status_code == 200
    assert "drive" in " ".join(response.context["form"].errors["kind"])
