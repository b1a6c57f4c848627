"""Load the competence framework and give every region with digibanks its first skills check.

Idempotent: the framework's names are brought up to date, a region that has a check already is
left as its admins made it. `seed_demo` calls it; the data migration does the same on migrate.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from digibank.organisations.models import Region
from digibank.skills.content import current_tables, install_starting_set, load_framework


class Command(BaseCommand):
    help = "Load the DigComp framework and the first skills check of every region (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        tables = current_tables()
        load_framework(tables)
        installed = 0
        for region in Region.objects.filter(digibanks__isnull=False).distinct():
            if install_starting_set(region, tables) is not None:
                installed += 1
        self.stdout.write(f"Framework loaded; {installed} region(s) got their first skills check.")
