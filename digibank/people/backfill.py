"""Fill the figures of events recorded before they were kept (`people.snapshot`), from the
person's current values: for the data migrations of lending, skills and help.

Runs on the migration's historical models (`apps`), so it uses nothing of today's models but
their table names; keep it working on the fields it names. Batched by primary key, each batch
one read of the events, one of their people, one of their groups and one bulk update, so it is
safe on a live database of any size.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

BATCH = 1000

# The bands of `people.models.age_band_for` (ages under each limit), as they were written.
_BANDS = ((18, "0-17"), (25, "18-24"), (45, "25-44"), (65, "45-64"), (80, "65-79"))


def band_in(year: int, birth_year: int | None) -> str:
    if not birth_year:
        return "unknown"
    age = year - birth_year
    return next((band for limit, band in _BANDS if age < limit), "80+")


def fill_from_people(
    apps: Any, app_label: str, model_name: str, *, at: str, snapshot: bool
) -> None:
    """Copy the person's `reach_key` onto every event row of a person that has none; with
    `snapshot`, also their groups, municipality and age band (in the year of the event's `at`)."""
    model = apps.get_model(app_label, model_name)
    person_model = apps.get_model("people", "Person")
    through = person_model.target_groups.through
    fields = ["reach_key", *(["target_groups", "age_band", "municipality"] if snapshot else [])]
    last = 0
    while True:
        rows = list(
            model.objects.filter(pk__gt=last, person__isnull=False, reach_key__isnull=True)
            .order_by("pk")
            .values_list("pk", "person_id", at)[:BATCH]
        )
        if not rows:
            return
        last = rows[-1][0]
        ids = {person_id for _pk, person_id, _at in rows}
        people = {
            pk: (key, birth_year, place)
            for pk, key, birth_year, place in person_model.objects.filter(pk__in=ids).values_list(
                "pk", "reach_key", "birth_year", "municipality_id"
            )
        }
        groups: dict[int, list[str]] = defaultdict(list)
        for person_id, code in through.objects.filter(person_id__in=ids).values_list(
            "person_id", "targetgroup__code"
        ):
            groups[person_id].append(code)
        changed = []
        for pk, person_id, when in rows:
            key, birth_year, place = people[person_id]
            row = model(pk=pk, reach_key=key)
            if snapshot:
                row.target_groups = sorted(groups[person_id])
                year = when.year if when else datetime.date.today().year
                row.age_band = band_in(year, birth_year)
                row.municipality_id = place
            changed.append(row)
        model.objects.bulk_update(changed, fields)
