"""Uploads are limited in size and kind, checked by their content; a body over the limits gets a
413 page (or the API's error shape), never a server error."""

from __future__ import annotations

import io
import json
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import Workbook
from PIL import Image

from digibank.core import uploads
from digibank.core.services import create_api_token
from digibank.devices.models import Device
from digibank.devices.tests.helpers import make_donation
from digibank.testing import World

pytestmark = pytest.mark.django_db


def image_file(name: str, kind: str, size: tuple[int, int] = (8, 8), noise: bool = False):
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("1" if size[0] > 1000 else "RGB", size)
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def technician(client: Client, world: World) -> Client:
    client.force_login(world.a.users["technician"])
    return client


def register_with_photo(client: Client, world: World, photo):
    url = reverse("devices:create", kwargs={"digibank": world.a.digibank.slug})
    return client.post(url, {"kind": "screen", "condition": "good", "photo": photo})


def photo_error(response) -> str:
    assert response.status_code == 200, "the form must be shown again, not saved or a 500"
    return " ".join(response.context["form"].errors["photo"])


def test_it_takes_a_png_or_jpeg_photo(technician, world):
    for photo in (image_file("front.png", "PNG"), image_file("front.JPG", "JPEG")):
        assert register_with_photo(technician, world, photo).status_code == 302
    assert Device.objects.exclude(photo="").count() == 2


@pytest.mark.parametrize(
    "photo",
    [
        pytest.param(image_file("photo.png", "GIF"), id="a GIF"),
        pytest.param(image_file("photo.png", "BMP"), id="a bitmap"),
        pytest.param(image_file("photo.png", "JPEG"), id="a JPEG named .png"),
        pytest.param(
            SimpleUploadedFile("photo.png", b"%PDF-1.7 not an image", content_type="image/png"),
            id="a PDF named .png",
        ),
    ],
)
def test_it_refuses_a_photo_that_is_not_what_it_claims(technician, world, photo):
    response = register_with_photo(technician, world, photo)

    assert "Choose a JPEG or PNG photo." in photo_error(response)
    assert not Device.objects.exists()


def test_it_refuses_an_image_of_too_many_pixels(technician, world):
    # 49 megapixels of one colour: a few kB to send, 49 MB and more to open.
    bomb = image_file("photo.png", "PNG", size=(7000, 7000))
    assert bomb.size < 100_000

    response = register_with_photo(technician, world, bomb)

    assert "Choose a JPEG or PNG photo." in photo_error(response)


def test_it_refuses_a_photo_over_the_size_limit(technician, world, monkeypatch):
    monkeypatch.setattr(uploads, "PHOTO_MAX_BYTES", uploads.MEGABYTE)
    big = image_file("photo.png", "PNG", size=(700, 700), noise=True)
    assert big.size > uploads.MEGABYTE

    response = register_with_photo(technician, world, big)

    assert "Choose a file smaller than 1 MB." in photo_error(response)


def import_url(world: World) -> str:
    donation = make_donation(world.a.digibank)
    return reverse(
        "devices:donation_import",
        kwargs={"digibank": world.a.digibank.slug, "donation_id": donation.pk},
    )


def workbook_bytes() -> bytes:
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.append(["kind", "storage_type"])  # a laptop comes with its drive
    sheet.append(["laptop", "ssd"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def import_error(response) -> str:
    assert response.status_code == 200, "the form must be shown again, not saved or a 500"
    return " ".join(response.context["form"].errors["file"])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("list.xlsx", b"kind\nlaptop\n", "This file is not an Excel (.xlsx) workbook."),
        ("list.xlsx", b"PK\x03\x04 broken", "This file is not an Excel (.xlsx) workbook."),
        ("list.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This file is not a CSV text file."),
        ("list.csv", workbook_bytes(), "This file is not a CSV text file."),
        ("list.pdf", b"%PDF-1.7", "Choose a CSV or an Excel (.xlsx) file."),
    ],
)
def test_the_import_refuses_a_file_that_is_not_what_it_claims(
    technician, world, name, content, message
):
    response = technician.post(import_url(world), {"file": SimpleUploadedFile(name, content)})

    assert message in import_error(response)
    assert not Device.objects.exists()


def test_the_import_refuses_a_workbook_too_large_once_unpacked(technician, world, monkeypatch):
    monkeypatch.setattr(uploads, "TABLE_MAX_UNPACKED_BYTES", 200_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * 300_000)
    upload = SimpleUploadedFile("list.xlsx", buffer.getvalue())
    assert upload.size < 10_000

    response = technician.post(import_url(world), {"file": upload})

    assert "This workbook is too large once unpacked" in import_error(response)


def test_the_import_takes_a_real_workbook_and_a_real_csv(technician, world):
    for upload in (
        SimpleUploadedFile("list.xlsx", workbook_bytes()),
        SimpleUploadedFile("other.csv", b"kind;serial;storage_type\nlaptop;X1;ssd\n"),
    ):
        assert technician.post(import_url(world), {"file": upload}).status_code == 302
    assert Device.objects.count() == 2


def test_the_import_refuses_a_file_over_the_size_limit(technician, world, monkeypatch):
    monkeypatch.setattr(uploads, "TABLE_MAX_BYTES", uploads.MEGABYTE)
    upload = SimpleUploadedFile("list.csv", b"kind\n" + b"laptop\n" * 200_000)

    response = technician.post(import_url(world), {"file": upload})

    assert "Choose a file smaller than 1 MB." in import_error(response)


@override_settings(UPLOAD_MAX_BYTES=uploads.MEGABYTE)
def test_a_request_with_files_over_the_limit_gets_the_413_page(technician, world):
    upload = SimpleUploadedFile("list.csv", b"kind\n" + b"laptop\n" * 200_000)

    response = technician.post(import_url(world), {"file": upload})

    assert response.status_code == 413
    assert "What you sent is too large" in response.content.decode()
    assert not Device.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_a_form_over_the_limit_gets_the_413_page(technician, world):
    url = reverse("devices:create", kwargs={"digibank": world.a.digibank.slug})

    response = technician.post(url, {"kind": "screen", "condition_notes": "x" * 20_000})

    assert response.status_code == 413
    assert "What you sent is too large" in response.content.decode()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_an_api_body_over_the_limit_gets_413_in_the_error_shape(client, world):
    key = create_api_token(user=world.a.users["coordinator"], name="big")
    url = reverse("api:create_person", kwargs={"digibank": world.a.digibank.slug})
    body = json.dumps({"first_name": "An", "last_name": "Peeters", "notes": "x" * 20_000})

    response = client.post(
        url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
