"""One demo digibank, set up as its staff would: the region admin creates it, its coordinator adds
the hubs (weekly hours, exceptions of the coming year) and the partners. The staff accounts and
their roles come from the system with the demo's published password (a real digibank invites).
"""

from __future__ import annotations

import datetime
from typing import Any

from digibank.core.models import User
from digibank.demo.accounts import username_for
from digibank.demo.data import DEMO_PASSWORD
from digibank.demo.residents import BuiltBank, ascii_part
from digibank.demo.shapes import DigibankData, HubData, StaffData
from digibank.organisations.models import (
    Digibank,
    HubService,
    Municipality,
    OpeningKind,
    Region,
    Role,
)
from digibank.organisations.permissions import SYSTEM, acting, acting_in_region
from digibank.organisations.services import (
    add_member,
    add_opening_exception,
    add_partner_contact,
    create_digibank,
    create_hub,
    create_partner,
    create_staff_user,
    set_weekly_hours,
)


def _email_for(staff: StaffData, domain: str) -> str:
    return f"{ascii_part(staff.first_name)}.{ascii_part(staff.last_name)}@{domain}"


def staff_user(
    staff: StaffData,
    *,
    username: str,
    domain: str,
    digibank: Digibank | None,
    password_hash: str | None,
) -> User:
    """A staff account through the system's service (staff pages invite instead, and the person
    makes their own account); a shared hash spares hashing for synthetic accounts."""
    user = create_staff_user(
        username=username,
        email=_email_for(staff, domain),
        first_name=staff.first_name,
        last_name=staff.last_name,
        password=None if password_hash else DEMO_PASSWORD,
        by=SYSTEM,
        digibank=digibank,
    )
    if password_hash:
        user.password = password_hash
        user.save(update_fields=["password"])
    return user


def _time(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)


def _next(today: datetime.date, month: int, day: int) -> datetime.date:
    """The next `month`/`day` on or after today."""
    candidate = datetime.date(today.year, month, day)
    return candidate if candidate >= today else datetime.date(today.year + 1, month, day)


def _weekday_after(start: datetime.date, weekday: int) -> datetime.date:
    return start + datetime.timedelta(days=(weekday - start.weekday()) % 7)


def _exceptions(bank: DigibankData, hub: HubData, today: datetime.date) -> list[dict[str, Any]]:
    """Days that differ from a hub's usual week, all in the coming year."""
    days: list[dict[str, Any]] = [
        {"date": _next(today, 7, 11), "reason": "Feest van de Vlaamse Gemeenschap"},
        {"date": _next(today, 12, 24), "reason": "Kerstavond"},
        {"date": _next(today, 12, 31), "reason": "Oudejaarsdag"},
    ]
    if hub.key == bank.staff_day_hub:
        staff_day = _weekday_after(today + datetime.timedelta(days=21), 4)
        days.append({"date": staff_day, "reason": "Vormingsdag personeel"})
    if HubService.REPAIR in hub.services:
        days.append({"date": _weekday_after(_next(today, 8, 1), 5), "reason": "Zomerpauze"})
    if hub.key == "library":
        # An extra Sunday opening for a "digidag" with talks and help, on other hours than usual.
        sunday = _weekday_after(today + datetime.timedelta(days=35), 6)
        days.append(
            {
                "date": sunday,
                "closed": False,
                "opens": datetime.time(10),
                "closes": datetime.time(16),
                "kind": OpeningKind.WALK_IN,
                "reason": "Digidag: extra open op zondag",
            }
        )
    unique: dict[datetime.date, dict[str, Any]] = {}
    for day in days:
        unique.setdefault(day["date"], day)
    return list(unique.values())


