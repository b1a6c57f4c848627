"""`seed_demo --scale N`: large synthetic data on top of the demo, for benchmarks.

Every demo digibank is topped up to N times its residents, and one synthetic digibank is added for
every 10 (`SCALE_PER_SYNTHETIC_DIGIBANK`), each in a Flemish municipality that no digibank serves
yet. Digibanks, hubs, partners and accounts go through the services; residents are bulk-written by
`registration.top_up`. Running the same scale again adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify

from digibank.core.models import User
from digibank.demo.accounts import username_for
from digibank.demo.data import DEMO_PASSWORD, DIGIBANKS, REGION_SLUG, SCALE_SLUG_PREFIX
from digibank.demo.digibank_builder import build_digibank
from digibank.demo.registration import top_up
from digibank.demo.residents import BuiltBank
from digibank.demo.shapes import DigibankData, HubData, PartnerData, StaffData
from digibank.organisations.models import (
    Digibank,
    HubService,
    Membership,
    Municipality,
    PartnerKind,
    Region,
    RegionRole,
    Role,
)
from digibank.people.models import Person

# Residents of each synthetic digibank at scale 1; `--scale N` multiplies it like the others.
SYNTHETIC_RESIDENTS = 150
# `--scale N` adds one synthetic digibank for every this many.
SCALE_PER_SYNTHETIC_DIGIBANK = 10


# The first digits of the NIS codes of Flemish provinces: Antwerp, Flemish Brabant (23, 24),
# West Flanders, East Flanders, Limburg.
_FLEMISH_NIS = Q(nis_code__startswith="1") | Q(nis_code__startswith="23")
_FLEMISH_NIS |= Q(nis_code__startswith="24") | Q(nis_code__startswith="3")
_FLEMISH_NIS |= Q(nis_code__startswith="4") | Q(nis_code__startswith="7")

_SYNTHETIC_ORIGINS = {
    "flemish": 68,
    "walloon": 3,
    "moroccan": 9,
    "turkish": 4,
    "polish": 4,
    "romanian": 3,
    "congolese": 2,
    "syrian": 2,
    "afghan": 2,
    "ukrainian": 3,
}
_SYNTHETIC_STAFF = (
    StaffData(Role.COORDINATOR, "Sam", "Coördinator"),
    StaffData(Role.HUB_VOLUNTEER, "Sam", "Vrijwilliger"),
    StaffData(Role.TECHNICIAN, "Sam", "Technicus"),
    StaffData(Role.TRAINER, "Sam", "Lesgever"),
    StaffData(Role.REFERRER, "Sam", "Doorverwijzer"),
    StaffData(Role.ANALYST, "Sam", "Analist"),
)
_PARTNER_KEYS = {
    PartnerKind.LOCAL_GOVERNMENT: ("ocmw", "OCMW"),
    PartnerKind.COMPANY: ("company", "Bedrijf"),
    PartnerKind.SCHOOL: ("school", "Scholengroep"),
    PartnerKind.SOCIAL_ECONOMY: ("social_economy", "Kringloop"),
    PartnerKind.TRAINING: ("training", "Basiseducatie"),
    PartnerKind.EMPLOYMENT_SERVICE: ("employment", "VDAB"),
    PartnerKind.CIVIL_SOCIETY: ("civil_society", "Buurtwerk"),
    PartnerKind.KNOWLEDGE: ("knowledge", "Kenniscentrum"),
}


def synthetic_digibank(municipality: Municipality) -> DigibankData:
    """A plain digibank for one municipality: two hubs, a partner of every kind, every role."""
    name = municipality.name_nl
    slug = f"{SCALE_SLUG_PREFIX}{slugify(name)}"
    postcode = municipality.postcodes[0]
    hub = HubData(
        key="library",
        name=f"Bibliotheek {name}",
        street="Marktplein 1",
        postcode=postcode,
        nis_code=municipality.nis_code,
        latitude="",
        longitude="",
        phone="",
        email=f"bibliotheek@{slug}.example",
        directions="",
        services=(HubService.HELP, HubService.LEARNING, HubService.INTERNET),
        languages=("nl", "en"),
        hours=((1, "13:00", "17:00", "walk_in"), (3, "09:00", "12:00", "open")),
    )
    return DigibankData(
        slug=slug,
        name=f"Digibank {name}",
        nis_codes=(municipality.nis_code,),
        email=f"info@{slug}.example",
        phone="",
        website="",
        hubs=(
            hub,
            replace(
                hub,
                key="social_house",
                name=f"Sociaal Huis {name}",
                street="Stationsstraat 10",
                email=f"sociaalhuis@{slug}.example",
                services=(HubService.HELP, HubService.DEVICES),
                hours=((0, "09:00", "12:00", "open"), (4, "13:00", "16:00", "walk_in")),
            ),
        ),
        partners=tuple(
            PartnerData(
                key=key,
                name=f"{label} {name}",
                kind=kind,
                description="",
                email=f"{key.replace('_', '-')}@{slug}.example",
                phone="",
                website="",
                street="",
                postcode="",
                nis_code=municipality.nis_code,
                contacts=(),
            )
            for kind, (key, label) in _PARTNER_KEYS.items()
        ),
        staff=_SYNTHETIC_STAFF,
        referrer_partner="ocmw",
        residents=SYNTHETIC_RESIDENTS,
        origins=_SYNTHETIC_ORIGINS,
        municipality_weights={municipality.nis_code: 1},
        landline_prefixes=(),
    )


def _synthetic_banks(count: int) -> list[DigibankData]:
    """The synthetic digibanks a scale needs: the ones made before, then unserved municipalities."""
    existing = Digibank.objects.filter(slug__startswith=SCALE_SLUG_PREFIX).prefetch_related(
        "municipalities"
    )
    made = [synthetic_digibank(bank.municipalities.get()) for bank in existing.order_by("pk")]
    unserved = (
        Municipality.objects.filter(_FLEMISH_NIS)
        .exclude(digibanks__isnull=False)
        .order_by("nis_code")
    )
    for municipality in unserved[: max(0, count - len(made))]:
        made.append(synthetic_digibank(municipality))
    return made[:count]


def _built_bank_for(bank: DigibankData, digibank: Digibank) -> BuiltBank:
    partners = {
        partner_data.key: digibank.partners.get(name=partner_data.name)
        for partner_data in bank.partners
    }
    users = {
        membership.role: membership.user
        for membership in Membership.objects.filter(digibank=digibank).select_related("user")
        if membership.user.username == username_for(bank.slug, membership.role)
    }
    municipalities = {m.nis_code: m for m in digibank.municipalities.all()}
    return BuiltBank(
        digibank=digibank,
        data=bank,
        municipalities=municipalities,
        partners=partners,
        users=users,
    )


@dataclass(frozen=True)
class ScalePlan:
    banks: list[DigibankData]
    targets: dict[str, int]

    @property
    def to_add(self) -> int:
        """How many residents carrying out the plan will add."""
        current = dict(
            Person.objects.filter(digibank__slug__in=self.targets)
            .values_list("digibank__slug")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return sum(max(0, target - current.get(slug, 0)) for slug, target in self.targets.items())


def plan_scale(factor: int) -> ScalePlan:
    """`--scale N`: every digibank gets N times its demo residents; one synthetic digibank more
    for every 10, each with N × 150 residents."""
    banks = [*DIGIBANKS, *_synthetic_banks(factor // SCALE_PER_SYNTHETIC_DIGIBANK)]
    return ScalePlan(banks=banks, targets={bank.slug: bank.residents * factor for bank in banks})


def scale_demo(plan: ScalePlan, *, on_progress: Callable[[int], None] = lambda n: None) -> int:
    """Carry out a scale plan; returns how many residents were added. Running it again adds none."""
    region = Region.objects.get(slug=REGION_SLUG)
    region_admin = User.objects.get(username=username_for(REGION_SLUG, RegionRole.ADMIN))
    password_hash = None
    added = 0
    for bank in plan.banks:
        digibank = Digibank.objects.filter(slug=bank.slug).first()
        if digibank is None:
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            with transaction.atomic():
                build_digibank(
                    bank,
                    region=region,
                    region_admin=region_admin,
                    today=timezone.localdate(),
                    password_hash=password_hash,
                )
            digibank = Digibank.objects.get(slug=bank.slug)
        added += top_up(
            _built_bank_for(bank, digibank), target=plan.targets[bank.slug], on_progress=on_progress
        )
    return added
