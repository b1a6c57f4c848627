"""The device bank API, mounted at /api/digibanks/{digibank}/: devices and donations.

Lists are paginated with a cursor (`after`, see `core.pagination`): each page is one index range
whatever its depth, and a request makes the same few queries for 1 or 200 devices.
"""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Path, Query, Router, Schema

from digibank.core import audit
from digibank.core.api_errors import TENANT_ERRORS, with_errors
from digibank.core.models import AuditAction
from digibank.core.pagination import Cursor, KeysetPage, Page
from digibank.devices import queries
from digibank.devices.models import (
    Device,
    DeviceKind,
    DeviceState,
    Donation,
    DonationStatus,
    Grade,
)
from digibank.organisations.permissions import ApiRequest, Perm, api_access

router = Router(tags=["devices"])

# The router is mounted under /digibanks/{digibank}/: ninja sees only each operation's own path,
# so the slug from the mount prefix is declared a path parameter here.
DIGIBANK = Path(..., description="The digibank's short name, as in its web addresses.")


class DeviceOut(Schema):
    id: int
    asset_tag: str
    kind: str
    state: str
    brand: str
    model: str
    serial: str
    memory_gb: int | None
    storage_gb: int | None
    screen_inch: float | None
    keyboard_layout: str
    grade: str
    hub_id: int | None
    hub_name: str | None
    donation_reference: str | None
    state_changed_at: datetime.datetime


class DeviceDetailBase(DeviceOut):
    @staticmethod
    def resolve_screen_inch(obj: Device) -> float | None:
        return float(obj.screen_inch) if obj.screen_inch is not None else None

    @staticmethod
    def resolve_hub_name(obj: Device) -> str | None:
        return obj.hub.name if obj.hub else None

    @staticmethod
    def resolve_donation_reference(obj: Device) -> str | None:
        return obj.donation.reference if obj.donation else None


class DevicePage(Page):
    items: list[DeviceOut]


class WipeOut(Schema):
    method: str
    tool: str
    started_at: datetime.datetime
    ended_at: datetime.datetime
    result: str
    cycle: int


class MediumOut(Schema):
    id: int
    kind: str
    capacity_gb: int | None
    serial: str
    removed: bool
    wipes: list[WipeOut]

    @staticmethod
    def resolve_removed(obj: Any) -> bool:
        return obj.removed_at is not None

    @staticmethod
    def resolve_wipes(obj: Any) -> list:
        return list(obj.wipes.all())


class EventOut(Schema):
    at: datetime.datetime
    kind: str
    from_state: str
    to_state: str
    note: str


class DeviceDetailOut(DeviceDetailBase):
    processor: str
    battery_health: int | None
    operating_system: str
    accessories: list[str]
    condition: str
    data_plan: str
    plan_ends_on: datetime.date | None
    received_on: datetime.date | None
    cycle: int
    media: list[MediumOut]
    history: list[EventOut]

    @staticmethod
    def resolve_media(obj: Device) -> list:
        return obj.media_list  # type: ignore[attr-defined]  # set by get_device below

    @staticmethod
    def resolve_history(obj: Device) -> list:
        return obj.history  # type: ignore[attr-defined]  # set by get_device below


class DeviceFilters(Cursor):
    state: DeviceState | None = None
    kind: DeviceKind | None = None
    hub: int | None = None
    donor: int | None = None
    grade: Grade | None = None
    search: str = ""


@router.get(
    "devices",
    response=with_errors({200: DevicePage}, *TENANT_ERRORS),
    summary="The digibank's devices, newest first",
    description=(
        "Filters: `state`, `kind`, `hub` (id), `donor` (partner id), `grade`; `search` matches "
        "the start of an asset tag or serial number."
    ),
)
def list_devices(
    request: ApiRequest, filters: Query[DeviceFilters], digibank: str = DIGIBANK
) -> KeysetPage:
    access = api_access(request, digibank, Perm.VIEW_DEVICES)
    chosen = queries.InventoryFilter(
        state=filters.state or "",
        kind=filters.kind or "",
        hub_id=filters.hub,
        donor_id=filters.donor,
        grade=filters.grade or "",
        text=filters.search[:60],
    )
    return filters.page(queries.list_rows(chosen.apply(queries.devices_for(access))))


@router.get(
    "devices/{device_id}",
    response=with_errors({200: DeviceDetailOut}, *TENANT_ERRORS),
    summary="One device, with its storage, wipes and history",
)
def get_device(request: ApiRequest, device_id: int, digibank: str = DIGIBANK) -> Device:
    access = api_access(request, digibank, Perm.VIEW_DEVICES)
    device = queries.get_device_for(access, device_id)
    details = queries.device_page_details(device)
    # Computed for this answer only, read by DeviceDetailOut's resolvers (not model fields).
    device.media_list = details["media"]  # type: ignore[attr-defined]  # see the line above
    device.history = details["events"][:50]  # type: ignore[attr-defined]  # see above
    return device


class DonationOut(Schema):
    id: int
    reference: str
    status: str
    donor_kind: str
    donor: str
    donor_partner_id: int | None
    delivery: str
    expected_counts: dict[str, int]
    hub_id: int | None
    received_on: datetime.date | None
    created_at: datetime.datetime
    device_count: int

    @staticmethod
    def resolve_donor(obj: Donation) -> str:
        return obj.donor_display


class DonationDetailOut(DonationOut):
    company_number: str
    contact_name: str
    contact_email: str
    contact_phone: str
    street: str
    postcode: str
    preferred_date: datetime.date | None
    wants_certificate: bool
    notes: str


class DonationPage(Page):
    items: list[DonationOut]


class DonationFilters(Cursor):
    status: DonationStatus | None = None


@router.get(
    "donations",
    response=with_errors({200: DonationPage}, *TENANT_ERRORS),
    summary="The digibank's donations, newest first",
    description="`status` filters: offered, accepted, received, declined.",
)
def list_donations(
    request: ApiRequest, filters: Query[DonationFilters], digibank: str = DIGIBANK
) -> KeysetPage:
    access = api_access(request, digibank, Perm.MANAGE_DONATIONS)
    donations = queries.donations_list(access)
    if filters.status:
        donations = donations.filter(status=filters.status)
    return filters.page(donations)


@router.get(
    "donations/{donation_id}",
    response=with_errors({200: DonationDetailOut}, *TENANT_ERRORS),
    summary="One donation, with the donor's contact details (the look is audited)",
)
def get_donation(request: ApiRequest, donation_id: int, digibank: str = DIGIBANK) -> Donation:
    access = api_access(request, digibank, Perm.MANAGE_DONATIONS)
    # The list's queryset: the same `device_count` annotation DonationOut reads.
    donation = access.get(
        queries.donations_list(access).select_related("municipality"), pk=donation_id
    )
    audit.record(
        actor=request.auth,
        action=AuditAction.VIEW,
        obj=donation,
        digibank=access.digibank,
    )
    return donation
