"""Builds the demo through the same services the staff pages use, and takes it down again.

`build_demo` makes region Vlaanderen with two contrasting digibanks (the city of Mechelen and the
rural Meetjesland): hubs with opening hours and exceptions, partners of every kind with contact
people, one staff account for every role, a region admin and analyst, and a few hundred residents.
`reset_demo` deletes the demo again, with the synthetic data of `scale.py`.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from digibank.core.models import AuditEntry, User
from digibank.demo.accounts import demo_accounts, username_for
from digibank.demo.data import (
    DEMO_PASSWORD,
    DIGIBANKS,
    REGION_NAME,
    REGION_SLUG,
    REGION_STAFF,
    SCALE_SLUG_PREFIX,
)
from digibank.demo.residents import (
    BuiltBank,
    ResidentGenerator,
    ascii_part,
    existing_keys,
    register,
    unique_residents,
)
from digibank.demo.shapes import DigibankData, HubData, StaffData
from digibank.organisations.models import (
    Digibank,
    HubService,
    Membership,
    Municipality,
    Region,
    RegionMembership,
    RegionRole,
    Role,
)
from digibank.organisations.services import (
    add_member,
    add_opening_exception,
    add_partner_contact,
    add_region_member,
    create_digibank,
    create_hub,
    create_partner,
    create_staff_user,
    set_weekly_hours,
)
from digibank.people.models import ConsentPurpose, ContactMethod, Person
from digibank.people.services import register_person


def demo_exists() -> bool:
    """True when any part of the demo is there: its digibanks or one of its accounts."""
    if Digibank.objects.filter(slug__in=[bank.slug for bank in DIGIBANKS]).exists():
        return True
    return User.objects.filter(username__in=[a.username for a in demo_accounts()]).exists()


# Building ----------------------------------------------------------------------------------------


def _email_for(staff: StaffData, domain: str) -> str:
    return f"{ascii_part(staff.first_name)}.{ascii_part(staff.last_name)}@{domain}"


def _staff_user(
    staff: StaffData,
    *,
    username: str,
    domain: str,
    by: User | None,
    digibank: Digibank | None,
    password_hash: str | None,
) -> User:
    """A staff account through the service; a shared hash spares hashing for synthetic accounts."""
    user = create_staff_user(
        username=username,
        email=_email_for(staff, domain),
        first_name=staff.first_name,
        last_name=staff.last_name,
        password=None if password_hash else DEMO_PASSWORD,
        by=by,
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


def _exceptions(bank: DigibankData, hub: HubData, today: datetime.date) -> list[dict]:
    """Days that differ from a hub's usual week, all in the coming year."""
    days = [
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
                "reason": "Digidag: extra open op zondag",
            }
        )
    unique: dict[datetime.date, dict] = {}
    for day in days:
        unique.setdefault(day["date"], day)
    return list(unique.values())


def _build_hubs(bank: DigibankData, built: BuiltBank, today: datetime.date) -> None:
    coordinator = built.users[Role.COORDINATOR]
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
    coordinator = built.users[Role.COORDINATOR]
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
        by=region_admin,
        email=bank.email,
        phone=bank.phone,
        website=bank.website,
    )
    built = BuiltBank(
        digibank=digibank, data=bank, municipalities=municipalities, partners={}, users={}
    )
    staff_by_role = {staff.role: staff for staff in bank.staff}

    def add_staff(role: str, by: User, partner_key: str | None = None) -> None:
        user = _staff_user(
            staff_by_role[role],
            username=username_for(bank.slug, role),
            domain=f"{bank.slug}.example",
            by=by,
            digibank=digibank,
            password_hash=password_hash,
        )
        partner = built.partners[partner_key] if partner_key else None
        add_member(digibank=digibank, user=user, role=role, partner=partner, by=by)
        built.users[role] = user

    # The region admin appoints the coordinator, who then sets up everything else.
    add_staff(Role.COORDINATOR, region_admin)
    coordinator = built.users[Role.COORDINATOR]
    _build_hubs(bank, built, today)
    _build_partners(bank, built)
    for role in Role.values:
        if role == Role.COORDINATOR:
            continue
        partner_key = bank.referrer_partner if role == Role.REFERRER else None
        add_staff(role, coordinator, partner_key)
    return built


