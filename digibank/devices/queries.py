"""Read helpers shared by the pages and the API, always scoped to the user's digibank.

The inventory must stay fast at 100,000 devices: lists are read newest first with keyset
pagination (`id < last id seen`), which walks an index whatever the depth, and each filter has an
index ending in `id` (see `Device.Meta.indexes`). Search is a prefix search on the asset tag or the
normalised serial number, both indexed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import CharField, Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from digibank.core.pagination import (
    keyset_page as keyset_page,  # re-exported for the inventory page
)
from digibank.devices.models import (
    Device,
    DeviceEvent,
    DeviceState,
    DeviceStateCount,
    Donation,
    RefurbishChecklist,
    Repair,
    StorageMedium,
    Wipe,
)
from digibank.devices.services.common import serial_key_for
from digibank.organisations.models import Digibank
from digibank.organisations.permissions import Access

_TAG = re.compile(r"^([A-Z]{1,6})-?(\d*)$")


def devices_for(access: Access) -> QuerySet[Device]:
    return access.scope(Device.objects.all())


def donations_for(access: Access) -> QuerySet[Donation]:
    return access.scope(Donation.objects.all())


def get_device_for(access: Access, device_id: int) -> Device:
    return get_object_or_404(
        devices_for(access).select_related("hub", "donation__donor_partner", "created_by"),
        pk=device_id,
    )


def get_donation_for(access: Access, donation_id: int) -> Donation:
    return get_object_or_404(
        donations_for(access).select_related("donor_partner", "hub", "municipality"),
        pk=donation_id,
    )


def _prefix(field_name: str, prefix: str) -> Q:
    """`field` starts with `prefix`, in a form each database answers from an index.

    PostgreSQL uses LIKE 'ABC%' with the varchar_pattern_ops index. SQLite's LIKE ignores case and
    so cannot use a plain index: a range does (the values hold only ASCII below 0x7f).
    """
    if connection.vendor == "postgresql":
        return Q(**{f"{field_name}__startswith": prefix})
    return Q(**{f"{field_name}__gte": prefix, f"{field_name}__lt": prefix + "\x7f"})


def search_devices(queryset: QuerySet[Device], text: str) -> QuerySet[Device]:
    """Devices whose asset tag or serial number starts with `text` ("mec-12", "5CG 123")."""
    compact = "".join(text.upper().split())
    if not compact:
        return queryset
    condition = Q(pk__in=[])
    serial = serial_key_for(compact)
    if serial:
        condition |= _prefix("serial_key", serial)
    tag = _TAG.match(compact)
    if tag:
        letters, digits = tag.groups()
        condition |= _prefix("asset_tag", f"{letters}-{digits}" if digits else letters)
    if compact.isdigit() and len(compact) <= 9:
        condition |= Q(tag_number=int(compact))
    return queryset.filter(condition)


@dataclass
class InventoryFilter:
    state: str = ""
    kind: str = ""
    hub_id: int | None = None
    donor_id: int | None = None  # a partner company
    donation_id: int | None = None
    grade: str = ""
    text: str = ""

    def apply(self, queryset: QuerySet[Device]) -> QuerySet[Device]:
        if self.state:
            queryset = queryset.filter(state=self.state)
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.hub_id:
            queryset = queryset.filter(hub_id=self.hub_id)
        if self.donor_id:
            queryset = queryset.filter(
                donation_id__in=Donation.objects.filter(donor_partner_id=self.donor_id).values("id")
            )
        if self.donation_id:
            queryset = queryset.filter(donation_id=self.donation_id)
        if self.grade:
            queryset = queryset.filter(grade=self.grade)
        if self.text:
            queryset = search_devices(queryset, self.text)
        return queryset

    @property
    def active(self) -> bool:
        return any(
            (self.state, self.kind, self.hub_id, self.donor_id, self.donation_id, self.grade)
        ) or bool(self.text.strip())


def with_list_details(queryset: QuerySet[Device]) -> QuerySet[Device]:
    return queryset.select_related("hub", "donation__donor_partner").only(
        "id",
        "digibank_id",
        "asset_tag",
        "kind",
        "state",
        "brand",
        "model",
        "serial",
        "grade",
        "keyboard_layout",
        "memory_gb",
        "storage_gb",
        "screen_inch",
        "state_changed_at",
        "hub__name",
        "donation__reference",
        "donation__donor_name",
        "donation__donor_partner__name",
    )


LIST_FIELDS = (
    "id",
    "asset_tag",
    "kind",
    "state",
    "brand",
    "model",
    "serial",
    "grade",
    "memory_gb",
    "storage_gb",
    "screen_inch",
    "keyboard_layout",
    "hub_id",
    "state_changed_at",
)


def list_rows(queryset: QuerySet[Device]) -> QuerySet:
    """What the inventory list and the API list show, as plain rows (dicts).

    Rows instead of model instances: at 50 devices a page, building four model instances per row
    (device, hub, donation, partner) costs more than the query itself.
    """
    return queryset.values(*LIST_FIELDS).annotate(
        hub_name=F("hub__name"),
        donation_reference=F("donation__reference"),
        donor=Coalesce(
            F("donation__donor_partner__name"), F("donation__donor_name"), output_field=CharField()
        ),
    )


def counts_per_state(digibank: Digibank) -> list[tuple[DeviceState, int]]:
    """How many devices the digibank has in each state, in the order of the lifecycle."""
    found = dict(DeviceStateCount.objects.filter(digibank=digibank).values_list("state", "count"))
    return [(state, found.get(state, 0)) for state in DeviceState]


def device_page_details(device: Device) -> dict[str, Any]:
    """What the device page shows besides the device, in a fixed number of queries."""
    media = list(
        StorageMedium.objects.filter(device=device).prefetch_related(
            Prefetch(
                "wipes",
                queryset=Wipe.objects.select_related("operator").order_by("-ended_at", "-id"),
            )
        )
    )
    for medium in media:
        current = [wipe for wipe in medium.wipes.all() if wipe.cycle == device.cycle]
        # For the device page only (not a model field): the wipe of the current cycle.
        medium.current_wipe = current[0] if current else None  # type: ignore[attr-defined]
    return {
        "media": media,
        "checklist": RefurbishChecklist.objects.filter(device=device, cycle=device.cycle)
        .select_related("technician")
        .first(),
        "repairs": list(Repair.objects.filter(device=device).select_related("technician")),
        "events": list(DeviceEvent.objects.filter(device=device).select_related("by")[:200]),
    }


WORK_STATES = (
    DeviceState.RECEIVED,
    DeviceState.RETURNED,
    DeviceState.WIPING,
    DeviceState.WIPED,
    DeviceState.REFURBISHING,
    DeviceState.IN_REPAIR,
    DeviceState.END_OF_LIFE,
)


def work_queue(access: Access, *, state: str = "", limit: int = 100) -> list[Device]:
    """Devices waiting for the workshop, the longest waiting first."""
    states = [state] if state in WORK_STATES else list(WORK_STATES)
    return list(
        with_list_details(devices_for(access).filter(state__in=states)).order_by(
            "state_changed_at", "id"
        )[:limit]
    )


def work_counts(access: Access) -> dict[str, int]:
    return dict(
        devices_for(access)
        .filter(state__in=WORK_STATES)
        .order_by()
        .values_list("state")
        .annotate(count=Count("id"))
        .values_list("state", "count")
    )


def donations_list(access: Access) -> QuerySet[Donation]:
    return (
        donations_for(access)
        .select_related("donor_partner", "hub")
        .annotate(device_count=Count("devices"))
        .order_by("-created_at", "-id")
    )
