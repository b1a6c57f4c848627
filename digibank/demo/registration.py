"""Two ways to store made-up residents.

`register` goes through `people.services.register_person`, exactly like a helper at a hub would.
`bulk_register` writes the same rows (person, target groups, consents, audit entry) with
`bulk_create`, for the large synthetic data of `seed_demo --scale`, where one service call per
resident would take too long. Both skip a person who would be a duplicate (see
`unique_residents`), so the demo never trips the duplicate check by accident.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import transaction

from digibank.core.models import AuditAction, AuditEntry
from digibank.demo.residents import BuiltBank, Resident, ResidentGenerator, unique_residents
from digibank.organisations.models import Role
from digibank.organisations.permissions import acting
from digibank.people.models import Consent, Person, TargetGroup, match_key_for
from digibank.people.services import register_person

if TYPE_CHECKING:
    from digibank.core.models import User
    from digibank.organisations.models import Digibank


def register(bank: BuiltBank, residents: list[Resident]) -> list[Person]:
    """Store residents through the people service, as a helper at a hub would."""
    actor = functools.cache(functools.partial(acting, digibank=bank.digibank))
    return [
        register_person(
            digibank=bank.digibank, by=actor(resident.registered_by), **resident.service_kwargs()
        )
        for resident in residents
    ]


def _audit_fields(resident: Resident, referred_by: User | None) -> list[str]:
    """The field names `register_person` records in the audit trail for this resident."""
    values = {
        name: value
        for name, value in resident.service_kwargs().items()
        if name not in {"target_groups", "consents"}
    }
    fields = [name for name, value in values.items() if value not in (None, "")]
    if referred_by is not None:
        fields.append("referred_by")
    if resident.target_groups:
        fields.append("target_groups")
    if resident.consents:
        fields.append("consents")
    return sorted(fields)


def _referred_by(bank: BuiltBank, resident: Resident) -> User | None:
    """`register_person` notes the referrer user when a referrer registers for their partner."""
    referrer = bank.users[Role.REFERRER]
    if resident.registered_by == referrer:
        return referrer
    return None


@transaction.atomic
def bulk_register(bank: BuiltBank, residents: list[Resident]) -> int:
    """Write the rows `register_person` would write, for many residents at once.

    The person rows get their `match_key` from `people.models.match_key_for`, as `Person.save`
    would set it. No validation runs: the generator only makes values the service accepts, which
    the tests check by registering the same generator's residents through the service.
    """
    digibank = bank.digibank
    groups = {group.code: group.pk for group in TargetGroup.objects.filter(digibank=digibank)}
    people = Person.objects.bulk_create(
        [
            Person(
                digibank=digibank,
                match_key=match_key_for(resident.first_name, resident.last_name),
                referred_by=_referred_by(bank, resident),
                **{
                    name: value
                    for name, value in resident.service_kwargs().items()
                    if name not in {"target_groups", "consents"}
                },
            )
            for resident in residents
        ]
    )
    through = Person.target_groups.through
    through.objects.bulk_create(
        [
            through(person_id=person.pk, targetgroup_id=groups[code])
            for person, resident in zip(people, residents, strict=True)
            for code in resident.target_groups
        ]
    )
    Consent.objects.bulk_create(
        [
            Consent(person=person, purpose=purpose, recorded_by=resident.registered_by)
            for person, resident in zip(people, residents, strict=True)
            for purpose in resident.consents
        ]
    )
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                digibank=digibank,
                actor=resident.registered_by,
                action=AuditAction.CREATE,
                object_type=Person._meta.label_lower,
                object_id=str(person.pk),
                fields=_audit_fields(resident, person.referred_by),
            )
            for person, resident in zip(people, residents, strict=True)
        ]
    )
    return len(people)


def existing_keys(digibank: Digibank) -> set[tuple[str, int | None, str]]:
    return set(
        Person.objects.filter(digibank=digibank).values_list("match_key", "birth_year", "postcode")
    )


def top_up(
    bank: BuiltBank,
    *,
    target: int,
    chunk: int = 2000,
    on_progress: Callable[[int], None] = lambda done: None,
) -> int:
    """Add bulk residents until the digibank has `target` of them; returns how many were added."""
    current = Person.objects.filter(digibank=bank.digibank).count()
    missing = max(0, target - current)
    if not missing:
        return 0
    # Seeded by the count already there, so a top-up from the same state adds the same people.
    generator = ResidentGenerator(bank, seed=f"digibank-demo:{bank.digibank.slug}:{current}")
    residents = unique_residents(generator, missing, existing_keys(bank.digibank))
    added = 0
    while added < missing:
        batch = [resident for _, resident in zip(range(chunk), residents, strict=False)]
        added += bulk_register(bank, batch)
        on_progress(len(batch))
    return added
