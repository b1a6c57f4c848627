"""The technician's pages: register, change, state, drives, wipes, checklist, repairs, recycling."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.devices import checklists
from digibank.devices.models import Device, DeviceState, RepairOutcome, WipeResult
from digibank.devices.tests.helpers import device_in, make_device, make_donation

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"devices:{name}", kwargs={"digibank": world.a.digibank.slug, **kwargs})


@pytest.fixture
def tech(client, world):
    client.force_login(world.a.users["technician"])
    return client


def test_registering_a_device_with_its_drive(tech, world):
    donation = make_donation(world.a.digibank)
    response = tech.post(
        url("create", world),
        {
            "donation": donation.pk,
            "kind": "laptop",
            "brand": "Lenovo",
            "model": "T480",
            "serial": "PF1",
            "memory_gb": "8",
            "screen_inch": "14",
            "accessories": ["charger"],
            "condition": "good",
            "medium_kind": "ssd",
            "medium_capacity": "256",
        },
    )
    device = Device.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", world, device_id=device.pk)
    assert (device.donation, device.accessories) == (donation, ["charger"])
    assert device.media.get().capacity_gb == 256


def test_register_and_add_another_keeps_donation_kind_and_hub(tech, world):
    donation = make_donation(world.a.digibank)
    response = tech.post(
        url("create", world),
        {
            "donation": donation.pk,
            "kind": "screen",
            "condition": "good",
            "hub": world.a.hub.pk,
            "another": "1",
        },
    )
    assert response.status_code == 302
    follow = tech.get(response["Location"])
    form = follow.context["form"]
    assert form.initial["donation"] == donation
    assert form.initial["kind"] == "screen"
    assert form.initial["hub"] == world.a.hub


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "kind", "Choose an answer for “Kind”."),
        ({"kind": "laptop", "brand": "x" * 10_000}, "brand", "at most 60 characters"),
        ({"kind": "laptop", "memory_gb": "lots"}, "memory_gb", "Enter a whole number."),
        ({"kind": "laptop", "battery_health": "150"}, "battery_health", "100"),
        ({"kind": "laptop", "screen_inch": "999"}, "screen_inch", "between 1 and 100"),
        ({"kind": "laptop", "model": "bad\x00char"}, "model", "control characters"),
        ({"kind": "laptop", "medium_capacity": "5"}, "medium_kind", "kind of storage"),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_kept(tech, world, data, field, message):
    response = tech.post(url("create", world), {"condition": "good", **data})
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert Device.objects.count() == 0


@pytest.mark.parametrize("typed", ["<script>alert(1)</script>", "ThinkPad 💻", "جهاز", "שלום"])
def test_any_script_or_emoji_is_stored_as_typed_and_shown_escaped(tech, world, typed):
    response = tech.post(
        url("create", world),
        {"kind": "laptop", "condition": "good", "model": typed, "medium_kind": "ssd"},
    )
    device = Device.objects.get()
    assert device.model == typed
    page = tech.get(response["Location"]).content.decode()
    assert "<script>alert(1)</script>" not in page


def test_a_duplicate_serial_is_shown_on_the_serial_field(tech, world):
    existing = make_device(world.a.digibank, serial="DUP1")
    response = tech.post(
        url("create", world),
        {"kind": "laptop", "condition": "good", "serial": "dup-1", "medium_kind": "ssd"},
    )
    assert existing.asset_tag in response.context["form"].errors["serial"][0]


def test_changing_details(tech, world):
    device = make_device(world.a.digibank, serial="E1")
    response = tech.post(
        url("edit", world, device_id=device.pk),
        {"kind": "laptop", "condition": "fair", "serial": "E1", "memory_gb": "16"},
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert (device.memory_gb, device.condition) == (16, "fair")


def test_the_state_form_offers_only_legal_moves_and_explains_a_refusal(tech, world):
    device = make_device(world.a.digibank, serial="S1")
    page = tech.get(url("transition", world, device_id=device.pk))
    offered = {value for value, _label in page.context["form"].fields["to"].choices}
    assert offered == {"wiping", "refurbishing", "in_repair", "end_of_life", "lost", "stolen"}

    response = tech.post(url("transition", world, device_id=device.pk), {"to": "refurbishing"})
    assert response.status_code == 200
    assert "wipe it before refurbishing" in response.context["form"].errors["to"][0]
    response = tech.post(url("transition", world, device_id=device.pk), {"to": "ready"})
    assert "Select a valid choice" in response.context["form"].errors["to"][0]

    response = tech.post(
        url("transition", world, device_id=device.pk), {"to": "wiping", "note": "batch 4"}
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.state == DeviceState.WIPING


def test_recording_a_wipe_on_the_page(tech, world):
    device = make_device(world.a.digibank, serial="W1")
    tech.post(url("transition", world, device_id=device.pk), {"to": "wiping"})
    medium = device.media.get()
    now = timezone.localtime()
    data = {
        "method": "purge",
        "tool": "nvme-cli 2.8 sanitize",
        "started_at": (now - timezone.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M"),
        "ended_at": (now - timezone.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
        "result": "passed",
        "verification_note": "sample read",
    }
    bad = tech.post(
        url("wipe", world, device_id=device.pk, medium_id=medium.pk), {**data, "tool": ""}
    )
    assert "Fill in “Tool and version”." in bad.context["form"].errors["tool"]
    response = tech.post(url("wipe", world, device_id=device.pk, medium_id=medium.pk), data)
    assert response.status_code == 302
    wipe = medium.wipes.get()
    assert (wipe.result, wipe.operator) == (WipeResult.PASSED, world.a.users["technician"])


def test_a_drive_of_another_device_is_not_found(tech, world):
    device = make_device(world.a.digibank, serial="M1")
    other = make_device(world.a.digibank, serial="M2")
    response = tech.get(url("wipe", world, device_id=device.pk, medium_id=other.media.get().pk))
    assert response.status_code == 404


def test_adding_and_taking_out_a_drive(tech, world):
    device = make_device(world.a.digibank, serial="D1", with_storage=False)
    response = tech.post(
        url("medium_add", world, device_id=device.pk), {"kind": "hdd", "capacity_gb": "500"}
    )
    assert response.status_code == 302
    medium = device.media.get(removed_at__isnull=True)
    tech.post(url("medium_remove", world, device_id=device.pk, medium_id=medium.pk))
    medium.refresh_from_db()
    assert medium.removed_at is not None


def test_the_checklist_page_saves_progress_and_the_grade(tech, world):
    device = device_in(DeviceState.WIPED, world.a.digibank, world.a.users["technician"])
    tech.post(url("transition", world, device_id=device.pk), {"to": "refurbishing"})
    items = checklists.BY_KIND["laptop"]
    tech.post(url("checklist", world, device_id=device.pk), {"checked": items[:2]})
    page = tech.get(url("checklist", world, device_id=device.pk))
    assert page.context["form"].initial["checked"] == items[:2]
    tech.post(
        url("checklist", world, device_id=device.pk),
        {"checked": items, "grade": "A", "battery_health": "88"},
    )
    response = tech.post(url("transition", world, device_id=device.pk), {"to": "ready"})
    assert response.status_code == 302
    device.refresh_from_db()
    assert (device.state, device.grade, device.battery_health) == ("ready", "A", 88)


def test_a_repair_from_start_to_end_of_life_and_recycling(tech, world):
    device = device_in(DeviceState.WIPED, world.a.digibank, world.a.users["technician"])
    tech.post(url("repair_start", world, device_id=device.pk), {"fault": "No power"})
    repair = device.repairs.get()
    bad = tech.post(
        url("repair_finish", world, device_id=device.pk, repair_id=repair.pk),
        {"outcome": "end_of_life", "minutes": "30"},
    )
    assert "barrier" in bad.context["form"].errors["barriers"][0]
    tech.post(
        url("repair_finish", world, device_id=device.pk, repair_id=repair.pk),
        {"outcome": "end_of_life", "minutes": "30", "barriers": ["no_parts"]},
    )
    repair.refresh_from_db()
    assert repair.outcome == RepairOutcome.END_OF_LIFE
    response = tech.post(url("recycle", world, device_id=device.pk), {"recycler": "Recupel"})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.state == DeviceState.RECYCLED


def test_a_photo_is_uploaded_checked_and_shown_only_to_staff(tech, world):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    not_an_image = SimpleUploadedFile("photo.png", b"not an image", content_type="image/png")
    response = tech.post(
        url("create", world), {"kind": "screen", "condition": "good", "photo": not_an_image}
    )
    assert response.context["form"].errors["photo"]
    photo = SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")
    response = tech.post(
        url("create", world), {"kind": "screen", "condition": "good", "photo": photo}
    )
    device = Device.objects.get()
    page = tech.get(response["Location"]).content.decode()
    photo_url = url("photo", world, device_id=device.pk)
    assert photo_url in page
    shown = tech.get(photo_url)
    assert shown["Content-Type"] == "image/png"
    assert b"".join(shown.streaming_content) == buffer.getvalue()
    tech.logout()
    assert tech.get(photo_url).status_code == 302
