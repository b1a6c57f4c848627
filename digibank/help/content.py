"""The help topics shipped in `help/data/help-topics.json`: 19 essential services with typical
questions, the official service, where to refer and how often each is asked (sources inside).

Nothing is downloaded. A region gets them as its first list once (the data migration for regions
that have digibanks, `help.signals` for a region's first digibank later, `load_help_topics` by
hand); after that the list is the region admin's, so loading again never overwrites their edits.
The loader takes the model class, so the migration runs it on its historical model.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction

DATA = Path(__file__).resolve().parent / "data"


@cache
def read_topics() -> list[dict[str, Any]]:
    data = json.loads((DATA / "help-topics.json").read_text(encoding="utf-8"))
    topics: list[dict[str, Any]] = data["topics"]
    return topics


@transaction.atomic
def install_region_topics(region: Any, model: Any) -> int:
    """Give `region` the shipped topics it does not have yet, when it has none of the region's
    own; returns how many were added (0 when the region already holds its list)."""
    if model.objects.filter(region=region, digibank=None).exists():
        return 0
    rows = [
        model(
            region=region,
            code=row["id"],
            name_nl=row["name_nl"],
            name_fr=row["name_fr"],
            name_en=row["name_en"],
            description=row["description"],
            typical_questions=row["typical_questions"],
            official_service=row["official_service"],
            referral=row["referral"],
            frequency=row["frequency"],
            asked_most_rank=row["asked_most_rank"],
            sources=row["sources"],
            position=position,
        )
        for position, row in enumerate(read_topics(), start=1)
    ]
    model.objects.bulk_create(rows)
    return len(rows)
