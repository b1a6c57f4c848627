"""The benchmark's own database: where it lives, one digibank with `count` devices built in bulk,
and the scenarios and credentials the benchmark asks it with. Django is set up on the chosen
database by `configure`, so every Django import here sits inside a function."""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DATABASE = BENCH_DIR / "devices.sqlite3"
SLUG = "bench"
PASSWORD = "bench-password-not-secret"


def configure(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["VAR_DIR"] = str(BENCH_DIR)  # static files of the benchmark server go here
    os.environ.setdefault("SECRET_KEY", "benchmark-secret-key-that-is-long-enough-0123456789")
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,testserver,localhost"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "digibank.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build(count: int) -> None:
    """One digibank, a hub, a company partner, a donation and `count` devices."""
    from django.core.management import call_command
    from django.db import transaction

    from digibank.devices.models import (
        STORAGE_KINDS,
        Device,
        DeviceKind,
        DeviceState,
        Grade,
        TagSequence,
    )
    from digibank.devices.services import create_donation
    from digibank.devices.services.common import serial_key_for
    from digibank.devices.services.counts import recount
    from digibank.organisations import services as organisation_services
    from digibank.organisations.models import Municipality, PartnerKind, Region, Role
    from digibank.organisations.permissions import SYSTEM
    from digibank.testing import make_user

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    with transaction.atomic():
        region = Region.objects.create(name="Bench", slug="bench-region")
        municipality = Municipality.objects.get(nis_code="12025")
        digibank = organisation_services.create_digibank(
            region=region,
            name="Digibank Bench",
            slug=SLUG,
            municipalities=[municipality],
            by=SYSTEM,
        )
        hubs = [
            organisation_services.create_hub(
                digibank=digibank,
                name=f"Hub {number}",
                street="Stationsstraat 1",
                postcode="2800",
                municipality=municipality,
                by=SYSTEM,
            )
            for number in range(1, 4)
        ]
        partner = organisation_services.create_partner(
            digibank=digibank, name="Bench Company", kind=PartnerKind.COMPANY, by=SYSTEM
        )
        donation = create_donation(
            digibank=digibank, by=SYSTEM, donor_kind="company", donor_partner=partner
        )
        user = make_user("bench-coordinator")
        user.set_password(PASSWORD)
        user.save()
        organisation_services.add_member(
            digibank=digibank, user=user, role=Role.COORDINATOR, by=SYSTEM
        )
        rng = random.Random(42)
        kinds = list(DeviceKind)
        weights = [30, 8, 12, 10, 10, 2, 2, 6, 10, 5, 5]
        states = list(DeviceState)
        batch: list[Device] = []
        for number in range(1, count + 1):
            kind = rng.choices(kinds, weights)[0]
            state = rng.choice(states)
            maker = rng.choice(["PF", "5CG", "CND", "R9", "SN"])
            serial = f"{maker}{rng.randrange(10**4):04d}{number:06d}"
            batch.append(
                Device(
                    digibank=digibank,
                    donation=donation if number % 3 else None,
                    tag_number=number,
                    asset_tag=f"BEN-{number:04d}",
                    kind=kind,
                    state=state,
                    brand=rng.choice(["Lenovo", "Dell", "HP", "Samsung", "Apple"]),
                    model=f"Model {rng.randrange(100)}",
                    serial=serial,
                    serial_key=serial_key_for(serial),
                    memory_gb=8 if kind in STORAGE_KINDS else None,
                    storage_gb=256 if kind in STORAGE_KINDS else None,
                    grade=rng.choice(list(Grade.values)) if state == DeviceState.READY else "",
                    hub=rng.choice(hubs),
                    keyboard_layout="azerty_be" if kind == DeviceKind.LAPTOP else "",
                )
            )
            if len(batch) == 5000:
                Device.objects.bulk_create(batch)
                batch = []
        Device.objects.bulk_create(batch)
        TagSequence.objects.create(digibank=digibank, prefix="BEN", next_number=count + 1)
        recount(digibank)
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE devices_device")
    print(f"Built {count:,} devices in {time.perf_counter() - started:.1f} s")


def scenarios() -> list[tuple[str, str, str]]:
    """(name, path, kind) where kind is html or api."""
    from digibank.devices.models import Device

    oldest = Device.objects.filter(digibank__slug=SLUG).order_by("pk").values_list("pk", flat=True)
    deep_after = oldest[50]  # the last page: 50 devices older than this one
    sample = Device.objects.filter(digibank__slug=SLUG).order_by("pk")[12345]
    prefix = sample.serial_key[:7]
    html = f"/staff/{SLUG}/devices/"
    api = f"/api/digibanks/{SLUG}/devices"
    return [
        ("HTML list, first page", html, "html"),
        ("HTML list, deep page", f"{html}?after={deep_after}", "html"),
        ("HTML list, search", f"{html}?q={prefix}", "html"),
        ("HTML list, filter state+kind", f"{html}?state=ready&kind=laptop", "html"),
        ("API list, first page", f"{api}?limit=50", "api"),
        ("API list, deep page", f"{api}?limit=50&after={deep_after}", "api"),
        ("API list, search", f"{api}?search={prefix}", "api"),
    ]


def credentials() -> tuple[str, str]:
    """A session cookie for the pages and a token for the API, for the bench coordinator."""
    from django.test import Client

    from digibank.core.models import User
    from digibank.core.services import create_api_token

    user = User.objects.get(username="bench-coordinator")
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value, create_api_token(user=user, name="bench")
