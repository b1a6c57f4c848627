"""`manage.py run_worker`: the one background process of an installation.

It runs the tasks that wait in the database (sending messages) and queues the reminder planner
every `--plan-every` minutes (15 by default; 0 turns planning off). Stop it with Ctrl+C or SIGTERM:
a task that is running is finished first.
"""

from __future__ import annotations

from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand

from digibank.messaging.worker import Loop


def _non_negative(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 <= number < 10_000:
        raise ArgumentTypeError("must be between 0 and 10000")
    return number


class Command(BaseCommand):
    help = "Run the background worker: send queued messages and plan reminders."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--plan-every",
            type=_non_negative,
            default=15,
            help="Minutes between two runs of the reminder planner; 0 turns it off (default 15).",
        )
        parser.add_argument(
            "--interval",
            type=_non_negative,
            default=1,
            help="Seconds to wait when no task is due, before looking again (default 1).",
        )
        parser.add_argument("--worker-id", default="", help="A name for this worker in the logs.")

    def handle(self, *args: Any, **options: Any) -> None:
        planning = (
            f"planning reminders every {options['plan_every']:g} minutes"
            if options["plan_every"]
            else "not planning reminders"
        )
        self.stdout.write(f"Worker running; {planning}. Stop it with Ctrl+C.")
        Loop(
            plan_every=options["plan_every"] * 60,
            poll_interval=options["interval"],
            worker_id=options["worker_id"],
        ).run()
