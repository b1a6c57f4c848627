"""Small builders for the device tests; every row is made through the real services."""

from __future__ import annotations

import base64
import re
import zlib
from typing import Any

from digibank.devices import journeys, services
from digibank.devices.models import Device, DeviceKind, Donation, DonorKind
from digibank.organisations import services as organisation_services
from digibank.organisations.models import Digibank, Municipality, Region, Role
from digibank.organisations.permissions import SYSTEM, Actor
from digibank.testing import make_user


def make_digibank(slug: str = "lier") -> tuple[Digibank, Any]:
    """A bare digibank and its coordinator, who may do everything (lighter than the world)."""
    region = Region.objects.get_or_create(slug="vlaanderen", defaults={"name": "Vlaanderen"})[0]
    digibank = organisation_services.create_digibank(
        by=SYSTEM,
        region=region,
        name=f"Digibank {slug.title()}",
        slug=slug,
        municipalities=[Municipality.objects.get(nis_code="12021")],
    )
    coordinator = make_user(f"staff-{slug}")
    organisation_services.add_member(
        by=SYSTEM, digibank=digibank, user=coordinator, role=Role.COORDINATOR
    )
    return digibank, coordinator


def make_donation(digibank: Digibank, by: Actor = SYSTEM, **fields: Any) -> Donation:
    defaults = {
        "donor_kind": DonorKind.COMPANY,
        "donor_name": "Acme Logistics NV",
        "contact_email": "it@acme.example",
        "expected_counts": {DeviceKind.LAPTOP: 10},
    }
    return services.create_donation(digibank=digibank, by=by, **{**defaults, **fields})


def make_device(
    digibank: Digibank,
    by: Actor = SYSTEM,
    *,
    kind: str = DeviceKind.LAPTOP,
    donation: Donation | None = None,
    with_storage: bool = True,
    **fields: Any,
) -> Device:
    device = services.register_device(
        digibank=digibank,
        by=by,
        donation=donation,
        kind=kind,
        brand=fields.pop("brand", "Lenovo"),
        model=fields.pop("model", "ThinkPad T480"),
        media=journeys.storage_for(kind, fields.get("storage_gb")),
        **fields,
    )
    if not with_storage:
        # A device is never registered without the drive it needs; it can lose it afterwards.
        for medium in device.media.all():
            services.remove_medium(medium=medium, by=SYSTEM, note="Test: taken out.")
    return device


def device_in(state: str, digibank: Digibank, technician: Any, **fields: Any) -> Device:
    device = make_device(digibank, **fields)
    return journeys.bring_to(device, state, by=SYSTEM, technician=technician)


_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
_STRING = re.compile(rb"\((.*?)(?<!\\)\)", re.DOTALL)


def pdf_text(content: bytes) -> str:
    """The text a reportlab PDF shows, its strings joined by single spaces (for assertions)."""
    parts = []
    for stream in _STREAM.findall(content):
        data = stream.strip()
        if data.endswith(b"~>"):  # ASCII85, then Flate: reportlab's compressed pages
            try:
                data = zlib.decompress(base64.a85decode(data[:-2]))
            except (ValueError, zlib.error):
                continue
        parts += [match.decode("latin-1") for match in _STRING.findall(data)]
    text = " ".join(parts).replace("\\(", "(").replace("\\)", ")")
    return re.sub(r"\s+", " ", text)
