"""The shared test world: two digibanks in one region, with a user for every role.

Used by the root `conftest.py` fixture `world` and by the permission matrix.
Users are named after their role and digibank: `world.users["coordinator"]` works in digibank A,
`world.other_users["coordinator"]` in digibank B; `world.user_with_roles("referrer", "technician")`
holds two roles in digibank A.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from digibank.core.models import User
from digibank.organisations import services as organisation_services
from digibank.organisations.models import (
    Digibank,
    Hub,
    Municipality,
    Partner,
    PartnerKind,
    Region,
    RegionRole,
    Role,
)
from digibank.organisations.permissions import SYSTEM, Access, acting
from digibank.people.models import Person
from digibank.people.services import register_person

PASSWORD = "correct horse battery staple"

ROLES = [role.value for role in Role]
REGION_ROLES = [role.value for role in RegionRole]


@dataclass
class Bank:
    digibank: Digibank
    hub: Hub
    partner: Partner
    person: Person
    referred_person: Person
    users: dict[str, User] = field(default_factory=dict)


@dataclass
class World:
    region: Region
    a: Bank
    b: Bank
    region_users: dict[str, User]
    outsider: User
    other_region: Region

    @property
    def users(self) -> dict[str, User]:
        return self.a.users

    @property
    def other_users(self) -> dict[str, User]:
        return self.b.users

    def user_with_roles(self, *roles: str) -> User:
        """A user of digibank A holding several roles (a referrer works for A's partner); made on
        first use, so the worlds of other tests stay small."""
        username = "+".join(sorted(roles)) + "-mechelen"
        found = User.objects.filter(username=username).first()
        if found is not None:
            return found
        user = make_user(username)
        for role in roles:
            organisation_services.add_member(
                by=SYSTEM,
                digibank=self.a.digibank,
                user=user,
                role=role,
                partner=self.a.partner if role == Role.REFERRER else None,
            )
        return user

    def user_for(self, role: str) -> User | None:
        """A user by role name, as used by the permission matrix; None means anonymous."""
        if role == "anonymous":
            return None
        if role == "outsider":
            return self.outsider
        if role in self.region_users:
            return self.region_users[role]
        return self.a.users[role]


def act(user: User, digibank: Digibank | None = None) -> Access:
    """The `Access` a test user passes to the services as `by`: in `digibank`, or in the one
    digibank where they hold roles."""
    if digibank is None:
        banks = {m.digibank for m in user.memberships.select_related("digibank")}
        assert len(banks) == 1, f"{user} works in {len(banks)} digibanks: say which one"
        digibank = banks.pop()
    return acting(user, digibank)


def give_app(user: User) -> TOTPDevice:
    """The user has set up an authenticator app (a confirmed TOTP device, as the set-up page
    leaves it); `app_code(device)` gives what the app shows."""
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def app_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the user's app shows now, or `steps_ahead` periods of 30 seconds later (a code is
    accepted once, and one period early or late: the next period gives a fresh code)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def log_in_with_app(client: Client, user: User, device: TOTPDevice, steps_ahead: int = 0) -> None:
    """Both log-in steps through the real pages: the password, then the app's code."""
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response
    response = client.post(
        reverse("portal:second_step"), {"code": app_code(device, steps_ahead), "next": "/staff/"}
    )
    assert response.status_code == 302 and response["Location"] == "/staff/", response


def make_user(username: str, **extra: object) -> User:
    return User.objects.create_user(
        username=username,
        email=f"{username}@digibank.example",
        password=PASSWORD,
        first_name=username.split("-")[0].capitalize(),
        last_name="Tester",
        **extra,
    )


def make_bank(region: Region, slug: str, nis_code: str) -> Bank:
    municipality = Municipality.objects.get(nis_code=nis_code)
    digibank = organisation_services.create_digibank(
        by=SYSTEM,
        region=region,
        name=f"Digibank {slug.title()}",
        slug=slug,
        municipalities=[municipality],
    )
    hub = organisation_services.create_hub(
        by=SYSTEM,
        digibank=digibank,
        name=f"Bibliotheek {municipality.name_nl}",
        street="Stationsstraat 1",
        postcode=municipality.postcodes[0],
        municipality=municipality,
        step_free=True,
        languages=["nl", "fr"],
        services=["help", "learning"],
    )
    organisation_services.set_weekly_hours(
        by=SYSTEM, hub=hub, hours=[(0, datetime.time(9), datetime.time(12), "open")]
    )
    partner = organisation_services.create_partner(
        by=SYSTEM,
        digibank=digibank,
        name=f"OCMW {municipality.name_nl}",
        kind=PartnerKind.LOCAL_GOVERNMENT,
    )
    person = register_person(
        digibank=digibank,
        by=SYSTEM,
        first_name="Marie",
        last_name="Peeters",
        postcode=municipality.postcodes[0],
        municipality=municipality,
        birth_year=1950,
        phone="0470 12 34 56",
    )
    referred = register_person(
        digibank=digibank,
        by=SYSTEM,
        first_name="Youssef",
        last_name="El Amrani",
        postcode=municipality.postcodes[0],
        municipality=municipality,
        birth_year=1988,
        referrer_partner=partner,
        contact_method="referrer",
    )
    bank = Bank(
        digibank=digibank, hub=hub, partner=partner, person=person, referred_person=referred
    )
    for role in ROLES:
        user = make_user(f"{role}-{slug}")
        organisation_services.add_member(
            by=SYSTEM,
            digibank=digibank,
            user=user,
            role=role,
            partner=partner if role == Role.REFERRER else None,
        )
        bank.users[role] = user
    return bank


def build_world() -> World:
    region = Region.objects.create(name="Vlaanderen", slug="vlaanderen")
    a = make_bank(region, "mechelen", "12025")
    b = make_bank(region, "eeklo", "43005")
    region_users = {}
    for role in REGION_ROLES:
        user = make_user(f"{role}-vlaanderen")
        organisation_services.add_region_member(by=SYSTEM, region=region, user=user, role=role)
        region_users[role] = user
    return World(
        region=region,
        a=a,
        b=b,
        region_users=region_users,
        outsider=make_user("outsider"),
        other_region=Region.objects.create(name="Brussel", slug="brussel"),
    )
