"""What waits for the workshop and the donations desk: the figures of the staff home page.

Each function reads in a fixed number of queries, whatever the size of the inventory: the state
counts come from the maintained tally (`DeviceStateCount`), the rest from one grouped query.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from digibank.devices.models import (
    DeviceState,
    DeviceStateCount,
    DonationStatus,
    Repair,
    RepairBarrier,
    RepairOutcome,
    Wipe,
    WipeResult,
)
from digibank.devices.queries import devices_for, donations_for
from digibank.organisations.permissions import Access

S = DeviceState

# The workshop's queue, in the order the home page shows it: the steps closest to a device a
# resident can use first, because finishing them frees a device for the waiting list soonest.
WORKSHOP_STEPS = (
    S.REFURBISHING,
    S.WIPED,
    S.WIPING,
    S.RETURNED,
    S.RECEIVED,
    S.IN_REPAIR,
    S.END_OF_LIFE,
    S.READY,
)


def state_counts(access: Access) -> dict[str, int]:
    """How many of the digibank's devices are in each state, from the maintained tally."""
    return dict(
        DeviceStateCount.objects.filter(digibank=access.digibank).values_list("state", "count")
    )


def donation_counts(access: Access) -> dict[str, int]:
    """Donations that wait for the digibank, per status (offered, accepted), in one query."""
    return dict(
        donations_for(access)
        .filter(status__in=[DonationStatus.OFFERED, DonationStatus.ACCEPTED])
        .order_by()
        .values_list("status")
        .annotate(count=Count("id"))
        .values_list("status", "count")
    )


@dataclass(frozen=True)
class BlockedDevice:
    """A device the workshop cannot move on, and why, in the words of the device page."""

    device_id: int
    asset_tag: str
    state: str
    reasons: tuple[str, ...]


def blocked_devices(access: Access, *, limit: int = 10) -> tuple[list[BlockedDevice], int]:
    """Devices stuck in the workshop, the longest stuck first, and how many there are in all.

    Stuck: in repair after a repair that ended "repairable, not fixed yet" (waiting for parts,
    tools, information), or being wiped with a drive whose latest wipe failed its verification.
    Three queries: the count, the first `limit` devices, and their last repairs (for the reason).
    """
    last_repair = Repair.objects.filter(device=OuterRef("pk")).order_by("-started_at", "-id")
    failed_wipe = Wipe.objects.filter(
        device=OuterRef("pk"), cycle=OuterRef("cycle"), result=WipeResult.FAILED
    ).exclude(
        Exists(
            Wipe.objects.filter(
                medium=OuterRef("medium"),
                cycle=OuterRef("cycle"),
                result=WipeResult.PASSED,
                ended_at__gt=OuterRef("ended_at"),
            )
        )
    )
    blocked = (
        devices_for(access)
        .filter(state__in=[S.IN_REPAIR, S.WIPING])
        .annotate(
            repair_outcome=Subquery(last_repair.values("outcome")[:1]),
            wipe_failed=Exists(failed_wipe),
        )
        .filter(
            Q(state=S.IN_REPAIR, repair_outcome=RepairOutcome.REPAIRABLE)
            | Q(state=S.WIPING, wipe_failed=True)
        )
    )
    total = blocked.count()
    if not total:
        return [], 0
    first = list(
        blocked.order_by("state_changed_at", "id").values("id", "asset_tag", "state")[:limit]
    )
    barriers: dict[int, list[str]] = {}
    for device_id, codes in (
        Repair.objects.filter(device_id__in=[row["id"] for row in first])
        .order_by("device_id", "-started_at", "-id")
        .values_list("device_id", "barriers")
    ):
        barriers.setdefault(device_id, list(codes or []))
    labels = dict(RepairBarrier.choices)
    devices = []
    for row in first:
        reasons: tuple[str, ...]
        if row["state"] == S.WIPING:
            reasons = (_("a wipe failed its verification"),)
        else:
            codes = barriers.get(row["id"], [])
            reasons = tuple(str(labels.get(code, code)) for code in codes) or (
                str(RepairOutcome.REPAIRABLE.label),
            )
        devices.append(BlockedDevice(row["id"], row["asset_tag"], row["state"], reasons))
    return devices, total
