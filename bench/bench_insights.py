"""Benchmark of the figures pages on scaled demo data: `make bench-insights`.

1. Builds a separate SQLite database under var/bench/ with the demo, topped up by
   `seed_demo --scale N` (default 20: twenty times the residents of each demo digibank, and a
   synthetic digibank per 10, so the region holds many digibanks), and help visits written in
   bulk (`VISITS_PER_SCALE` per scale step, spread over the hubs, topics and the last year: the
   table that grows fastest at a region's scale); reused on the next run unless --rebuild.
2. Counts the SQL queries of each page with Django's test client (the count does not grow with
   the data: the tests assert it).
3. Measures the server CPU time per request in-process through the WSGI handler, and the wall
   time (CPU plus waiting for the database), for the digibank's figures, the region's figures
   (every digibank side by side), a filtered page, the CSV download and the yearly report (the
   PDF of the last full year, and the region's download of the same digibank's report).

The figures are printed, never asserted. Options: --scale N, --repeat R, --rebuild, and
--database-url to measure on PostgreSQL (the production database) instead of the SQLite file.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import time

from inventory_database import BENCH_DIR, configure
from measuring import count_queries, cpu_per_request

DATABASE = BENCH_DIR / "insights.sqlite3"
VISITS_PER_SCALE = 5_000


def add_visits(scale: int) -> int:
    """Anonymous help visits in bulk, each with one or two topics (figures only read them)."""
    import datetime
    import random

    from django.db import transaction
    from django.utils import timezone

    from digibank.help.models import HelpTopic, Outcome, Visit, VisitTopic
    from digibank.organisations.models import Hub

    chance = random.Random(13)
    hubs = list(Hub.objects.values_list("pk", "digibank_id", "digibank__region_id"))
    topics: dict[int, list[int]] = {}
    for pk, region in HelpTopic.objects.filter(digibank=None).values_list("pk", "region_id"):
        topics.setdefault(region, []).append(pk)
    hubs = [hub for hub in hubs if topics.get(hub[2])]
    now = timezone.now()
    count = VISITS_PER_SCALE * scale
    chosen = [chance.choice(hubs) for _ in range(count)]
    with transaction.atomic():
        visits = Visit.objects.bulk_create(
            Visit(
                digibank_id=digibank,
                hub_id=hub,
                visited_at=now - datetime.timedelta(minutes=chance.randrange(365 * 24 * 60)),
                outcome=chance.choice(Outcome.values),
                minutes=chance.choice((10, 15, 20, 30, 45)),
            )
            for hub, digibank, _region in chosen
        )
        VisitTopic.objects.bulk_create(
            VisitTopic(visit_id=visit.pk, topic_id=topic)
            for visit, (_hub, _digibank, region) in zip(visits, chosen, strict=True)
            for topic in chance.sample(topics[region], chance.choice((1, 2)))
        )
    return count


def build(scale: int) -> None:
    from django.core.management import call_command
    from django.test import override_settings

    call_command("migrate", verbosity=0)
    with override_settings(DEMO_MODE=True):
        call_command("seed_demo", verbosity=0)
        call_command("seed_demo", "--scale", str(scale), verbosity=0)
    add_visits(scale)


def sessions() -> tuple[str, str, str, str]:
    """Session cookies of the demo's Mechelen analyst and the region analyst; the slugs."""
    from django.test import Client

    from digibank.core.models import User
    from digibank.demo.accounts import username_for
    from digibank.demo.data import REGION_SLUG

    cookies = []
    for slug, role in (("mechelen", "analyst"), (REGION_SLUG, "region_analyst")):
        client = Client()
        client.force_login(User.objects.get(username=username_for(slug, role)))
        cookies.append(client.cookies["sessionid"].value)
    return cookies[0], cookies[1], "mechelen", REGION_SLUG


def wall_ms(path: str, session: str, repeat: int) -> float:
    from django.test import Client

    client = Client()
    client.cookies["sessionid"] = session
    client.get(path)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        assert client.get(path).status_code == 200, path
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--database-url",
        default="",
        help="an empty PostgreSQL database to build in once, then measure, e.g. "
        "postgres://postgres@127.0.0.1:54329/bench (default: a SQLite file under var/bench/)",
    )
    options = parser.parse_args()

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    url = options.database_url or f"sqlite:///{DATABASE}"
    where = (
        "sqlite"
        if not options.database_url
        else "url-" + hashlib.sha256(url.encode()).hexdigest()[:8]
    )
    marker = BENCH_DIR / f"insights-{where}-{options.scale}-visits.built"
    built = marker.exists() and (bool(options.database_url) or DATABASE.exists())
    fresh = options.rebuild or not built
    if fresh:
        for stale in BENCH_DIR.glob(f"insights-{where}-*"):
            stale.unlink()
        if not options.database_url:
            DATABASE.unlink(missing_ok=True)
    os.environ["DEMO_MODE"] = "true"
    os.environ["SECURE_SSL_REDIRECT"] = "false"  # the test client speaks plain http
    configure(url)
    if fresh:
        started = time.perf_counter()
        if options.database_url:
            from django.core.management import call_command

            from digibank.organisations.models import Digibank

            call_command("migrate", verbosity=0)
            if Digibank.objects.exists():
                raise SystemExit(
                    "The database holds digibanks already: create it again empty, or leave out "
                    "--rebuild to measure what it holds."
                )
        build(options.scale)
        marker.touch()
        print(f"built the demo at scale {options.scale} in {time.perf_counter() - started:.0f} s")

    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone

    from digibank.help.models import Visit
    from digibank.organisations.models import Digibank
    from digibank.people.models import Person

    if not (BENCH_DIR / "static" / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    bank_session, region_session, bank, region = sessions()
    last_year = timezone.localdate().year - 1
    mechelen = Digibank.objects.get(slug=bank).pk
    figures = reverse("insights:dashboard", kwargs={"digibank": bank})
    region_figures = reverse("insights:region_dashboard", kwargs={"region": region})
    pages = [
        ("digibank figures", figures, bank_session),
        ("digibank figures, 2025, one hub", f"{figures}?period=2025&hub=1", bank_session),
        ("digibank CSV", reverse("insights:figures_csv", kwargs={"digibank": bank}), bank_session),
        ("region figures", region_figures, region_session),
        (
            "region side by side CSV",
            reverse("insights:region_digibanks_csv", kwargs={"region": region}),
            region_session,
        ),
        (
            f"yearly report PDF, {last_year}",
            reverse("insights:report", kwargs={"digibank": bank}) + f"?year={last_year}",
            bank_session,
        ),
        (
            "region: a digibank's yearly report",
            reverse("insights:region_report", kwargs={"region": region})
            + f"?digibank={mechelen}&year={last_year}",
            region_session,
        ),
    ]
    print(
        f"{Digibank.objects.count()} digibanks, {Person.objects.count():,} residents, "
        f"{Visit.objects.count():,} help visits (scale {options.scale}, {connection.vendor})"
    )
    print(f"{'page':36} {'queries':>8} {'CPU ms':>8} {'wall ms':>8}")
    for name, path, session in pages:
        queries = count_queries([(name, path, "html")], session, "")[name]
        cpu = cpu_per_request([(name, path, "html")], session, "", repeat=options.repeat)[name]
        wall = wall_ms(path, session, options.repeat)
        print(f"{name:36} {queries:>8} {cpu:>8.1f} {wall:>8.1f}")


if __name__ == "__main__":
    main()