def _register_residents(built: BuiltBank, count: int) -> int:
    """Residents through the service, plus a few deliberate duplicates to try the merge page."""
    generator = ResidentGenerator(built, seed=f"digibank-demo:{built.digibank.slug}")
    residents = list(unique_residents(generator, count, existing_keys(built.digibank)))
    registered = len(register(built, residents))
    # The same person registered a second time at another hub, with other contact details.
    for number, resident in enumerate(residents[7 : 7 + max(1, count // 100)]):
        again = {
            **resident.service_kwargs(),
            "contact_method": ContactMethod.PHONE,
            "phone": f"0499 00 11 {number:02}",
            "email": "",
            "referrer_partner": None,
            "notes": "",
            "consents": [ConsentPurpose.REGISTRATION],
        }
        register_person(
            digibank=built.digibank,
            by=built.users[Role.HUB_VOLUNTEER],
            allow_duplicate=True,
            **again,
        )
        registered += 1
    return registered


@dataclass(frozen=True)
class DemoSummary:
    digibanks: int
    hubs: int
    partners: int
    accounts: int
    residents: int


def _build_device_bank(built: BuiltBank, rng: random.Random) -> None:
    """Devices in every state, requests and loans, and the outbox, through each app's services."""
    from digibank.devices.demo import build_demo as build_devices
    from digibank.lending.demo import build_demo as build_lending
    from digibank.messaging.demo import build_demo as build_messages

    people = list(Person.objects.filter(digibank=built.digibank).order_by("pk"))
    for build in (build_devices, build_lending, build_messages):
        build(digibank=built.digibank, rng=rng, users=built.users, people=people)


def _region_admin_and_analyst(region: Region) -> dict[str, User]:
    users: dict[str, User] = {}
    for staff in REGION_STAFF:
        user = _staff_user(
            staff,
            username=username_for(REGION_SLUG, staff.role),
            domain=f"{REGION_SLUG}.example",
            by=users.get(RegionRole.ADMIN),
            digibank=None,
            password_hash=None,
        )
        add_region_member(region=region, user=user, role=staff.role, by=users.get(RegionRole.ADMIN))
        users[staff.role] = user
    return users


@transaction.atomic
def build_demo(*, today: datetime.date | None = None) -> DemoSummary:
    """The whole demo in one transaction: all of it is there afterwards, or none of it."""
    today = today or timezone.localdate()
    region, _created = Region.objects.get_or_create(
        slug=REGION_SLUG, defaults={"name": REGION_NAME}
    )
    region_users = _region_admin_and_analyst(region)
    residents = 0
    for bank in DIGIBANKS:
        built = build_digibank(
            bank, region=region, region_admin=region_users[RegionRole.ADMIN], today=today
        )
        residents += _register_residents(built, bank.residents)
        _build_device_bank(built, random.Random(f"device-bank-{bank.slug}"))
    return DemoSummary(
        digibanks=len(DIGIBANKS),
        hubs=sum(len(bank.hubs) for bank in DIGIBANKS),
        partners=sum(len(bank.partners) for bank in DIGIBANKS),
        accounts=len(demo_accounts()),
        residents=residents,
    )


# Reset -------------------------------------------------------------------------------------------


def _demo_digibanks():
    slugs = [bank.slug for bank in DIGIBANKS]
    return Digibank.objects.filter(
        Q(slug__in=slugs) | Q(slug__startswith=SCALE_SLUG_PREFIX), region__slug=REGION_SLUG
    )


@transaction.atomic
def reset_demo() -> None:
    """Delete the demo, in an order that respects the protected foreign keys.

    People point at partners (the referrer) and memberships point at partners too, both PROTECT:
    people and memberships go first, then the digibanks with their hubs and partners, then the
    demo accounts, and the region last when nothing else uses it.
    """
    digibanks = list(_demo_digibanks())
    usernames = {account.username for account in demo_accounts()}
    usernames |= {username_for(bank.slug, role) for bank in digibanks for role in Role.values}
    users = User.objects.filter(username__in=usernames)
    user_ids = [str(pk) for pk in users.values_list("pk", flat=True)]
    region_membership_ids = [
        str(pk)
        for pk in RegionMembership.objects.filter(user__in=users).values_list("pk", flat=True)
    ]

    # The device bank's records protect people, partners, hubs and devices: they go first.
    from django_tasks_db.models import DBTaskResult

    from digibank.devices.models import Device, DeviceImport, Donation
    from digibank.lending.models import Allocation, DeviceRequest, Loan
    from digibank.messaging.models import Message

    task_ids = Message.objects.filter(digibank__in=digibanks).exclude(task_id="")
    DBTaskResult.objects.filter(id__in=list(task_ids.values_list("task_id", flat=True))).delete()
    for model in (Loan, Allocation, DeviceRequest, Device, DeviceImport, Donation, Message):
        model.objects.filter(digibank__in=digibanks).delete()
    Person.objects.filter(digibank__in=digibanks).delete()
    Membership.objects.filter(digibank__in=digibanks).delete()
    for digibank in digibanks:
        digibank.partners.all().delete()
        digibank.hubs.all().delete()
        digibank.delete()  # its audit trail and target groups go with it
    # Audit entries about the accounts themselves belong to no digibank.
    AuditEntry.objects.filter(
        Q(object_type=User._meta.label_lower, object_id__in=user_ids)
        | Q(object_type=RegionMembership._meta.label_lower, object_id__in=region_membership_ids)
    ).delete()
    users.delete()
    region = Region.objects.filter(slug=REGION_SLUG).first()
    if region and not region.digibanks.exists() and not region.memberships.exists():
        region.delete()
