"""What every people service shares: who may act, row locks, the checks on a person's fields."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.core.fields import max_length
from digibank.core.phones import phone_to_store
from digibank.core.validators import validate_postcode
from digibank.organisations.models import Digibank, Language, Municipality, Partner
from digibank.organisations.permissions import Actor, Perm, require, require_person
from digibank.people.models import (
    ConsentPurpose,
    ContactMethod,
    Person,
    TargetGroup,
)
from digibank.people.validators import (
    contains_national_register_number,
    validate_name,
)

# The fields `update_person` accepts; `target_groups` is the many-to-many field.
EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "contact_method",
    "phone",
    "email",
    "postcode",
    "municipality",
    "birth_year",
    "preferred_language",
    "household_size",
    "referrer_partner",
    "large_print",
    "notes",
)
MAX_HOUSEHOLD_SIZE = 20


class DuplicatePerson(DomainError):
    """The person seems to be registered already; `duplicates` are the matching records.

    `exact` are those with the same year of birth too (or both without one): the only ones a
    resident's own request on the public pages may be added to without staff looking first.
    """

    def __init__(self, duplicates: list[Person], *, exact: list[Person] | None = None) -> None:
        super().__init__(_("This person may already be registered."))
        self.duplicates = duplicates
        self.exact = duplicates if exact is None else exact


def require_access(by: Actor, digibank: Digibank, perm: Perm) -> Actor:
    """`by` may use `perm` in the digibank; `None` is refused (see `permissions.require`)."""
    return require(by, digibank, perm)


def require_in_scope(access: Actor, person: Person, perm: Perm) -> None:
    """A referrer acts only on the people their partner referred (see `Access.reach`)."""
    require_person(access, person, perm)


def lock_person(person: Person) -> None:
    """Lock the row (two staff members may act at once) and reload it."""
    if not Person.objects.select_for_update().filter(pk=person.pk).exists():
        raise DomainError(_("This record no longer exists."))
    person.refresh_from_db()


def clean_text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))


def check_with(validator: Any, value: str, field: str) -> None:
    try:
        validator(value)
    except ValidationError as error:
        raise DomainError(str(error.messages[0]), field=field) from None


def _max_length(value: str, field: str) -> None:
    limit = max_length(Person, field)
    if len(value) > limit:
        raise DomainError(_("Enter at most %(limit)d characters.") % {"limit": limit}, field=field)


def check_contact(
    *, contact_method: str, phone: str, email: str, referrer_partner: Partner | None
) -> None:
    """The way to reach someone must come with what it needs."""
    if contact_method not in ContactMethod.values:
        raise DomainError(_("Choose how we can reach this person."), field="contact_method")
    if contact_method == ContactMethod.PHONE and not phone:
        raise DomainError(_("Enter a phone number, or choose another way."), field="phone")
    if contact_method == ContactMethod.EMAIL and not email:
        raise DomainError(_("Enter an email address, or choose another way."), field="email")
    if contact_method == ContactMethod.REFERRER and referrer_partner is None:
        raise DomainError(
            _("Choose the partner that referred this person, or choose another way."),
            field="referrer_partner",
        )


def _municipality_for(digibank: Digibank, postcode: str) -> Municipality | None:
    """The digibank's one municipality with this postcode, or None when none or several match."""
    found = [m for m in digibank.municipalities.all() if postcode in m.postcodes]
    return found[0] if len(found) == 1 else None


def validated(
    digibank: Digibank, values: dict[str, Any], *, stored_phone: str = ""
) -> dict[str, Any]:
    """Clean and check the person's fields; raises the first problem as a DomainError.

    The phone number is stored in E.164 (`digibank.core.phones`); `stored_phone` is the number
    saved now, kept as it is when unchanged even if it no longer reads as a number.
    """
    data = dict(values)
    for name in ("first_name", "last_name"):
        data[name] = clean_text(data[name])
        if not data[name]:
            message = (
                _("Enter the first name.") if name == "first_name" else _("Enter the last name.")
            )
            raise DomainError(message, field=name)
        _max_length(data[name], name)
        check_with(validate_name, data[name], name)
    for name in ("first_name", "last_name", "notes"):
        data[name] = clean_text(data[name])
        if contains_national_register_number(data[name]):
            raise DomainError(
                _("This looks like a national register number. We never keep those."), field=name
            )

    data["phone"] = clean_text(data["phone"])
    if data["phone"]:
        _max_length(data["phone"], "phone")
        try:
            data["phone"] = phone_to_store(data["phone"], stored=stored_phone)
        except ValidationError as error:
            raise DomainError(str(error.messages[0]), field="phone") from None
    data["email"] = clean_text(data["email"])
    if data["email"]:
        _max_length(data["email"], "email")
        check_with(validate_email, data["email"], "email")

    partner = data["referrer_partner"]
    if partner is not None and partner.digibank_id != digibank.pk:
        raise DomainError(_("Choose a partner of this digibank."), field="referrer_partner")
    check_contact(
        contact_method=data["contact_method"],
        phone=data["phone"],
        email=data["email"],
        referrer_partner=partner,
    )

    data["postcode"] = clean_text(data["postcode"])
    municipality = data["municipality"]
    if data["postcode"]:
        check_with(validate_postcode, data["postcode"], "postcode")
        if municipality is None:
            data["municipality"] = _municipality_for(digibank, data["postcode"])
        elif data["postcode"] not in municipality.postcodes:
            raise DomainError(
                _("This postcode is not in %(municipality)s.") % {"municipality": municipality},
                field="postcode",
            )

    this_year = timezone.localdate().year
    birth_year = data["birth_year"]
    if birth_year is not None and not 1900 <= birth_year <= this_year:
        raise DomainError(
            _("Enter a year of birth between 1900 and %(year)d.") % {"year": this_year},
            field="birth_year",
        )
    size = data["household_size"]
    if size is not None and not 1 <= size <= MAX_HOUSEHOLD_SIZE:
        raise DomainError(
            _("Enter a household size between 1 and %(max)d.") % {"max": MAX_HOUSEHOLD_SIZE},
            field="household_size",
        )
    data["large_print"] = bool(data.get("large_print", False))
    if data["preferred_language"] not in Language.values:
        raise DomainError(_("Choose a language from the list."), field="preferred_language")
    return data


def target_groups_of(digibank: Digibank, groups: Iterable[TargetGroup | str]) -> list[TargetGroup]:
    """Target groups given as objects or by code, all of this digibank."""
    groups = list(groups)
    objects = [group for group in groups if isinstance(group, TargetGroup)]
    codes = {group for group in groups if isinstance(group, str)}
    if codes:
        found = list(TargetGroup.objects.filter(digibank=digibank, code__in=codes))
        if len(found) != len(codes):
            raise DomainError(_("Choose target groups from the list."), field="target_groups")
        objects += found
    if any(group.digibank_id != digibank.pk for group in objects):
        raise DomainError(_("Choose target groups from the list."), field="target_groups")
    return list({group.pk: group for group in objects}.values())


def purposes_of(consents: Iterable[str]) -> list[str]:
    purposes = list(dict.fromkeys(consents))
    if any(purpose not in ConsentPurpose.values for purpose in purposes):
        raise DomainError(_("Choose consents from the list."), field="consents")
    return purposes
