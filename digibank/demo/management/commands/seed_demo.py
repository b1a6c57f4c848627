from __future__ import annotations

from typing import Any, TextIO, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from digibank.demo.accounts import demo_accounts, username_for
from digibank.demo.builder import build_demo, demo_exists
from digibank.demo.data import DEMO_PASSWORD, DIGIBANKS
from digibank.demo.reset import reset_demo
from digibank.demo.scale import (
    SCALE_PER_SYNTHETIC_DIGIBANK,
    SYNTHETIC_RESIDENTS,
    plan_scale,
    scale_demo,
)
from digibank.organisations.models import Role


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError
    return number


class Command(BaseCommand):
    help = (
        "Build the demo data through the app's own services: region Vlaanderen with Digibank "
        "Mechelen (a city) and Digibank Meetjesland (a rural region), their hubs, partners, a "
        "staff account for every role and a few hundred residents. Safe to run again: when the "
        "demo is there it changes nothing, unless --reset is given. Prints every demo log-in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo data (and any --scale data) first, then build it again.",
        )
        parser.add_argument(
            "--scale",
            type=_positive,
            default=1,
            metavar="N",
            help=(
                "Add large synthetic data on top of the demo, for benchmarks: every digibank gets "
                f"N times its residents, and there is one synthetic digibank for every "
                f"{SCALE_PER_SYNTHETIC_DIGIBANK} (in a Flemish municipality no digibank serves "
                f"yet, with two hubs, a partner of every kind, every role and N × "
                f"{SYNTHETIC_RESIDENTS} residents). For speed these residents are written with "
                "bulk_create: the same rows register_person writes (person with its match_key "
                "from people.models.match_key_for, target groups, consents, audit entry), "
                "without one service call each. Running the same scale again adds nothing; a "
                "bigger N adds what is missing. Default 1: no extra data."
            ),
        )

    def handle(self, *args: Any, reset: bool, scale: int, **options: Any) -> None:
        if not settings.DEMO_MODE:
            # Its accounts share a published password: never on a real installation.
            raise CommandError(
                "seed_demo runs on a demo installation only: set DEMO_MODE=true (`make demo` "
                "does). Its accounts all have the published demo password."
            )
        if reset:
            reset_demo()
            self.stdout.write("Deleted the demo data.")
        if demo_exists():
            self.stdout.write(
                "The demo data is already there, so nothing was changed. "
                "Run with --reset to delete it and build it again."
            )
        else:
            names = " and ".join(bank.name for bank in DIGIBANKS)
            self.stdout.write(f"Building the demo: region Vlaanderen with {names}…")
            summary = build_demo()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Built {summary.digibanks} digibanks with {summary.hubs} hubs, "
                    f"{summary.partners} partners, {summary.accounts} staff accounts and "
                    f"{summary.residents} residents."
                )
            )
        if scale > 1:
            self._scale(scale)
        self._print_accounts()

    def _scale(self, factor: int) -> None:
        plan = plan_scale(factor)
        total = plan.to_add
        self.stdout.write(f"Scale {factor}: {len(plan.banks)} digibanks, adding {total} residents.")
        # The bar writes to the real stream: Django's wrapper would end each redraw with a new line.
        stream = cast(TextIO, self.stderr._out)
        with tqdm(total=total, unit="residents", file=stream, disable=not total) as bar:

            def advance(count: int) -> None:
                bar.update(count)

            added = scale_demo(plan, on_progress=advance)
        self.stdout.write(self.style.SUCCESS(f"Added {added} residents."))
        synthetic = [bank for bank in plan.banks if bank not in DIGIBANKS]
        if synthetic:
            example = username_for(synthetic[0].slug, Role.COORDINATOR)
            self.stdout.write(
                f"The {len(synthetic)} synthetic digibanks have an account for every role, "
                f"named like {example}, with the demo password."
            )

    def _print_accounts(self) -> None:
        accounts = demo_accounts()
        headers = ("Username", "Name", "Role", "Where")
        rows = [(a.username, a.full_name, str(a.role), a.place) for a in accounts]
        widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

        def line(row: tuple[str, ...]) -> str:
            return "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))

        self.stdout.write("")
        self.stdout.write(f"Demo log-ins — the password of every account is: {DEMO_PASSWORD}")
        self.stdout.write(line(headers).rstrip())
        self.stdout.write("  ".join("-" * width for width in widths))
        for row in rows:
            self.stdout.write(line(row).rstrip())
