"""Every write about organisations: digibanks, hubs and their hours, partners, staff and roles.

Each function is atomic, checks the business rules, records an audit entry and raises a
`DomainError` with a translated message (and the form field it is about) when a rule says no.
"""

from __future__ import annotations

import datetime
import re
import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import models, transaction
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, User
from digibank.organisations.models import (
    Digibank,
    Hub,
    HubService,
    Language,
    Membership,
    Municipality,
    OpeningException,
    OpeningHours,
    OpeningKind,
    Partner,
    PartnerContact,
    PartnerKind,
    Region,
    RegionMembership,
    RegionRole,
    Role,
    Weekday,
)
from digibank.organisations.schedule import DayOpening, Interval, opening_on, week_schedule

__all__ = [
    "RESERVED_SLUGS",
    "DayOpening",
    "Interval",
    "WeeklyHoursError",
    "add_member",
    "add_member_with_new_account",
    "add_opening_exception",
    "add_partner_contact",
    "add_region_member",
    "create_digibank",
    "create_hub",
    "create_partner",
    "create_staff_user",
    "deactivate_hub",
    "generate_initial_password",
    "municipality_for_postcode",
    "opening_on",
    "reactivate_hub",
    "remove_member",
    "remove_opening_exception",
    "remove_partner_contact",
    "set_weekly_hours",
    "unused_username",
    "update_digibank",
    "update_hub",
    "update_partner",
    "update_partner_contact",
    "validate_weekly_hours",
    "week_schedule",
]

# Slugs that would clash with fixed staff URLs such as /staff/account/tokens/.
RESERVED_SLUGS = frozenset(
    {"account", "accounts", "admin", "api", "hubs", "i18n", "media", "new", "region", "static"}
)

HUB_FIELDS = frozenset(
    {
        "name",
        "street",
        "postcode",
        "municipality",
        "latitude",
        "longitude",
        "phone",
        "email",
        "website",
        "directions",
        "step_free",
        "hearing_loop",
        "quiet_room",
        "accessibility_notes",
        "languages",
        "services",
        "closed_on_public_holidays",
        "is_public",
        "active",
    }
)
PARTNER_FIELDS = frozenset(
    {
        "name",
        "kind",
        "description",
        "email",
        "phone",
        "website",
        "street",
        "postcode",
        "municipality",
        "active",
    }
)
CONTACT_FIELDS = frozenset({"name", "job_title", "email", "phone"})
DIGIBANK_FIELDS = frozenset({"name", "slug", "email", "phone", "website", "active"})

# Belgium lies within this box; a point outside it is usually a typo or swapped coordinates.
_BELGIUM_LATITUDE = (Decimal("49.4"), Decimal("51.6"))
_BELGIUM_LONGITUDE = (Decimal("2.5"), Decimal("6.5"))
_COORDINATE_STEP = Decimal("0.000001")


# Shared helpers ----------------------------------------------------------------------------------


