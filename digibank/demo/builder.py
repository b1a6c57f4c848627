"""Builds the demo through the same services the staff pages use.

`build_demo` makes region Vlaanderen with two contrasting digibanks (the city of Mechelen and the
rural Meetjesland): hubs with opening hours and exceptions, partners of every kind with contact
people, one staff account for every role, a region admin and analyst, and a few hundred residents.
Each digibank is set up by `digibank_builder`; `reset.reset_demo` deletes the demo again.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from digibank.core.models import User
from digibank.demo.accounts import demo_accounts, username_for
from digibank.demo.data import DIGIBANKS, REGION_NAME, REGION_SLUG, REGION_STAFF
from digibank.demo.digibank_builder import build_digibank, staff_user
from digibank.demo.journeys import link_journeys
from digibank.demo.registration import existing_keys, register
from digibank.demo.residents import BuiltBank, ResidentGenerator, unique_residents
from digibank.organisations.models import Digibank, Region, RegionRole, Role
from digibank.organisations.permissions import SYSTEM, acting
from digibank.organisations.services import add_region_member
from digibank.people.models import ConsentPurpose, ContactMethod, Person
from digibank.people.services import register_person


def demo_exists() -> bool:
    """True when any part of the demo is there: its digibanks or one of its accounts."""
    if Digibank.objects.filter(slug__in=[bank.slug for bank in DIGIBANKS]).exists():
        return True
    return User.objects.filter(username__in=[a.username for a in demo_accounts()]).exists()


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
            by=acting(built.users[Role.HUB_VOLUNTEER], built.digibank),
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
    """Devices in every state, requests and loans, the outbox, skills checks, help appointments,
    visits, referrals, shifts and guides, and a couple of personal plans, through each app's
    services; then a few borrowers linked to learning and help, so their page shows the whole
    journey."""
    from digibank.devices.demo import build_demo as build_devices
    from digibank.help.demo import build_demo as build_help
    from digibank.help.demo_guides import build_demo as build_guides
    from digibank.help.demo_visits import build_demo as build_visits
    from digibank.lending.demo import build_demo as build_lending
    from digibank.messaging.demo import build_demo as build_messages
    from digibank.plans.demo import build_demo as build_plans
    from digibank.skills.demo import build_demo as build_skills

    people = list(Person.objects.filter(digibank=built.digibank).order_by("pk"))
    builders = (
        build_devices,
        build_lending,
        build_messages,
        build_skills,
        build_help,
        build_visits,
        build_plans,
        build_guides,
    )
    for build in builders:
        build(digibank=built.digibank, rng=rng, users=built.users, people=people)
    link_journeys(digibank=built.digibank, users=built.users, rng=rng)


def _region_admin_and_analyst(region: Region) -> dict[str, User]:
    users: dict[str, User] = {}
    for staff in REGION_STAFF:
        user = staff_user(
            staff,
            username=username_for(REGION_SLUG, staff.role),
            domain=f"{REGION_SLUG}.example",
            digibank=None,
            password_hash=None,
        )
        add_region_member(region=region, user=user, role=staff.role, by=SYSTEM)
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
