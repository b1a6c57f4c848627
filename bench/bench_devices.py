"""Benchmark of the device inventory at 100,000 devices: `make bench-devices`.

1. Builds a separate SQLite database under var/bench/ with one digibank and 100,000 devices
   (bulk_create, a few seconds; reused on the next run unless --rebuild).
2. Counts the SQL queries of each request with Django's test client.
3. Starts a real gunicorn (2 sync workers like `make demo`, or --workers N) on that database and
   sends requests from several threads for a few seconds per scenario: requests per second, p50
   and p95, and the CPU share the load generator itself took.

Scenarios: the HTML list and the API list, each for the first page, a deep page (the last page
of the inventory, reached with its cursor) and a search by the start of a serial number.
The figures are printed, never asserted. The database is built in inventory_database.py, the
measuring done in measuring.py. Options: --devices N, --seconds S, --threads T,
--workers N, --rebuild, --postgres URL (benchmark a PostgreSQL database instead of the SQLite file).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from inventory_database import BENCH_DIR, DATABASE, SLUG, build, configure, credentials, scenarios
from measuring import count_queries, cpu_per_request, free_port, hammer, start_server


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