def _domain_error(error: ValidationError) -> DomainError:
    """The first message of a model validation error, as a DomainError on its field."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            return DomainError(messages[0], field=None if name == NON_FIELD_ERRORS else name)
    return DomainError(error.messages[0])


def _full_clean(instance: models.Model, *, exclude: Iterable[str] = ()) -> None:
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        raise _domain_error(error) from None


def _assign(instance: models.Model, fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"{type(instance).__name__} cannot set {sorted(unknown)}")
    for name, value in fields.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)


def _snapshot(instance: models.Model, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in names}


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, list) and isinstance(new, list):
        return sorted(old) == sorted(new)  # a choice list in another order is the same choice
    return old == new


def _changed(before: dict[str, Any], instance: models.Model) -> list[str]:
    return sorted(name for name, old in before.items() if not _same(old, getattr(instance, name)))


def municipality_for_postcode(
    postcode: str, *, prefer: Iterable[Municipality] = ()
) -> Municipality | None:
    """The municipality a Belgian postcode belongs to; `prefer` wins when several share it."""
    if not re.fullmatch(r"\d{4}", postcode or ""):
        return None
    # Postcodes are stored as a JSON list of strings; the quoted code matches one whole element.
    found = list(Municipality.objects.filter(postcodes__icontains=f'"{postcode}"'))
    found = [m for m in found if postcode in m.postcodes]
    if not found:
        return None
    preferred = {m.pk for m in prefer}
    found.sort(key=lambda m: (m.pk not in preferred, m.name_nl))
    return found[0]


def _choice_list(values: Iterable[str], choices: type[models.TextChoices], field: str) -> list:
    wanted = set(values)
    unknown = wanted - set(choices.values)
    if unknown:
        raise DomainError(
            _("Unknown choice: %(value)s.") % {"value": ", ".join(sorted(unknown))}, field=field
        )
    return [value for value in choices.values if value in wanted]


# Digibanks ---------------------------------------------------------------------------------------


def _check_slug(slug: str, *, digibank: Digibank | None = None) -> None:
    if not slug:
        raise DomainError(_("Fill in a short name for web addresses."), field="slug")
    try:
        validate_slug(slug)
    except ValidationError:
        raise DomainError(
            _("Use only small letters, numbers and hyphens, for example digibank-gent."),
            field="slug",
        ) from None
    if slug.lower() in RESERVED_SLUGS:
        raise DomainError(_("This short name is reserved. Choose another one."), field="slug")
    taken = Digibank.objects.filter(slug__iexact=slug)
    if digibank is not None:
        taken = taken.exclude(pk=digibank.pk)
    if taken.exists():
        raise DomainError(_("Another digibank already uses this short name."), field="slug")


@transaction.atomic
def create_digibank(
    *,
    region: Region,
    name: str,
    slug: str,
    municipalities: Iterable[Municipality] = (),
    by: User | None = None,
    email: str = "",
    phone: str = "",
    website: str = "",
) -> Digibank:
    from digibank.people.services import ensure_default_target_groups

    slug = (slug or "").strip().lower()
    _check_slug(slug)
    digibank = Digibank(
        region=region,
        name=(name or "").strip(),
        slug=slug,
        email=(email or "").strip(),
        phone=(phone or "").strip(),
        website=(website or "").strip(),
    )
    _full_clean(digibank, exclude=["slug"])
    digibank.save()
    digibank.municipalities.set(list(municipalities))
    ensure_default_target_groups(digibank)
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=digibank,
        digibank=digibank,
        fields=["name", "slug", "municipalities", "email", "phone", "website"],
    )
    return digibank


@transaction.atomic
def update_digibank(*, digibank: Digibank, by: User | None, **fields: Any) -> Digibank:
    """Change a digibank's details; `municipalities` replaces the municipalities served."""
    locked = Digibank.objects.select_for_update().get(pk=digibank.pk)
    municipalities = fields.pop("municipalities", None)
    before = _snapshot(locked, DIGIBANK_FIELDS)
    _assign(locked, fields, DIGIBANK_FIELDS)
    if "slug" in fields:
        locked.slug = locked.slug.lower()
        _check_slug(locked.slug, digibank=locked)
    _full_clean(locked, exclude=["slug"])
    changed = _changed(before, locked)
    if municipalities is not None:
        wanted = {m.pk for m in municipalities}
        current = set(locked.municipalities.values_list("pk", flat=True))
        still_used = (
            locked.hubs.filter(municipality_id__in=current - wanted)
            .select_related("municipality")
            .first()
        )
        if still_used is not None:
            raise DomainError(
                _("Hub %(hub)s is in %(municipality)s. Move or remove the hub first.")
                % {"hub": still_used.name, "municipality": still_used.municipality.name},
                field="municipalities",
            )
        if wanted != current:
            locked.municipalities.set(list(municipalities))
            changed.append("municipalities")
    if changed:
        locked.save()
        audit.record(
            actor=by, action=AuditAction.CHANGE, obj=locked, digibank=locked, fields=changed
        )
    return locked


