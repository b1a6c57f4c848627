"""Donations: offered on the public site or recorded by staff, then accepted and received."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.fields import max_length
from digibank.core.models import AuditAction
from digibank.core.phones import phone_to_store
from digibank.core.validators import validate_postcode
from digibank.devices.lifecycle import DONATION_STATES
from digibank.devices.models import (
    Delivery,
    DeviceKind,
    Donation,
    DonationStatus,
    DonorKind,
)
from digibank.devices.services.common import can_for, check_length, clean_text, require_access
from digibank.organisations.models import Digibank, Hub, Municipality, Partner, PartnerKind
from digibank.organisations.permissions import Actor, Perm

if TYPE_CHECKING:
    pass

# Letters and digits that cannot be mistaken for one another when read aloud or typed.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MAX_DEVICES_ANNOUNCED = 10_000

# The fields that hold personal data of a donor (a private person or a company's contact).
PERSONAL_FIELDS = ("donor_name", "contact_name", "contact_email", "contact_phone", "street")
DONATION_FIELDS = (
    "donor_kind",
    "donor_partner",
    "donor_name",
    "company_number",
    "contact_name",
    "contact_email",
    "contact_phone",
    "street",
    "postcode",
    "municipality",
    "delivery",
    "hub",
    "expected_counts",
    "preferred_date",
    "notes",
    "wants_certificate",
)


def new_reference() -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


def normalise_reference(value: str) -> str:
    """What a donor typed back as their code: "abcd efgh" → "ABCD-EFGH"."""
    code = "".join(char for char in value.upper() if char.isalnum())
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


def _check(validator: Any, value: str, field: str) -> None:
    try:
        validator(value)
    except ValidationError as error:
        raise DomainError(str(error.messages[0]), field=field) from None


def _counts(raw: Mapping[str, Any] | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for kind, value in (raw or {}).items():
        if kind not in DeviceKind.values:
            raise DomainError(_("Choose kinds of devices from the list."), field="expected_counts")
        if value in (None, "", 0):
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise DomainError(_("Enter whole numbers."), field="expected_counts") from None
        if not 0 <= number <= MAX_DEVICES_ANNOUNCED:
            raise DomainError(
                _("Enter a number between 0 and %(max)d.") % {"max": MAX_DEVICES_ANNOUNCED},
                field="expected_counts",
            )
        if number:
            counts[kind] = number
    return counts


def validated(
    digibank: Digibank, values: dict[str, Any], *, stored_phone: str = ""
) -> dict[str, Any]:
    """Clean and check a donation's fields; the first problem is raised as a DomainError.

    The phone number is stored in E.164; `stored_phone`, the number saved now, is kept when
    unchanged even if it no longer reads as a number (see `digibank.core.phones`).
    """
    data = dict(values)
    for name in (*PERSONAL_FIELDS, "company_number", "postcode", "notes"):
        data[name] = clean_text(data.get(name))
        limit = max_length(Donation, name)
        check_length(data[name], limit, name)
    if data["donor_kind"] not in DonorKind.values:
        raise DomainError(_("Choose who gives the devices."), field="donor_kind")
    partner: Partner | None = data.get("donor_partner")
    if partner is not None:
        if partner.digibank_id != digibank.pk:
            raise DomainError(_("Choose a partner of this digibank."), field="donor_partner")
        if partner.kind != PartnerKind.COMPANY:
            raise DomainError(
                _("Only a partner of the kind company can donate devices."), field="donor_partner"
            )
        if data["donor_kind"] != DonorKind.COMPANY:
            raise DomainError(
                _("A partner company gives as a company: choose company."), field="donor_kind"
            )
    if data["donor_kind"] == DonorKind.PRIVATE and not data["donor_name"]:
        raise DomainError(_("Enter the name of the donor."), field="donor_name")
    if data["donor_kind"] != DonorKind.PRIVATE and partner is None and not data["donor_name"]:
        raise DomainError(
            _("Choose the partner company, or enter the name of the organisation."),
            field="donor_name",
        )
    if data["contact_email"]:
        _check(validate_email, data["contact_email"], "contact_email")
    if data["contact_phone"]:
        try:
            data["contact_phone"] = phone_to_store(data["contact_phone"], stored=stored_phone)
        except ValidationError as error:
            raise DomainError(str(error.messages[0]), field="contact_phone") from None
    if partner is None and not (data["contact_email"] or data["contact_phone"]):
        raise DomainError(
            _("Enter an email address or a phone number, so we can reach the donor."),
            field="contact_email",
        )
    if data["postcode"]:
        _check(validate_postcode, data["postcode"], "postcode")
    municipality: Municipality | None = data.get("municipality")
    if (
        municipality is not None
        and data["postcode"]
        and data["postcode"] not in (municipality.postcodes)
    ):
        raise DomainError(
            _("This postcode is not in %(municipality)s.") % {"municipality": municipality},
            field="postcode",
        )
    if data.get("delivery") not in Delivery.values:
        raise DomainError(_("Choose pick-up or drop-off."), field="delivery")
    if data["delivery"] == Delivery.PICK_UP and not (data["street"] or partner is not None):
        raise DomainError(_("Enter the address where we pick the devices up."), field="street")
    hub: Hub | None = data.get("hub")
    if hub is not None and hub.digibank_id != digibank.pk:
        raise DomainError(_("Choose a hub of this digibank."), field="hub")
    data["expected_counts"] = _counts(data.get("expected_counts"))
    preferred: datetime.date | None = data.get("preferred_date")
    if preferred is not None and preferred < timezone.localdate() - datetime.timedelta(days=366):
        raise DomainError(_("Enter a date in the last year or later."), field="preferred_date")
    data["wants_certificate"] = bool(data.get("wants_certificate", True))
    return data


def _save_new(donation: Donation) -> Donation:
    for _attempt in range(5):
        donation.reference = new_reference()
        try:
            with transaction.atomic():
                donation.save()
            return donation
        except IntegrityError:
            if not Donation.objects.filter(reference=donation.reference).exists():
                raise
    raise DomainError(_("Please try again."))  # pragma: no cover - 32^8 codes


def _audit_fields(data: dict[str, Any]) -> list[str]:
    return [name for name, value in data.items() if value not in (None, "", {}, [])]


@transaction.atomic
def create_donation(*, digibank: Digibank, by: Actor, **fields: Any) -> Donation:
    """Staff record a donation they agreed on (status accepted)."""
    unknown = set(fields) - set(DONATION_FIELDS)
    if unknown:
        raise TypeError(f"create_donation() got unexpected {', '.join(sorted(unknown))}")
    require_access(by, digibank, Perm.MANAGE_DONATIONS)
    data = validated(digibank, {"delivery": Delivery.DROP_OFF, **fields})
    donation = _save_new(
        Donation(digibank=digibank, status=DonationStatus.ACCEPTED, created_by=by.user, **data)
    )
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=donation,
        digibank=digibank,
        fields=_audit_fields(data),
    )
    return donation


@transaction.atomic
def offer_donation(*, digibank: Digibank, **fields: Any) -> Donation:
    """A donor offers devices on the public site; staff accept or decline the offer later."""
    unknown = set(fields) - set(DONATION_FIELDS) - {"hub", "donor_partner"}
    if unknown:
        raise TypeError(f"offer_donation() got unexpected {', '.join(sorted(unknown))}")
    data = validated(digibank, {"delivery": Delivery.DROP_OFF, **fields, "donor_partner": None})
    if not data["expected_counts"]:
        raise DomainError(_("Tell us how many devices you want to give."), field="expected_counts")
    donation = _save_new(Donation(digibank=digibank, status=DonationStatus.OFFERED, **data))
    audit.record(
        actor=None,
        action=AuditAction.CREATE,
        obj=donation,
        digibank=digibank,
        fields=_audit_fields(data),
        note="public offer",
    )
    return donation


def _lock(donation: Donation) -> Donation:
    locked = Donation.objects.select_for_update().filter(pk=donation.pk).first()
    if locked is None:
        raise DomainError(_("This donation no longer exists."))
    return locked


@transaction.atomic
def update_donation(*, donation: Donation, by: Actor, **fields: Any) -> Donation:
    unknown = set(fields) - set(DONATION_FIELDS)
    if unknown:
        raise TypeError(f"update_donation() got unexpected {', '.join(sorted(unknown))}")
    locked = _lock(donation)
    require_access(by, locked.digibank, Perm.MANAGE_DONATIONS)
    current = {name: getattr(locked, name) for name in DONATION_FIELDS}
    data = validated(locked.digibank, {**current, **fields}, stored_phone=current["contact_phone"])
    changed = [name for name in DONATION_FIELDS if data[name] != current[name]]
    for name in changed:
        setattr(locked, name, data[name])
        setattr(donation, name, data[name])
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
def set_donation_status(*, donation: Donation, by: Actor, status: str, note: str = "") -> Donation:
    """Accept or decline an offer, or mark the devices as received (see `DONATION_STATES`)."""
    locked = _lock(donation)
    require_access(by, locked.digibank, Perm.MANAGE_DONATIONS)
    note = check_length(clean_text(note), 2000, "note")
    also: dict[str, Any] = {}
    if status == DonationStatus.RECEIVED:
        also["received_on"] = timezone.localdate()
    if note:
        also["notes"] = f"{locked.notes}\n{note}".strip()[:2000]
    DONATION_STATES.transition(locked, status, by=by, can=can_for(by, locked.digibank), also=also)
    donation.status, donation.received_on = locked.status, locked.received_on
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=locked,
        digibank=locked.digibank,
        fields=["status", *also],
    )
    return locked


def mark_received_if_needed(donation: Donation, by: Actor) -> None:
    """Registering a device of a donation means its devices arrived."""
    locked = _lock(donation)
    if locked.status == DonationStatus.DECLINED:
        raise DomainError(_("This donation was declined: it cannot receive devices."))
    if locked.status != DonationStatus.RECEIVED:
        DONATION_STATES.transition(
            locked,
            DonationStatus.RECEIVED,
            by=by,
            can=can_for(by, locked.digibank),
            also={"received_on": locked.received_on or timezone.localdate()},
        )
    donation.status, donation.received_on = locked.status, locked.received_on
