"""Device figures: the stages devices went through, the waiting list and the impact.

Every function is one GROUP BY query (two for the median) over indexed columns; no row reaches
Python, only the counts.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from digibank.devices.models import Device, DeviceEvent, DeviceKind, DeviceState
from digibank.insights.sources import Window
from digibank.lending.models import DeviceRequest, RequestStatus

S = DeviceState
# The stages of the dashboard, each the state a device moved into (received: the device was
# registered; repaired: it left repair for any state but end of life).
MOVES = (S.WIPED, S.READY, S.LOANED, S.GIFTED, S.RETURNED, S.RECYCLED)


def device_filters(window: Window, prefix: str = "") -> dict[str, object]:
    """Filters on devices (or on rows reached through `prefix`, e.g. "device__")."""
    where: dict[str, object] = {f"{prefix}digibank_id__in": window.digibank_ids}
    if window.hub_id is not None:
        where[f"{prefix}hub_id"] = window.hub_id
    if window.municipality_id is not None:
        where[f"{prefix}hub__municipality_id"] = window.municipality_id
    return where


@dataclass(frozen=True)
class DeviceCounts:
    """Per kind: how many devices reached each stage in the window (stage keys: "received",
    "repaired", "handed_over" and the states of `MOVES`)."""

    by_stage: dict[str, int]
    by_kind: dict[str, dict[str, int]]  # kind -> stage -> count


def device_counts(window: Window) -> DeviceCounts:
    """Two queries: the devices registered, and the moves of the history grouped by state."""
    received = (
        Device.objects.filter(created_at__gte=window.start, created_at__lt=window.end)
        .filter(**device_filters(window))
        .values("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    moves = (
        DeviceEvent.objects.filter(at__gte=window.start, at__lt=window.end)
        .filter(**device_filters(window, "device__"))
        .filter(Q(to_state__in=MOVES) | Q(from_state=S.IN_REPAIR))
        .values("to_state", "device__kind")
        .annotate(
            n=Count("id", filter=Q(to_state__in=MOVES)),
            repaired=Count("id", filter=Q(from_state=S.IN_REPAIR) & ~Q(to_state=S.END_OF_LIFE)),
            # Handed over to a resident (a loan that later becomes a gift is not a second one).
            handed_over=Count("id", filter=Q(from_state=S.RESERVED)),
        )
        .order_by()
    )
    by_kind: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in received:
        by_kind[row["kind"]]["received"] += row["n"]
    for move in moves:
        by_kind[move["device__kind"]][move["to_state"]] += move["n"]
        by_kind[move["device__kind"]]["repaired"] += move["repaired"]
        by_kind[move["device__kind"]]["handed_over"] += move["handed_over"]
    by_stage: dict[str, int] = defaultdict(int)
    for stages in by_kind.values():
        for stage, n in stages.items():
            by_stage[stage] += n
    return DeviceCounts(dict(by_stage), {k: dict(v) for k, v in by_kind.items()})


def device_trend(window: Window) -> tuple[QuerySet, QuerySet]:
    """Devices registered and handed over (lent or given) per month: two grouped queries."""
    received = (
        Device.objects.filter(created_at__gte=window.start, created_at__lt=window.end)
        .filter(**device_filters(window))
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    )
    handed_over = (
        DeviceEvent.objects.filter(
            at__gte=window.start,
            at__lt=window.end,
            from_state=S.RESERVED,
            to_state__in=(S.LOANED, S.GIFTED),
        )
        .filter(**device_filters(window, "device__"))
        .annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    )
    return received, handed_over


@dataclass(frozen=True)
class WaitingList:
    length: int
    median_days: int | None  # None for an empty list


def waiting_list(window: Window) -> WaitingList:
    """The requests on the waiting list now, and how long the middle one has waited so far.

    The median is read without loading the list: count, then the one row in the middle of the
    list ordered by submission (index `request_bank_status`). The period and hub do not apply:
    it is today's list, and requests have no hub.
    """
    waiting = DeviceRequest.objects.filter(
        digibank_id__in=window.digibank_ids, status=RequestStatus.WAITING
    )
    if window.municipality_id is not None:
        waiting = waiting.filter(person__municipality_id=window.municipality_id)
    length = waiting.count()
    if not length:
        return WaitingList(0, None)
    # The later of the two middle rows of an even list: it waited the shorter time.
    middle = waiting.order_by("-submitted_at", "-id").values_list("submitted_at", flat=True)[
        (length - 1) // 2
    ]
    waited: datetime.timedelta = timezone.now() - middle
    return WaitingList(length, waited.days)


KINDS = list(DeviceKind)