# Hubs --------------------------------------------------------------------------------------------


def _coordinate(value: Any, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value).strip().replace(",", ".")).quantize(_COORDINATE_STEP)
    except (InvalidOperation, ValueError):
        raise DomainError(_("Enter a number, for example 51.0259."), field=field) from None


def _prepare_hub(hub: Hub) -> None:
    hub.latitude = _coordinate(hub.latitude, "latitude")
    hub.longitude = _coordinate(hub.longitude, "longitude")
    hub.languages = _choice_list(hub.languages or [], Language, "languages")
    hub.services = _choice_list(hub.services or [], HubService, "services")
    _full_clean(hub)
    if not hub.digibank.municipalities.filter(pk=hub.municipality_id).exists():
        raise DomainError(
            _("Choose a municipality that your digibank serves."), field="municipality"
        )
    if hub.postcode not in hub.municipality.postcodes:
        raise DomainError(
            _("This postcode is not in %(municipality)s. Use one of: %(postcodes)s.")
            % {
                "municipality": hub.municipality.name,
                "postcodes": ", ".join(hub.municipality.postcodes),
            },
            field="postcode",
        )
    if (hub.latitude is None) != (hub.longitude is None):
        missing = "latitude" if hub.latitude is None else "longitude"
        raise DomainError(_("Fill in both latitude and longitude, or neither."), field=missing)
    if hub.latitude is not None:
        if not _BELGIUM_LATITUDE[0] <= hub.latitude <= _BELGIUM_LATITUDE[1]:
            raise DomainError(
                _("This latitude is not in Belgium. It is a number between 49.4 and 51.6."),
                field="latitude",
            )
        if not _BELGIUM_LONGITUDE[0] <= hub.longitude <= _BELGIUM_LONGITUDE[1]:
            raise DomainError(
                _("This longitude is not in Belgium. It is a number between 2.5 and 6.5."),
                field="longitude",
            )


@transaction.atomic
def create_hub(*, digibank: Digibank, by: User | None = None, **fields: Any) -> Hub:
    hub = Hub(digibank=digibank)
    _assign(hub, fields, HUB_FIELDS)
    _prepare_hub(hub)
    hub.save()
    audit.record(
        actor=by, action=AuditAction.CREATE, obj=hub, digibank=digibank, fields=list(fields)
    )
    return hub


@transaction.atomic
def update_hub(*, hub: Hub, by: User | None, **fields: Any) -> Hub:
    locked = Hub.objects.select_for_update().select_related("digibank").get(pk=hub.pk)
    before = _snapshot(locked, [*HUB_FIELDS - {"municipality"}, "municipality_id"])
    _assign(locked, fields, HUB_FIELDS)
    _prepare_hub(locked)
    changed = [name.removesuffix("_id") for name in _changed(before, locked)]
    if changed:
        locked.save()
        audit.record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=locked,
            digibank=locked.digibank,
            fields=changed,
        )
    return locked


@transaction.atomic
def deactivate_hub(*, hub: Hub, by: User | None) -> Hub:
    """Close a hub for good: it leaves the public hub finder; its history stays."""
    locked = Hub.objects.select_for_update().get(pk=hub.pk)
    if not locked.active:
        raise DomainError(_("This hub is already closed."))
    locked.active = False
    locked.save(update_fields=["active"])
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=locked,
        digibank=locked.digibank,
        fields=["active"],
        note="deactivated",
    )
    return locked


@transaction.atomic
def reactivate_hub(*, hub: Hub, by: User | None) -> Hub:
    locked = Hub.objects.select_for_update().get(pk=hub.pk)
    if locked.active:
        raise DomainError(_("This hub is already open."))
    locked.active = True
    locked.save(update_fields=["active"])
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=locked,
        digibank=locked.digibank,
        fields=["active"],
        note="reactivated",
    )
    return locked


