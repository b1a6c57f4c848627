"""Registering, changing and erasing residents, and finding the ones registered twice."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import ProtectedError, Q, QuerySet, RestrictedError
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.organisations.models import Digibank, Language, Municipality, Partner, Role
from digibank.organisations.permissions import Access, Actor, Perm
from digibank.people.erasure import erase_elsewhere
from digibank.people.models import (
    Consent,
    ContactMethod,
    Person,
    TargetGroup,
    match_key_for,
)
from digibank.people.services.common import (
    EDITABLE_FIELDS,
    DuplicatePerson,
    clean_text,
    lock_person,
    purposes_of,
    require_access,
    require_in_scope,
    target_groups_of,
    validated,
)

if TYPE_CHECKING:
    pass


def find_duplicates(
    *,
    digibank: Digibank,
    first_name: str,
    last_name: str,
    birth_year: int | None,
    postcode: str,
    exclude: Person | None = None,
) -> QuerySet[Person]:
    """People of the digibank with the same name (however typed), year of birth and postcode.

    When the year of birth is missing on either side, the same name and postcode are enough to
    ask: a year left out is no proof of someone else. Without a postcode either, only the exact
    match counts (a name alone is too weak a hint).
    """
    postcode = clean_text(postcode)
    same_year = Q(birth_year=birth_year) if birth_year is not None else Q(birth_year__isnull=True)
    if postcode:
        same_year = Q() if birth_year is None else same_year | Q(birth_year__isnull=True)
    queryset = Person.objects.filter(
        same_year,
        digibank=digibank,
        match_key=match_key_for(first_name, last_name),
        postcode=postcode,
    )
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset


@transaction.atomic
def register_person(
    *,
    digibank: Digibank,
    by: Actor,
    first_name: str,
    last_name: str,
    contact_method: str = ContactMethod.PHONE,
    phone: str = "",
    email: str = "",
    postcode: str = "",
    municipality: Municipality | None = None,
    birth_year: int | None = None,
    preferred_language: str = Language.DUTCH,
    household_size: int | None = None,
    target_groups: Iterable[TargetGroup | str] = (),
    referrer_partner: Partner | None = None,
    large_print: bool = False,
    notes: str = "",
    consents: Iterable[str] = (),
    allow_duplicate: bool = False,
) -> Person:
    """Register a resident. Raises `DuplicatePerson` when they seem known, unless allowed."""
    reach = require_access(by, digibank, Perm.MANAGE_PEOPLE).reach(Perm.MANAGE_PEOPLE)
    referred_by = None
    if not reach.includes(referrer_partner.pk if referrer_partner else None):
        # A referrer registers for their own partner, whatever was asked.
        referrer_partner = Partner.objects.get(pk=min(reach.partner_ids))
    if (
        isinstance(by, Access)
        and Role.REFERRER in by.roles
        and referrer_partner is not None
        and referrer_partner.pk in by.partner_ids
    ):
        referred_by = by.user
    data = validated(
        digibank,
        {
            "first_name": first_name,
            "last_name": last_name,
            "contact_method": contact_method,
            "phone": phone,
            "email": email,
            "postcode": postcode,
            "municipality": municipality,
            "birth_year": birth_year,
            "preferred_language": preferred_language,
            "household_size": household_size,
            "referrer_partner": referrer_partner,
            "large_print": large_print,
            "notes": notes,
        },
    )
    groups = target_groups_of(digibank, target_groups)
    purposes = purposes_of(consents)
    if not allow_duplicate:
        duplicates = list(
            find_duplicates(
                digibank=digibank,
                first_name=data["first_name"],
                last_name=data["last_name"],
                birth_year=data["birth_year"],
                postcode=data["postcode"],
            ).select_related("municipality", "referrer_partner")
        )
        if duplicates:
            exact = [known for known in duplicates if known.birth_year == data["birth_year"]]
            raise DuplicatePerson(duplicates, exact=exact)

    person = Person(digibank=digibank, referred_by=referred_by, **data)
    person.save()
    if groups:
        person.target_groups.set(groups)
    Consent.objects.bulk_create(
        [Consent(person=person, purpose=purpose, recorded_by=by.user) for purpose in purposes]
    )
    fields = [name for name, value in data.items() if value not in (None, "", False)]
    if referred_by is not None:
        fields.append("referred_by")
    if groups:
        fields.append("target_groups")
    if purposes:
        fields.append("consents")
    audit.record(actor=by, action=AuditAction.CREATE, obj=person, digibank=digibank, fields=fields)
    return person


@transaction.atomic
def update_person(*, person: Person, by: Actor, **fields: Any) -> Person:
    """Change some of a person's fields (see EDITABLE_FIELDS, plus `target_groups`)."""
    unknown = set(fields) - {*EDITABLE_FIELDS, "target_groups"}
    if unknown:
        raise TypeError(f"update_person() cannot change {', '.join(sorted(unknown))}")
    lock_person(person)
    access = require_access(by, person.digibank, Perm.MANAGE_PEOPLE)
    require_in_scope(access, person, Perm.MANAGE_PEOPLE)

    current = {name: getattr(person, name) for name in EDITABLE_FIELDS}
    wanted = {**current, **{k: v for k, v in fields.items() if k != "target_groups"}}
    if (
        "postcode" in fields
        and "municipality" not in fields
        and fields["postcode"] != (current["postcode"])
    ):
        wanted["municipality"] = None  # found again from the new postcode
    if not access.reach(Perm.MANAGE_PEOPLE).whole_digibank:
        wanted["referrer_partner"] = current["referrer_partner"]
    data = validated(person.digibank, wanted, stored_phone=current["phone"])

    changed = [name for name in EDITABLE_FIELDS if data[name] != current[name]]
    for name in changed:
        setattr(person, name, data[name])
    if "target_groups" in fields:
        groups = target_groups_of(person.digibank, fields["target_groups"])
        before = set(person.target_groups.values_list("pk", flat=True))
        if before != {group.pk for group in groups}:
            person.target_groups.set(groups)
            changed.append("target_groups")
    if changed:
        person.save()
        audit.record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=person,
            digibank=person.digibank,
            fields=changed,
        )
    return person


@transaction.atomic
def delete_person(*, person: Person, by: Actor) -> None:
    """Erase a person and everything that belongs only to them (the right to erasure).

    Other apps' rows about the person are handled first by their erasure handlers (see
    `digibank.people.erasure`): they refuse while something is still open (a device request, a
    device on loan), or they detach and blank their rows, which stay for the statistics. One audit
    entry lists the person's fields and the kinds of record and fields erased elsewhere.
    """
    lock_person(person)
    require_in_scope(by, person, Perm.DELETE_PEOPLE)
    held = [
        field.name
        for field in Person._meta.concrete_fields
        if field.name not in {"id", "digibank", "match_key", "created_at", "updated_at"}
        and getattr(person, field.attname) not in (None, "")
    ]
    elsewhere = [name for erased in erase_elsewhere(person) for name in erased.audit_names()]
    audit.record(
        actor=by,
        action=AuditAction.DELETE,
        obj=person,
        digibank=person.digibank,
        fields=[*held, *dict.fromkeys(elsewhere)],
    )
    try:
        person.delete()
    except (ProtectedError, RestrictedError) as error:
        blocking = (
            error.protected_objects
            if isinstance(error, ProtectedError)
            else error.restricted_objects
        )
        labels = sorted({str(obj._meta.verbose_name_plural) for obj in blocking})
        raise DomainError(
            _("This person still has %(things)s. Close those first.")
            % {"things": ", ".join(labels)}
        ) from None
