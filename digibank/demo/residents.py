"""Made-up residents: a deterministic generator of plausible people for a demo digibank.

The same seed always makes the same residents, so every run of the demo shows the same people.
`registration` stores what the generator makes, through the service or in bulk.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from digibank.demo.names import NOTES, ORIGINS, Origin
from digibank.organisations.models import Municipality, Partner, Role
from digibank.people.models import ConsentPurpose, ContactMethod, match_key_for

if TYPE_CHECKING:
    from digibank.core.models import User
    from digibank.demo.shapes import DigibankData
    from digibank.organisations.models import Digibank


# (lowest age, highest age, weight): most people who ask a digibank for help are older, but pupils
# and young adults come too. Groups that arrived recently are younger on average.
AGE_BANDS = ((12, 17, 9), (18, 24, 7), (25, 44, 14), (45, 64, 22), (65, 79, 33), (80, 95, 15))


YOUNG_AGE_BANDS = (
    (12, 17, 14),
    (18, 24, 14),
    (25, 44, 38),
    (45, 64, 22),
    (65, 79, 10),
    (80, 95, 2),
)


# Latin letters that Unicode does not decompose into a base letter plus an accent.
_ASCII_LETTERS = {"ł": "l", "ı": "i", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d"}


@dataclass
class Resident:
    """Everything `register_person` needs about one made-up resident."""

    first_name: str
    last_name: str
    birth_year: int | None
    postcode: str
    municipality: Municipality
    preferred_language: str
    household_size: int | None
    contact_method: str
    phone: str
    email: str
    referrer_partner: Partner | None
    target_groups: list[str]
    consents: list[str]
    notes: str
    registered_by: User

    @property
    def duplicate_key(self) -> tuple[str, int | None, str]:
        return (match_key_for(self.first_name, self.last_name), self.birth_year, self.postcode)

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "birth_year": self.birth_year,
            "postcode": self.postcode,
            "municipality": self.municipality,
            "preferred_language": self.preferred_language,
            "household_size": self.household_size,
            "contact_method": self.contact_method,
            "phone": self.phone,
            "email": self.email,
            "referrer_partner": self.referrer_partner,
            "target_groups": self.target_groups,
            "consents": self.consents,
            "notes": self.notes,
        }


@dataclass
class BuiltBank:
    """The digibank a generator makes residents for, with the rows they point to."""

    digibank: Digibank
    data: DigibankData
    municipalities: dict[str, Municipality]
    partners: dict[str, Partner]
    users: dict[str, User]
    year: int = field(default_factory=lambda: timezone.localdate().year)


def _weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys])[0]


def ascii_part(value: str) -> str:
    """A name as it would appear in an e-mail address: "Van den Broeck" → "vandenbroeck"."""
    value = "".join(_ASCII_LETTERS.get(char, char) for char in value.casefold())
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(char for char in decomposed if char.isascii() and char.isalnum())


class ResidentGenerator:
    """Makes plausible residents for one digibank, always the same ones for the same seed."""

    def __init__(self, bank: BuiltBank, seed: str) -> None:
        self.bank = bank
        self.rng = random.Random(seed)

    def __iter__(self) -> Iterator[Resident]:
        while True:
            yield self.resident()

    def resident(self) -> Resident:
        rng, bank = self.rng, self.bank
        origin = ORIGINS[_weighted(rng, bank.data.origins)]
        bands = YOUNG_AGE_BANDS if origin.young else AGE_BANDS
        low, high, _weight = rng.choices(bands, weights=[band[2] for band in bands])[0]
        age = rng.randint(low, high)
        female = rng.random() < 0.55
        first_name = rng.choice(origin.first_names(female=female, age=age))
        last_name = self._last_name(origin, female)
        municipality = bank.municipalities[_weighted(rng, bank.data.municipality_weights)]
        postcodes = municipality.postcodes
        # Most people live in the main town; the other postcodes are smaller villages.
        postcode = postcodes[0] if rng.random() < 0.6 else rng.choice(postcodes)
        language = self._language(origin, age)
        newcomer = rng.random() < origin.newcomer
        household_size = self._household_size(age)
        partner = self._referrer(age, newcomer)
        contact_method = self._contact_method(age, partner)
        phone, email = self._contact_details(origin, first_name, last_name, age, contact_method)
        return Resident(
            first_name=first_name,
            last_name=last_name,
            # Some people prefer not to say their year of birth.
            birth_year=None if rng.random() < 0.05 else bank.year - age,
            postcode=postcode,
            municipality=municipality,
            preferred_language=language,
            household_size=household_size,
            contact_method=contact_method,
            phone=phone,
            email=email,
            referrer_partner=partner,
            target_groups=self._target_groups(age, household_size, newcomer, partner),
            consents=self._consents(contact_method, partner),
            notes=rng.choice(NOTES) if rng.random() < 0.12 else "",
            registered_by=self._registered_by(partner),
        )

    def _language(self, origin: Origin, age: int) -> str:
        rng = self.rng
        language = _weighted(rng, origin.languages)
        if age < 25 and language not in {"nl", "fr"} and rng.random() < 0.5:
            return "nl"  # young people often prefer the language they learn at school
        own = {
            code: weight
            for code, weight in origin.languages.items()
            if code not in {"nl", "en", "vgt"}
        }
        if age >= 60 and language in {"nl", "en"} and own and rng.random() < 0.6:
            return _weighted(rng, own)  # older people more often prefer their first language
        return language

    def _last_name(self, origin: Origin, female: bool) -> str:
        name = self.rng.choice(origin.last_names)
        if origin.gendered_surnames and female and name.endswith("i"):
            return name[:-1] + "a"  # Kowalski → Kowalska
        return name

    def _household_size(self, age: int) -> int | None:
        rng = self.rng
        if rng.random() < 0.08:
            return None
        if age >= 65:
            return _weighted(rng, {1: 45, 2: 48, 3: 7})
        if age < 18:
            return _weighted(rng, {2: 10, 3: 28, 4: 32, 5: 18, 6: 12})
        return _weighted(rng, {1: 26, 2: 24, 3: 20, 4: 17, 5: 9, 6: 4})

    def _referrer(self, age: int, newcomer: bool) -> Partner | None:
        rng, partners = self.rng, self.bank.partners
        if rng.random() >= (0.5 if newcomer else 0.28):
            return None
        if age < 18:
            return partners["school"] if rng.random() < 0.8 else partners["ocmw"]
        weights = {"ocmw": 50, "civil_society": 22, "training": 10}
        if age < 65:
            weights["employment"] = 25
        return partners[_weighted(rng, weights)]

    def _contact_method(self, age: int, partner: Partner | None) -> str:
        rng = self.rng
        if partner is not None and rng.random() < 0.35:
            return ContactMethod.REFERRER
        email_weight = 6 if age >= 75 else 25
        return _weighted(
            rng, {ContactMethod.PHONE: 66, ContactMethod.EMAIL: email_weight, ContactMethod.NONE: 5}
        )

    def _contact_details(
        self, origin: Origin, first_name: str, last_name: str, age: int, method: str
    ) -> tuple[str, str]:
        rng = self.rng
        phone = ""
        if method == ContactMethod.PHONE or rng.random() < 0.35:
            landlines = self.bank.data.landline_prefixes
            if landlines and age >= 65 and rng.random() < 0.45:
                phone = self._landline(rng.choice(landlines))
            else:
                phone = f"04{rng.randint(60, 99)} {rng.randint(0, 99):02} {rng.randint(0, 99):02} "
                phone += f"{rng.randint(0, 99):02}"
        email = ""
        if method == ContactMethod.EMAIL or (age < 70 and rng.random() < 0.25):
            local = f"{ascii_part(first_name)}.{ascii_part(last_name)}"
            if rng.random() < 0.4:
                local += str(rng.randint(1, 99))
            email = f"{local}@{rng.choice(origin.email_domains)}"
        return phone, email

    def _landline(self, prefix: str) -> str:
        rng = self.rng
        if len(prefix) == 2:  # 09 377 12 34
            return (
                f"{prefix} {rng.randint(200, 399)} {rng.randint(0, 99):02} {rng.randint(0, 99):02}"
            )
        return f"{prefix} {rng.randint(20, 79)} {rng.randint(0, 99):02} {rng.randint(0, 99):02}"

    def _target_groups(
        self, age: int, household_size: int | None, newcomer: bool, partner: Partner | None
    ) -> list[str]:
        rng, partners = self.rng, self.bank.partners
        groups = []
        if age >= 65:
            groups.append("65plus")
        if age < 25:
            groups.append("under25")
        if 10 <= age <= 18:
            groups.append("pupil")
        if 18 <= age < 65 and rng.random() < (0.7 if partner == partners["employment"] else 0.15):
            groups.append("job_seeker")
        if rng.random() < (0.6 if partner == partners["ocmw"] else 0.18):
            groups.append("low_income")
        if household_size == 1:
            groups.append("living_alone")
        if newcomer:
            groups.append("newcomer")
        if rng.random() < 0.07:
            groups.append("disability")
        return groups

    def _consents(self, contact_method: str, partner: Partner | None) -> list[str]:
        rng = self.rng
        consents: list[str] = [ConsentPurpose.REGISTRATION]
        if contact_method in {ContactMethod.PHONE, ContactMethod.EMAIL} and rng.random() < 0.9:
            consents.append(ConsentPurpose.CONTACT)
        if partner is not None and rng.random() < 0.8:
            consents.append(ConsentPurpose.SHARE_WITH_REFERRER)
        if rng.random() < 0.2:
            consents.append(ConsentPurpose.PHOTOS)
        if rng.random() < 0.35:
            consents.append(ConsentPurpose.SURVEY)
        return consents

    def _registered_by(self, partner: Partner | None) -> User:
        users, rng = self.bank.users, self.rng
        referrer_partner = self.bank.partners[self.bank.data.referrer_partner]
        if partner == referrer_partner and rng.random() < 0.6:
            return users[Role.REFERRER]
        role = _weighted(rng, {Role.HUB_VOLUNTEER: 50, Role.COORDINATOR: 20, Role.TRAINER: 30})
        return users[role]


def unique_residents(
    generator: ResidentGenerator, count: int, taken: set[tuple[str, int | None, str]]
) -> Iterator[Resident]:
    """`count` residents that do not match anyone in `taken` (which grows as they are made).

    As `people.services.find_duplicates`: the same name, year of birth and postcode, or the same
    name and postcode when one of the two has no year of birth.
    """
    named_at = {(name, postcode) for name, _year, postcode in taken}
    made = 0
    for resident in generator:
        if made == count:
            return
        key = resident.duplicate_key
        name, year, postcode = key
        loose = bool(postcode) and (
            (year is None and (name, postcode) in named_at) or (name, None, postcode) in taken
        )
        if key in taken or loose:
            continue
        taken.add(key)
        named_at.add((name, postcode))
        made += 1
        yield resident