class WeeklyHoursError(DomainError):
    """A refused time slot; `index` is its position in the list given to `set_weekly_hours`."""

    def __init__(self, message: str, *, index: int, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.index = index


def validate_weekly_hours(
    hours: Sequence[tuple[int, datetime.time, datetime.time, str]],
) -> None:
    """Refuse unknown days or kinds, slots that close before they open and overlapping slots."""
    for index, (weekday, opens, closes, kind) in enumerate(hours):
        if weekday not in Weekday.values:
            raise WeeklyHoursError(_("Choose a day."), index=index, field="weekday")
        if kind not in OpeningKind.values:
            raise WeeklyHoursError(_("Choose a kind of opening."), index=index, field="kind")
        if not isinstance(opens, datetime.time) or not isinstance(closes, datetime.time):
            raise WeeklyHoursError(_("Enter a time, for example 09:30."), index=index)
        if closes <= opens:
            raise WeeklyHoursError(
                _("The closing time must be later than the opening time."),
                index=index,
                field="closes",
            )
    slots: dict[tuple[int, str], list[tuple[datetime.time, datetime.time, int]]] = defaultdict(list)
    for index, (weekday, opens, closes, kind) in enumerate(hours):
        slots[(weekday, kind)].append((opens, closes, index))
    for (weekday, _kind), day_slots in slots.items():
        day_slots.sort()
        for (_opens, closes, _first), (next_opens, _closes, index) in pairwise(day_slots):
            if next_opens < closes:
                raise WeeklyHoursError(
                    _("This time overlaps another time of the same kind on %(day)s.")
                    % {"day": Weekday(weekday).label},
                    index=index,
                    field="opens",
                )


@transaction.atomic
def set_weekly_hours(
    *,
    hub: Hub,
    by: User | None = None,
    hours: list[tuple[int, datetime.time, datetime.time, str]],
) -> None:
    """Replace the whole week of a hub with `hours`: (weekday, opens, closes, kind) tuples."""
    locked = Hub.objects.select_for_update().get(pk=hub.pk)
    validate_weekly_hours(hours)
    locked.opening_hours.all().delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(hub=locked, weekday=weekday, opens=opens, closes=closes, kind=kind)
        for weekday, opens, closes, kind in hours
    )
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=locked,
        digibank=locked.digibank,
        fields=["opening_hours"],
    )


@transaction.atomic
def add_opening_exception(
    *,
    hub: Hub,
    by: User | None = None,
    date: datetime.date,
    closed: bool = True,
    opens: datetime.time | None = None,
    closes: datetime.time | None = None,
    reason: str = "",
) -> OpeningException:
    """Mark one day as closed, or open at other times than usual."""
    locked = Hub.objects.select_for_update().get(pk=hub.pk)
    if closed:
        opens = closes = None
    else:
        if opens is None:
            raise DomainError(_("Fill in the time the hub opens on this day."), field="opens")
        if closes is None:
            raise DomainError(_("Fill in the time the hub closes on this day."), field="closes")
        if closes <= opens:
            raise DomainError(
                _("The closing time must be later than the opening time."), field="closes"
            )
    if locked.opening_exceptions.filter(date=date).exists():
        raise DomainError(
            _("There is already a change for this day. Remove it first."), field="date"
        )
    exception = OpeningException(
        hub=locked, date=date, closed=closed, opens=opens, closes=closes, reason=reason.strip()
    )
    _full_clean(exception, exclude=["hub"])
    exception.save()
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=exception,
        digibank=locked.digibank,
        fields=["date", "closed", "opens", "closes", "reason"],
    )
    return exception


@transaction.atomic
def remove_opening_exception(*, exception: OpeningException, by: User | None) -> None:
    digibank = exception.hub.digibank
    audit.record(
        actor=by, action=AuditAction.DELETE, obj=exception, digibank=digibank, fields=["date"]
    )
    exception.delete()


# Partners ----------------------------------------------------------------------------------------


