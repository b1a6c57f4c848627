"""Give every region with digibanks its first list of help topics (idempotent).

A region that has its list already keeps it as its admins made it. `seed_demo` calls it; the data
migration and a region's first digibank do the same.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from digibank.help.content import install_region_topics
from digibank.help.models import HelpTopic
from digibank.organisations.models import Region


class Command(BaseCommand):
    help = "Give every region with digibanks its first list of help topics (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        installed = 0
        for region in Region.objects.filter(digibanks__isnull=False).distinct():
            if install_region_topics(region, HelpTopic):
                installed += 1
        self.stdout.write(f"{installed} region(s) got their first help topics.")
