"""The per-state device counts of each digibank (see `DeviceStateCount`)."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.db.models import Count, F

from digibank.devices.models import Device, DeviceStateCount
from digibank.organisations.models import Digibank


def adjust(digibank_id: int, changes: Mapping[str, int]) -> None:
    """Add `changes` ({state: +n or -n}) to the counts, inside the caller's transaction.

    States are updated in a fixed order, so two transactions moving devices in opposite
    directions lock the count rows in the same order and never deadlock.
    """
    for state in sorted(changes):
        delta = changes[state]
        if not delta:
            continue
        rows = DeviceStateCount.objects.filter(digibank_id=digibank_id, state=state)
        if rows.update(count=F("count") + delta):
            continue
        try:
            with transaction.atomic():
                DeviceStateCount.objects.create(digibank_id=digibank_id, state=state, count=delta)
        except IntegrityError:  # created at the same moment by another transaction
            rows.update(count=F("count") + delta)


@transaction.atomic
def recount(digibank: Digibank) -> None:
    """Rebuild the counts of a digibank from its devices (after a bulk load, for example)."""
    found = dict(
        Device.objects.filter(digibank=digibank)
        .order_by()
        .values_list("state")
        .annotate(count=Count("id"))
        .values_list("state", "count")
    )
    DeviceStateCount.objects.filter(digibank=digibank).delete()
    DeviceStateCount.objects.bulk_create(
        DeviceStateCount(digibank=digibank, state=state, count=count)
        for state, count in found.items()
    )