def _prepare_partner(partner: Partner, *, postcode_changed: bool) -> None:
    if postcode_changed:
        partner.municipality = None
    if partner.postcode and partner.municipality is None:
        partner.municipality = municipality_for_postcode(
            partner.postcode, prefer=partner.digibank.municipalities.all()
        )
        if partner.municipality is None:
            raise DomainError(
                _("We do not know this postcode. Enter a Belgian postcode of 4 digits."),
                field="postcode",
            )
    if partner.postcode and partner.postcode not in partner.municipality.postcodes:
        raise DomainError(
            _("This postcode is not in %(municipality)s.")
            % {"municipality": partner.municipality.name},
            field="postcode",
        )
    if not partner.postcode:
        partner.municipality = None
    if partner.kind not in PartnerKind.values:
        raise DomainError(_("Choose what kind of partner this is."), field="kind")
    same_name = Partner.objects.filter(digibank=partner.digibank, name__iexact=partner.name)
    if partner.pk:
        same_name = same_name.exclude(pk=partner.pk)
    if partner.name and same_name.exists():
        raise DomainError(_("There is already a partner with this name."), field="name")
    _full_clean(partner)


@transaction.atomic
def create_partner(*, digibank: Digibank, by: User | None = None, **fields: Any) -> Partner:
    partner = Partner(digibank=digibank)
    _assign(partner, fields, PARTNER_FIELDS)
    _prepare_partner(partner, postcode_changed=False)
    partner.save()
    audit.record(
        actor=by, action=AuditAction.CREATE, obj=partner, digibank=digibank, fields=list(fields)
    )
    return partner


@transaction.atomic
def update_partner(*, partner: Partner, by: User | None, **fields: Any) -> Partner:
    locked = Partner.objects.select_for_update().select_related("digibank").get(pk=partner.pk)
    before = _snapshot(locked, [*PARTNER_FIELDS - {"municipality"}, "municipality_id"])
    _assign(locked, fields, PARTNER_FIELDS)
    postcode_changed = locked.postcode != before["postcode"] and "municipality" not in fields
    _prepare_partner(locked, postcode_changed=postcode_changed)
    changed = [name.removesuffix("_id") for name in _changed(before, locked)]
    if changed:
        locked.save()
        audit.record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=locked,
            digibank=locked.digibank,
            fields=changed,
        )
    return locked


@transaction.atomic
def add_partner_contact(
    *, partner: Partner, by: User | None = None, **fields: Any
) -> PartnerContact:
    contact = PartnerContact(partner=partner)
    _assign(contact, fields, CONTACT_FIELDS)
    _full_clean(contact, exclude=["partner"])
    contact.save()
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=contact,
        digibank=partner.digibank,
        fields=list(fields),
    )
    return contact


@transaction.atomic
def update_partner_contact(
    *, contact: PartnerContact, by: User | None, **fields: Any
) -> PartnerContact:
    locked = PartnerContact.objects.select_for_update().get(pk=contact.pk)
    before = _snapshot(locked, CONTACT_FIELDS)
    _assign(locked, fields, CONTACT_FIELDS)
    _full_clean(locked, exclude=["partner"])
    changed = _changed(before, locked)
    if changed:
        locked.save()
        audit.record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=locked,
            digibank=locked.partner.digibank,
            fields=changed,
        )
    return locked


@transaction.atomic
def remove_partner_contact(*, contact: PartnerContact, by: User | None) -> None:
    audit.record(
        actor=by,
        action=AuditAction.DELETE,
        obj=contact,
        digibank=contact.partner.digibank,
        fields=sorted(CONTACT_FIELDS),
    )
    contact.delete()


# Staff and roles ---------------------------------------------------------------------------------

