"""The demo's log-ins: one account for every role in each demo digibank, and the region's two."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.text import capfirst

from digibank.demo.data import DIGIBANKS, REGION_NAME, REGION_SLUG, REGION_STAFF
from digibank.organisations.models import RegionRole, Role

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: StrOrPromise  # in the language of whoever reads the list
    place: str


def username_for(slug: str, role: str) -> str:
    """`mechelen-coordinator`, `meetjesland-hub-volunteer`, `vlaanderen-admin`."""
    return f"{slug}-{role.removeprefix('region_').replace('_', '-')}"


def demo_accounts() -> list[DemoAccount]:
    """Every log-in of the demo, in the order the README and the command list them."""
    accounts = []
    for bank in DIGIBANKS:
        for staff in bank.staff:
            accounts.append(
                DemoAccount(
                    username=username_for(bank.slug, staff.role),
                    full_name=f"{staff.first_name} {staff.last_name}",
                    role=capfirst(Role(staff.role).label),
                    place=bank.name,
                )
            )
    for staff in REGION_STAFF:
        accounts.append(
            DemoAccount(
                username=username_for(REGION_SLUG, staff.role),
                full_name=f"{staff.first_name} {staff.last_name}",
                role=capfirst(RegionRole(staff.role).label),
                place=REGION_NAME,
            )
        )
    return accounts
