"""The fixed content of the demo: two contrasting digibanks, their hubs, partners and staff, and the
name pools the resident generator draws from.

Everything here is fictional except the places: the streets are real streets of Mechelen and the
Meetjesland, with plausible coordinates. People, companies and e-mail addresses are invented;
e-mail domains end in `.example` so nothing can ever be sent to a real mailbox. The name pools of
the residents are in `names.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from digibank.organisations.models import HubService, OpeningKind, PartnerKind, Role

DEMO_PASSWORD = "digibank-demo"
REGION_SLUG = "vlaanderen"
REGION_NAME = "Vlaanderen"
# Synthetic digibanks made by `--scale` carry this slug prefix, so `--reset` can find them.
SCALE_SLUG_PREFIX = "scale-"

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


MECHELEN = DigibankData(
    slug="mechelen",
    name="Digibank Mechelen",
    nis_codes=("12025",),
    email="info@digibank-mechelen.example",
    phone="015 29 77 00",
    website="https://digibank-mechelen.example",
    hubs=(
        HubData(
            key="library",
            name="Bibliotheek Mechelen – Het Predikheren",
            street="Goswin de Stassartstraat 27",
            postcode="2800",
            nis_code="12025",
            latitude="51.030140",
            longitude="4.476190",
            phone="015 29 74 00",
            email="bibliotheek@mechelen.example",
            directions="Ingang aan de Dijlekant. Het digipunt is op de eerste verdieping (lift).",
            services=(HubService.HELP, HubService.LEARNING, HubService.INTERNET),
            languages=("nl", "fr", "en"),
            hours=(
                (TUE, "10:00", "18:00", OPEN),
                (WED, "10:00", "18:00", OPEN),
                (WED, "14:00", "17:00", WALK_IN),
                (THU, "10:00", "18:00", OPEN),
                (FRI, "10:00", "18:00", OPEN),
                (SAT, "10:00", "16:00", OPEN),
                (SAT, "10:00", "12:30", WALK_IN),
            ),
            hearing_loop=True,
            quiet_room=True,
            website="https://bibliotheek-mechelen.example",
        ),
        HubData(
            key="social_house",
            name="Sociaal Huis Mechelen",
            street="Lange Schipstraat 27",
            postcode="2800",
            nis_code="12025",
            latitude="51.029460",
            longitude="4.483020",
            phone="015 44 51 00",
            email="sociaalhuis@mechelen.example",
            directions="Meld je aan bij het onthaal op het gelijkvloers.",
            services=(HubService.HELP, HubService.DEVICES),
            languages=("nl", "fr", "en", "ar", "ber"),
            hours=(
                (MON, "09:00", "12:00", OPEN),
                (MON, "13:30", "16:00", WALK_IN),
                (TUE, "09:00", "12:00", OPEN),
                (WED, "09:00", "12:00", OPEN),
                (THU, "09:00", "12:00", OPEN),
                (THU, "13:30", "19:00", WALK_IN),
                (FRI, "09:00", "12:00", OPEN),
            ),
            hearing_loop=True,
            quiet_room=True,
            accessibility_notes="Rolstoel te leen aan het onthaal.",
        ),
        HubData(
            key="nekkerspoel",
            name="Buurtcentrum Nekkerspoel",
            street="Nekkerspoelstraat 261",
            postcode="2800",
            nis_code="12025",
            latitude="51.031870",
            longitude="4.495310",
            phone="015 43 20 18",
            email="nekkerspoel@buurtwerk-mechelen.example",
            directions="Naast de speeltuin, vijf minuten wandelen van station Nekkerspoel.",
            services=(HubService.HELP, HubService.LEARNING, HubService.INTERNET),
            languages=("nl", "ar", "tr", "en"),
            hours=(
                (TUE, "09:00", "12:00", WALK_IN),
                (TUE, "13:00", "16:00", OPEN),
                (THU, "13:00", "16:00", WALK_IN),
                (FRI, "09:00", "12:00", OPEN),
            ),
        ),
        HubData(
            key="muizen",
            name="Buurthuis Muizen",
            street="Leuvensesteenweg 555",
            postcode="2812",
            nis_code="12025",
            latitude="51.008920",
            longitude="4.512470",
            phone="015 43 78 02",
            email="muizen@buurtwerk-mechelen.example",
            directions="In het oude schoolgebouw, ingang via de speelplaats.",
            services=(HubService.HELP, HubService.LEARNING),
            languages=("nl", "uk", "ru"),
            hours=(
                (MON, "13:30", "16:30", WALK_IN),
                (WED, "09:00", "12:00", OPEN),
            ),
            step_free=False,
            accessibility_notes="Drie treden aan de ingang; een helper komt je graag halen.",
        ),
        HubData(
            key="repair_cafe",
            name="Repair Café bij Refurb Mechelen",
            street="Oude Antwerpsebaan 20",
            postcode="2800",
            nis_code="12025",
            latitude="51.046480",
            longitude="4.466910",
            phone="015 63 11 40",
            email="repaircafe@refurb-mechelen.example",
            directions="Magazijn C, volg de groene pijlen op het terrein.",
            services=(HubService.REPAIR, HubService.DEVICES),
            languages=("nl", "fr", "en", "pl"),
            hours=(
                (MON, "09:00", "16:00", OPEN),
                (TUE, "09:00", "16:00", OPEN),
                (THU, "09:00", "16:00", OPEN),
                (SAT, "10:00", "13:00", WALK_IN),
            ),
            website="https://refurb-mechelen.example",
        ),
    ),
    partners=(
        PartnerData(
            key="ocmw",
            name="OCMW Mechelen",
            kind=PartnerKind.LOCAL_GOVERNMENT,
            description="Verwijst inwoners door en leent toestellen uit via het Sociaal Huis.",
            email="digitaal@ocmw-mechelen.example",
            phone="015 44 51 00",
            website="https://ocmw-mechelen.example",
            street="Lange Schipstraat 27",
            postcode="2800",
            nis_code="12025",
            contacts=(
                ContactData(
                    "Nadia El Idrissi",
                    "maatschappelijk werker",
                    "nadia.elidrissi@ocmw-mechelen.example",
                    "015 44 51 23",
                ),
                ContactData(
                    "Luc Hermans",
                    "diensthoofd sociale dienst",
                    "luc.hermans@ocmw-mechelen.example",
                    "015 44 51 10",
                ),
            ),
        ),
        PartnerData(
            key="company",
            name="Dijlestroom Logistics NV",
            kind=PartnerKind.COMPANY,
            description="Schenkt elk jaar afgeschreven laptops en schermen.",
            email="csr@dijlestroom.example",
            phone="015 20 88 10",
            website="https://dijlestroom.example",
            street="Zandvoortstraat 12",
            postcode="2800",
            nis_code="12025",
            contacts=(
                ContactData(
                    "Stijn Verschueren",
                    "IT-manager",
                    "stijn.verschueren@dijlestroom.example",
                    "0478 22 31 45",
                ),
            ),
        ),
        PartnerData(
            key="school",
            name="Scholengemeenschap Dijleland",
            kind=PartnerKind.SCHOOL,
            description="Meldt leerlingen zonder goede laptop en biedt lokalen aan voor lessen.",
            email="zorg@dijleland-scholen.example",
            phone="015 41 23 90",
            website="https://dijleland-scholen.example",
            street="Hoogstraat 90",
            postcode="2800",
            nis_code="12025",
            contacts=(
                ContactData(
                    "Hilde Coppens",
                    "zorgcoördinator",
                    "hilde.coppens@dijleland-scholen.example",
                    "015 41 23 95",
                ),
                ContactData(
                    "Mehmet Yıldız",
                    "ICT-coördinator",
                    "mehmet.yildiz@dijleland-scholen.example",
                    "0486 71 02 33",
                ),
            ),
        ),
        PartnerData(
            key="social_economy",
            name="Refurb Mechelen vzw",
            kind=PartnerKind.SOCIAL_ECONOMY,
            description="Maatwerkbedrijf: wist en herstelt toestellen, host van het repair café.",
            email="info@refurb-mechelen.example",
            phone="015 63 11 40",
            website="https://refurb-mechelen.example",
            street="Oude Antwerpsebaan 20",
            postcode="2800",
            nis_code="12025",
            contacts=(
                ContactData(
                    "Wim Lambrechts",
                    "atelierverantwoordelijke",
                    "wim.lambrechts@refurb-mechelen.example",
                    "0472 40 18 66",
                ),
            ),
        ),
        PartnerData(
            key="training",
            name="Basiseducatie Rivierenland",
            kind=PartnerKind.TRAINING,
            description="Geeft open modules digitale vaardigheden in de hubs.",
            email="mechelen@basiseducatie-rivierenland.example",
            phone="015 55 70 30",
            website="https://basiseducatie-rivierenland.example",
            street="Van Benedenlaan 20",
            postcode="2800",
            nis_code="12025",
            contacts=(
                ContactData(
                    "Sofie Vermeulen",
                    "trajectbegeleider",
                    "sofie.vermeulen@basiseducatie-rivierenland.example",
                    "015 55 70 34",
                ),
            ),
        ),
        PartnerData(
            key="employment",
            name="VDAB Mechelen",
            kind=PartnerKind.EMPLOYMENT_SERVICE,
            description="Verwijst werkzoekenden door voor een laptop en een startcursus.",
            email="mechelen@vdab.example",
            phone="015 28 91 00",
            website="https://vdab.example",
            street="Grote Nieuwedijkstraat 1",
            postcode="2800",
            nis_code="12025",
            contacts=(
                ContactData(
                    "Youssef Azzouzi", "jobcoach", "youssef.azzouzi@vdab.example", "015 28 91 17"
                ),
            ),
        ),
        PartnerData(
            key="civil_society",
            name="Buurtwerk Mechelen vzw",
            kind=PartnerKind.CIVIL_SOCIETY,
            description="Runt de buurtcentra en zoekt vrijwilligers en digibuddy's.",
            email="info@buurtwerk-mechelen.example",
            phone="015 43 20 18",
            website="https://buurtwerk-mechelen.example",
            street="Nekkerspoelstraat 261",
            postcode="2800",
            nis_code="12025",
            contacts=(
                ContactData(
                    "Olena Kovalenko",
                    "buurtwerker",
                    "olena.kovalenko@buurtwerk-mechelen.example",
                    "0493 55 12 08",
                ),
                ContactData(
                    "Bart Goossens",
                    "coördinator vrijwilligers",
                    "bart.goossens@buurtwerk-mechelen.example",
                    "0477 19 84 20",
                ),
            ),
        ),
        PartnerData(
            key="knowledge",
            name="Hogeschool Dijleland – Digitale Inclusie",
            kind=PartnerKind.KNOWLEDGE,
            description="Onderzoekt welke hulp werkt en levert studenten als digibuddy.",
            email="digitale-inclusie@hogeschool-dijleland.example",
            phone="015 36 90 00",
            website="https://hogeschool-dijleland.example",
            street="Zandpoortvest 60",
            postcode="2800",
            nis_code="12025",
            contacts=(
                ContactData(
                    "Dr. Ine Vandenberghe",
                    "onderzoeker",
                    "ine.vandenberghe@hogeschool-dijleland.example",
                    "015 36 91 42",
                ),
            ),
        ),
    ),
    staff=(
        StaffData(Role.COORDINATOR, "Els", "Van den Broeck"),
        StaffData(Role.HUB_VOLUNTEER, "Karim", "Benali"),
        StaffData(Role.TECHNICIAN, "Jonas", "Wouters"),
        StaffData(Role.TRAINER, "Sofie", "Claes"),
        StaffData(Role.REFERRER, "Nadia", "El Idrissi"),
        StaffData(Role.ANALYST, "Pieter", "Verhoeven"),
    ),
    referrer_partner="ocmw",
    residents=250,
    origins={
        "flemish": 44,
        "walloon": 4,
        "moroccan": 18,
        "turkish": 4,
        "polish": 5,
        "romanian": 4,
        "congolese": 4,
        "syrian": 5,
        "afghan": 5,
        "ukrainian": 7,
    },
    municipality_weights={"12025": 1},
    landline_prefixes=("015",),
    staff_day_hub="social_house",
)


MEETJESLAND = DigibankData(
    slug="meetjesland",
    name="Digibank Meetjesland",
    nis_codes=("43005", "43010", "43007", "43002"),
    email="info@digibank-meetjesland.example",
    phone="09 376 40 00",
    website="https://digibank-meetjesland.example",
    hubs=(
        HubData(
            key="library",
            name="Bibliotheek Eeklo",
            street="Kerkstraat 16",
            postcode="9900",
            nis_code="43005",
            latitude="51.186910",
            longitude="3.561180",
            phone="09 218 28 70",
            email="bibliotheek@eeklo.example",
            directions="Naast de kerk, de computers staan achteraan in de leeszaal.",
            services=(HubService.HELP, HubService.LEARNING, HubService.INTERNET),
            languages=("nl", "fr", "en"),
            hours=(
                (WED, "13:30", "17:00", WALK_IN),
                (FRI, "09:30", "12:00", OPEN),
                (SAT, "10:00", "12:00", WALK_IN),
            ),
            hearing_loop=True,
        ),
        HubData(
            key="social_house",
            name="Sociaal Huis Maldegem",
            street="Noordstraat 17",
            postcode="9990",
            nis_code="43010",
            latitude="51.208740",
            longitude="3.445310",
            phone="050 72 86 00",
            email="sociaalhuis@maldegem.example",
            directions="Ingang via de parking achteraan, bel aan bij het onthaal.",
            services=(HubService.HELP, HubService.DEVICES),
            languages=("nl", "uk"),
            hours=(
                (MON, "09:00", "12:00", OPEN),
                (THU, "13:30", "16:00", WALK_IN),
            ),
            quiet_room=True,
        ),
        HubData(
            key="kaprijke",
            name="Dorpshuis Kaprijke",
            street="Voorstraat 2",
            postcode="9970",
            nis_code="43007",
            latitude="51.216480",
            longitude="3.614870",
            phone="09 373 79 70",
            email="dorpshuis@kaprijke.example",
            directions="In de oude pastorie op het dorpsplein.",
            services=(HubService.HELP, HubService.LEARNING),
            languages=("nl",),
            hours=((TUE, "13:30", "16:30", WALK_IN),),
            step_free=False,
            accessibility_notes="Eén trede aan de voordeur; er is een losse oprijplaat.",
        ),
        HubData(
            key="assenede",
            name="Dienstencentrum Bassevelde",
            street="Dorp 5",
            postcode="9968",
            nis_code="43002",
            latitude="51.231650",
            longitude="3.680470",
            phone="09 341 63 20",
            email="dienstencentrum@assenede.example",
            directions="Achter het gemeenschapshuis, bus 55 stopt voor de deur.",
            services=(HubService.HELP, HubService.REPAIR, HubService.DEVICES),
            languages=("nl", "fr"),
            hours=(
                (WED, "09:00", "12:00", OPEN),
                (SAT, "09:30", "12:00", WALK_IN),
            ),
        ),
    ),
    partners=(
        PartnerData(
            key="ocmw",
            name="OCMW Eeklo",
            kind=PartnerKind.LOCAL_GOVERNMENT,
            description="Verwijst inwoners door en bewaakt de voorwaarden voor een toestel.",
            email="sociale.dienst@ocmw-eeklo.example",
            phone="09 218 29 00",
            website="https://ocmw-eeklo.example",
            street="Zuidmoerstraat 136",
            postcode="9900",
            nis_code="43005",
            contacts=(
                ContactData(
                    "Ann Van de Voorde",
                    "maatschappelijk werker",
                    "ann.vandevoorde@ocmw-eeklo.example",
                    "09 218 29 14",
                ),
            ),
        ),
        PartnerData(
            key="company",
            name="Meetjeslandse Agrotechniek BV",
            kind=PartnerKind.COMPANY,
            description="Schenkt laptops bij de vervanging van het kantoorpark.",
            email="info@agrotechniek-meetjesland.example",
            phone="050 71 44 80",
            website="https://agrotechniek-meetjesland.example",
            street="Brugsesteenweg 210",
            postcode="9990",
            nis_code="43010",
            contacts=(
                ContactData(
                    "Dirk Van Hyfte",
                    "zaakvoerder",
                    "dirk.vanhyfte@agrotechniek-meetjesland.example",
                    "0475 63 20 91",
                ),
            ),
        ),
        PartnerData(
            key="school",
            name="Scholengroep Meetjesland",
            kind=PartnerKind.SCHOOL,
            description="Signaleert leerlingen zonder toestel thuis.",
            email="leerlingenbegeleiding@scholengroep-meetjesland.example",
            phone="09 377 12 60",
            website="https://scholengroep-meetjesland.example",
            street="Stationsstraat 40",
            postcode="9900",
            nis_code="43005",
            contacts=(
                ContactData(
                    "Katrien De Pauw",
                    "leerlingenbegeleider",
                    "katrien.depauw@scholengroep-meetjesland.example",
                    "09 377 12 64",
                ),
            ),
        ),
        PartnerData(
            key="social_economy",
            name="Kringloop Meetjesland vzw",
            kind=PartnerKind.SOCIAL_ECONOMY,
            description="Wist en knapt toestellen op in het atelier in Assenede.",
            email="atelier@kringloop-meetjesland.example",
            phone="09 344 51 30",
            website="https://kringloop-meetjesland.example",
            street="Stationsstraat 60",
            postcode="9960",
            nis_code="43002",
            contacts=(
                ContactData(
                    "Geert Roegiers",
                    "atelierchef",
                    "geert.roegiers@kringloop-meetjesland.example",
                    "0468 12 77 03",
                ),
            ),
        ),
        PartnerData(
            key="training",
            name="Basiseducatie Meetjesland",
            kind=PartnerKind.TRAINING,
            description="Geeft starterslessen smartphone en computer in de dorpen.",
            email="eeklo@basiseducatie-meetjesland.example",
            phone="09 378 40 12",
            website="https://basiseducatie-meetjesland.example",
            street="Raamstraat 8",
            postcode="9900",
            nis_code="43005",
            contacts=(
                ContactData(
                    "Marieke Bauwens",
                    "lesgever",
                    "marieke.bauwens@basiseducatie-meetjesland.example",
                    "09 378 40 15",
                ),
            ),
        ),
        PartnerData(
            key="employment",
            name="VDAB Eeklo",
            kind=PartnerKind.EMPLOYMENT_SERVICE,
            description="Verwijst werkzoekenden door voor digitale basisvaardigheden.",
            email="eeklo@vdab.example",
            phone="09 218 96 00",
            website="https://vdab.example",
            street="Koning Albertstraat 4",
            postcode="9900",
            nis_code="43005",
            contacts=(
                ContactData(
                    "Jan Dhaenens", "jobcoach", "jan.dhaenens@vdab.example", "09 218 96 21"
                ),
            ),
        ),
        PartnerData(
            key="civil_society",
            name="Vrijwilligersnetwerk Meetjesland",
            kind=PartnerKind.CIVIL_SOCIETY,
            description="Brengt digibuddy's bij oudere inwoners thuis in de kleinere dorpen.",
            email="info@vrijwilligers-meetjesland.example",
            phone="0495 33 10 72",
            website="https://vrijwilligers-meetjesland.example",
            street="Marktstraat 3",
            postcode="9990",
            nis_code="43010",
            contacts=(
                ContactData(
                    "Rita Van Landschoot",
                    "voorzitter",
                    "rita.vanlandschoot@vrijwilligers-meetjesland.example",
                    "0495 33 10 72",
                ),
                ContactData(
                    "Oksana Melnyk",
                    "vrijwilliger",
                    "oksana.melnyk@vrijwilligers-meetjesland.example",
                    "0491 28 65 40",
                ),
            ),
        ),
        PartnerData(
            key="knowledge",
            name="Kenniscentrum Digitaal Platteland",
            kind=PartnerKind.KNOWLEDGE,
            description="Meet de digitale kloof op het platteland en deelt wat werkt.",
            email="info@digitaal-platteland.example",
            phone="09 264 70 10",
            website="https://digitaal-platteland.example",
            street="Boelare 25",
            postcode="9900",
            nis_code="43005",
            contacts=(
                ContactData(
                    "Prof. Tom Verstraete",
                    "projectleider",
                    "tom.verstraete@digitaal-platteland.example",
                    "09 264 70 18",
                ),
            ),
        ),
    ),
    staff=(
        StaffData(Role.COORDINATOR, "Griet", "De Baets"),
        StaffData(Role.HUB_VOLUNTEER, "Marc", "Van Hoorebeke"),
        StaffData(Role.TECHNICIAN, "Tom", "De Rycke"),
        StaffData(Role.TRAINER, "Lien", "Bauwens"),
        StaffData(Role.REFERRER, "Ann", "Van de Voorde"),
        StaffData(Role.ANALYST, "Bram", "D'hondt"),
    ),
    referrer_partner="ocmw",
    residents=120,
    origins={
        "flemish": 78,
        "walloon": 3,
        "moroccan": 3,
        "turkish": 2,
        "polish": 4,
        "romanian": 3,
        "congolese": 1,
        "syrian": 2,
        "afghan": 2,
        "ukrainian": 4,
    },
    # Roughly the population of each municipality.
    municipality_weights={"43005": 21, "43010": 24, "43007": 7, "43002": 14},
    landline_prefixes=("09", "050"),
    staff_day_hub="library",
)

DIGIBANKS = (MECHELEN, MEETJESLAND)

REGION_STAFF = (
    StaffData("region_admin", "Katrien", "Maes"),
    StaffData("region_analyst", "Olivier", "Dumont"),
)