_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def generate_initial_password() -> str:
    """A random password that is easy to read aloud and type: xxxx-xxxx-xxxx (about 59 bits)."""
    groups = ("".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


def unused_username(email: str) -> str:
    """A free username made from the part of the email address before the @."""
    base = re.sub(r"[^\w.+-]", "", email.split("@")[0].lower(), flags=re.ASCII)[:140] or "user"
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@transaction.atomic
def create_staff_user(
    *,
    username: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    by: User | None = None,
    digibank: Digibank | None = None,
) -> User:
    """A new staff account. Without a password the account cannot log in until one is set."""
    username = (username or "").strip()
    email = (email or "").strip()
    if not email:
        raise DomainError(_("Fill in the email address."), field="email")
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(
            _("Enter an email address like name@example.be."), field="email"
        ) from None
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(_("There is already an account with this email address."), field="email")
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("This username is taken. Choose another one."), field="username")
    user = User(
        username=username,
        email=email,
        first_name=(first_name or "").strip(),
        last_name=(last_name or "").strip(),
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    _full_clean(user, exclude=["password"])
    user.save()
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=user,
        digibank=digibank,
        fields=["username", "email", "first_name", "last_name"],
    )
    return user


@transaction.atomic
def add_member(
    *,
    digibank: Digibank,
    user: User,
    role: str,
    partner: Partner | None = None,
    by: User | None = None,
) -> Membership:
    """Give a user a role in a digibank. A partner referrer must work for a partner of it."""
    if role not in Role.values:
        raise DomainError(_("Choose a role."), field="role")
    if role == Role.REFERRER and partner is None:
        raise DomainError(_("Choose the partner this referrer works for."), field="partner")
    if partner is not None:
        if partner.digibank_id != digibank.pk:
            raise DomainError(_("Choose a partner of this digibank."), field="partner")
        if not partner.active:
            raise DomainError(_("This partner is no longer active."), field="partner")
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not locked.is_active:
        raise DomainError(_("This account is switched off."))
    if Membership.objects.filter(user=locked, digibank=digibank, role=role).exists():
        raise DomainError(
            _("%(name)s already has this role here.") % {"name": locked}, field="role"
        )
    membership = Membership.objects.create(
        user=locked, digibank=digibank, role=role, partner=partner
    )
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=membership,
        digibank=digibank,
        fields=["user", "role", "partner"] if partner else ["user", "role"],
    )
    return membership


@transaction.atomic
def add_member_with_new_account(
    *,
    digibank: Digibank,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    partner: Partner | None = None,
    by: User | None = None,
) -> tuple[Membership, str]:
    """Make an account with a random password and give it a role; returns the password once."""
    password = generate_initial_password()
    user = create_staff_user(
        username=unused_username(email),
        email=email,
        first_name=first_name,
        last_name=last_name,
        password=password,
        by=by,
        digibank=digibank,
    )
    membership = add_member(digibank=digibank, user=user, role=role, partner=partner, by=by)
    return membership, password


@transaction.atomic
def remove_member(*, membership: Membership, by: User | None) -> None:
    """Take a role away. A digibank always keeps at least one coordinator."""
    coordinators = list(
        Membership.objects.select_for_update()
        .filter(digibank_id=membership.digibank_id, role=Role.COORDINATOR)
        .values_list("pk", flat=True)
    )
    if membership.role == Role.COORDINATOR and coordinators == [membership.pk]:
        raise DomainError(
            _("A digibank needs at least one coordinator. Add another coordinator first.")
        )
    audit.record(
        actor=by,
        action=AuditAction.DELETE,
        obj=membership,
        digibank=membership.digibank,
        fields=["user", "role"],
    )
    membership.delete()


@transaction.atomic
def add_region_member(
    *, region: Region, user: User, role: str, by: User | None = None
) -> RegionMembership:
    if role not in RegionRole.values:
        raise DomainError(_("Choose a role."), field="role")
    locked = User.objects.select_for_update().get(pk=user.pk)
    if RegionMembership.objects.filter(user=locked, region=region, role=role).exists():
        raise DomainError(
            _("%(name)s already has this role here.") % {"name": locked}, field="role"
        )
    membership = RegionMembership.objects.create(user=locked, region=region, role=role)
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=membership,
        digibank=None,
        fields=["user", "role"],
    )
    return membership
