"""The shapes of the demo's fixed content (see `data.py`): a digibank with its hubs, partners and
staff, and the shorthand the content files use for opening hours."""

from __future__ import annotations

from dataclasses import dataclass

from digibank.organisations.models import OpeningKind

OPEN = OpeningKind.OPEN
WALK_IN = OpeningKind.WALK_IN
MON, TUE, WED, THU, FRI, SAT = range(6)


@dataclass(frozen=True)
class HubData:
    key: str
    name: str
    street: str
    postcode: str
    nis_code: str
    latitude: str
    longitude: str
    phone: str
    email: str
    directions: str
    services: tuple[str, ...]
    languages: tuple[str, ...]
    # (weekday, opens, closes, kind)
    hours: tuple[tuple[int, str, str, str], ...]
    step_free: bool = True
    hearing_loop: bool = False
    quiet_room: bool = False
    accessibility_notes: str = ""
    website: str = ""
    closed_on_public_holidays: bool = True


@dataclass(frozen=True)
class ContactData:
    name: str
    job_title: str
    email: str
    phone: str


@dataclass(frozen=True)
class PartnerData:
    key: str
    name: str
    kind: str
    description: str
    email: str
    phone: str
    website: str
    street: str
    postcode: str
    nis_code: str
    contacts: tuple[ContactData, ...]


@dataclass(frozen=True)
class StaffData:
    role: str
    first_name: str
    last_name: str


@dataclass(frozen=True)
class DigibankData:
    slug: str
    name: str
    nis_codes: tuple[str, ...]
    email: str
    phone: str
    website: str
    hubs: tuple[HubData, ...]
    partners: tuple[PartnerData, ...]
    staff: tuple[StaffData, ...]
    # Key of the partner every referrer account works for: the social services (OCMW).
    referrer_partner: str
    residents: int
    # Share of residents per origin (keys of ORIGINS); the rest of the generator follows from it.
    origins: dict[str, int]
    # How residents spread over the municipalities served: NIS code -> weight.
    municipality_weights: dict[str, int]
    # Phone prefixes of the landlines in the area.
    landline_prefixes: tuple[str, ...]
    # The hub that closes for a staff training day (one of the demo's opening exceptions).
    staff_day_hub: str = ""