def _build_hubs(bank: DigibankData, built: BuiltBank, today: datetime.date) -> None:
    coordinator = acting(built.users[Role.COORDINATOR], built.digibank)
    for hub_data in bank.hubs:
        hub = create_hub(
            digibank=built.digibank,
            by=coordinator,
            name=hub_data.name,
            street=hub_data.street,
            postcode=hub_data.postcode,
            municipality=built.municipalities[hub_data.nis_code],
            latitude=hub_data.latitude or None,
            longitude=hub_data.longitude or None,
            phone=hub_data.phone,
            email=hub_data.email,
            website=hub_data.website,
            directions=hub_data.directions,
            step_free=hub_data.step_free,
            hearing_loop=hub_data.hearing_loop,
            quiet_room=hub_data.quiet_room,
            accessibility_notes=hub_data.accessibility_notes,
            languages=list(hub_data.languages),
            services=list(hub_data.services),
            closed_on_public_holidays=hub_data.closed_on_public_holidays,
        )
        set_weekly_hours(
            hub=hub,
            by=coordinator,
            hours=[
                (weekday, _time(opens), _time(closes), kind)
                for weekday, opens, closes, kind in hub_data.hours
            ],
        )
        for exception in _exceptions(bank, hub_data, today):
            add_opening_exception(hub=hub, by=coordinator, **exception)


def _build_partners(bank: DigibankData, built: BuiltBank) -> None:
    coordinator = acting(built.users[Role.COORDINATOR], built.digibank)
    for partner_data in bank.partners:
        partner = create_partner(
            digibank=built.digibank,
            by=coordinator,
            name=partner_data.name,
            kind=partner_data.kind,
            description=partner_data.description,
            email=partner_data.email,
            phone=partner_data.phone,
            website=partner_data.website,
            street=partner_data.street,
            postcode=partner_data.postcode,
            municipality=built.municipalities[partner_data.nis_code],
        )
        for contact in partner_data.contacts:
            add_partner_contact(
                partner=partner,
                by=coordinator,
                name=contact.name,
                job_title=contact.job_title,
                email=contact.email,
                phone=contact.phone,
            )
        built.partners[partner_data.key] = partner


def build_digibank(
    bank: DigibankData,
    *,
    region: Region,
    region_admin: User,
    today: datetime.date,
    password_hash: str | None = None,
) -> BuiltBank:
    """One digibank with its hubs, partners and a staff account for every role; no residents."""
    municipalities = {
        m.nis_code: m for m in Municipality.objects.filter(nis_code__in=bank.nis_codes)
    }
    missing = set(bank.nis_codes) - set(municipalities)
    if missing:
        raise LookupError(f"Municipalities not loaded: {sorted(missing)}. Run migrate first.")
    digibank = create_digibank(
        region=region,
        name=bank.name,
        slug=bank.slug,
        municipalities=[municipalities[code] for code in bank.nis_codes],
        by=acting_in_region(region_admin, region),
        email=bank.email,
        phone=bank.phone,
        website=bank.website,
    )
    built = BuiltBank(
        digibank=digibank, data=bank, municipalities=municipalities, partners={}, users={}
    )
    staff_by_role = {staff.role: staff for staff in bank.staff}

    def add_staff(role: str, partner_key: str | None = None) -> None:
        """The demo's accounts and roles come from the system, with the published password: on a
        real installation the coordinator invites and each person accepts with their own."""
        user = staff_user(
            staff_by_role[role],
            username=username_for(bank.slug, role),
            domain=f"{bank.slug}.example",
            digibank=digibank,
            password_hash=password_hash,
        )
        partner = built.partners[partner_key] if partner_key else None
        add_member(digibank=digibank, user=user, role=role, partner=partner, by=SYSTEM)
        built.users[role] = user

    # The coordinator's role comes first; the coordinator then sets up everything else.
    add_staff(Role.COORDINATOR)
    _build_hubs(bank, built, today)
    _build_partners(bank, built)
    for role in Role.values:
        if role == Role.COORDINATOR:
            continue
        partner_key = bank.referrer_partner if role == Role.REFERRER else None
        add_staff(role, partner_key)
    return built
