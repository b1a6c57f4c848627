"""Registering a device: the technician types the storage once (as the drive), and a device that
must be wiped cannot be registered without its drive, which would block it before the wipe."""

import pytest
from django.urls import reverse

from digibank.devices.models import Device
from digibank.devices.tests.helpers import make_donation

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
