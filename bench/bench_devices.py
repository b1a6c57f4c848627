"""Benchmark of the device inventory at 100,000 devices: `make bench-devices`.

1. Builds a separate SQLite database under var/bench/ with one digibank and 100,000 devices
   (bulk_create, a few seconds; reused on the next run unless --rebuild).
2. Counts the SQL queries of each request with Django's test client.
3. Starts a real gunicorn (2 sync workers like `make demo`, or --workers N) on that database and
   sends requests from several threads for a few seconds per scenario: requests per second, p50
   and p95, and the CPU share the load generator itself took.

Scenarios: the HTML list and the API list, each for the first page, a deep page (the last page
of the inventory, reached with its cursor) and a search by the start of a serial number.
The figures are printed, never asserted. Options: --devices N, --seconds S, --threads T,
--workers N, --rebuild, --postgres URL (benchmark a PostgreSQL database instead of the SQLite file).
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

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


def count_queries(paths: list[tuple[str, str, str]], session: str, token: str) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.cookies["sessionid"] = session
    counts = {}
    for name, path, kind in paths:
        extra: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if kind == "api" else {}
        client.get(path, **extra)  # warm up
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, **extra)
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = len(captured.captured_queries)
    return counts


def cpu_per_request(
    paths: list[tuple[str, str, str]], session: str, token: str, repeat: int = 40
) -> dict[str, float]:
    """Server CPU milliseconds per request, measured in this process through the WSGI handler.

    Unlike requests per second, this hardly changes when other programs load the machine.
    """
    import io

    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()

    def call(path: str, kind: str) -> None:
        route, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": route,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "wsgi.input": io.BytesIO(),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
        }
        if kind == "api":
            environ["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        else:
            environ["HTTP_COOKIE"] = f"sessionid={session}"
        statuses: list[str] = []

        def start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
            statuses.append(status)

        b"".join(application(environ, start_response))
        if not statuses[0].startswith("200"):
            raise RuntimeError(f"{path}: {statuses[0]}")

    result = {}
    for name, path, kind in paths:
        call(path, kind)
        started = time.process_time()
        for _ in range(repeat):
            call(path, kind)
        result[name] = (time.process_time() - started) / repeat * 1000
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "digibank.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def hammer(url: str, headers: dict[str, str], seconds: float, threads: int) -> list[float]:
    """Send requests from `threads` threads for `seconds`; the latency of each, in seconds."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def work() -> None:
        mine = []
        while time.perf_counter() < stop:
            request = urllib.request.Request(url, headers=headers)  # noqa: S310
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"{url}: {response.status}")
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn sync workers (make demo runs 2)"
    )
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL to use instead")
    options = parser.parse_args()

    if options.postgres:
        configure(options.postgres)
        from django.core.management import call_command

        from digibank.devices.models import Device

        call_command("migrate", verbosity=0)
        fresh = options.rebuild or not Device.objects.filter(digibank__slug=SLUG).exists()
    else:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        marker = BENCH_DIR / f"devices-{options.devices}.built"
        fresh = options.rebuild or not (DATABASE.exists() and marker.exists())
        if fresh:
            for stale in BENCH_DIR.glob("devices*"):
                stale.unlink()
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        configure(f"sqlite:///{DATABASE}")
    if fresh:
        build(options.devices)
        if not options.postgres:
            marker.touch()

    from django.core.management import call_command

    from digibank.devices.models import Device

    call_command("migrate", verbosity=0)
    from digibank.devices.models import DeviceStateCount
    from digibank.devices.services.counts import recount
    from digibank.organisations.models import Digibank

    if not DeviceStateCount.objects.filter(digibank__slug=SLUG).exists():
        recount(Digibank.objects.get(slug=SLUG))
    if not (BENCH_DIR / "static" / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    total = Device.objects.filter(digibank__slug=SLUG).count()
    paths = scenarios()
    session, token = credentials()
    queries = count_queries(paths, session, token)
    cpu = cpu_per_request(paths, session, token)

    port = free_port()
    server = start_server(port, options.workers)
    try:
        load = os.getloadavg()[0]
        print(
            f"\n{total:,} devices · gunicorn {options.workers} sync workers · "
            f"{options.threads} client threads · {options.seconds:g} s per scenario · "
            f"{os.cpu_count()} CPUs · "
            f"load average {load:.1f} before\n"
        )
        header = (
            f"{'scenario':<30} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}"
            f" {'CPU ms':>8} {'max req/s':>10} {'client':>7}"
        )
        print(header)
        print("-" * len(header))
        for name, path, kind in paths:
            headers = (
                {"Authorization": f"Bearer {token}"}
                if kind == "api"
                else {"Cookie": f"sessionid={session}"}
            )
            url = f"http://127.0.0.1:{port}{path}"
            hammer(url, headers, 1.0, options.threads)  # warm up both workers
            client_started = time.process_time()
            latencies = hammer(url, headers, options.seconds, options.threads)
            # The load generator runs on the same cores: its share of the machine's CPU time.
            client = (time.process_time() - client_started) / (
                options.seconds * (os.cpu_count() or 1)
            )
            rate = len(latencies) / options.seconds
            p50 = statistics.median(latencies) * 1000
            p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
            capacity = (os.cpu_count() or 1) * 1000 / cpu[name]
            print(
                f"{name:<30} {rate:8.1f} {p50:8.1f} {p95:8.1f} {queries[name]:8d}"
                f" {cpu[name]:8.1f} {capacity:10.0f} {client:7.0%}"
            )
        print(
            f"\nload average {os.getloadavg()[0]:.1f} after. CPU ms: server CPU per request, "
            "measured in-process; max req/s: CPUs × 1000 / CPU ms, what the machine could serve "
            "with nothing else running; client: the CPU share the load generator itself took."
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
