"""Asking for a device: by the resident on the public pages, or by staff or a referrer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.fields import max_length
from digibank.core.models import AuditAction
from digibank.devices.models import Accessory, KeyboardLayout
from digibank.lending import notify
from digibank.lending.codes import new_code
from digibank.lending.models import (
    WANTED_KINDS,
    DeviceRequest,
    Need,
    RequestSource,
    RequestStatus,
)
from digibank.lending.services.common import (
    can_of,
    checked_choices,
    checked_text,
    clean_text,
    lock_request,
    person_of,
    refresh_from,
    require_access,
    require_person_in_scope,
)
from digibank.lending.states import REQUEST_STATES
from digibank.organisations.models import Digibank, Language
from digibank.organisations.permissions import PUBLIC, Actor, Perm
from digibank.people import services as people_services
from digibank.people.models import ConsentPurpose, ContactMethod, Person

if TYPE_CHECKING:
    pass

ACCESSIBILITY_LENGTH = max_length(DeviceRequest, "accessibility_needs")
HOUSEHOLD_LENGTH = max_length(DeviceRequest, "household_note")
REASON_LENGTH = max_length(DeviceRequest, "close_reason")
CHANGEABLE_FIELDS = (
    "needs",
    "device_kind",
    "keyboard_layout",
    "accessories_wanted",
    "accessibility_needs",
    "household_note",
)


def _validated_need(values: dict[str, Any]) -> dict[str, Any]:
    needs = checked_choices(
        values["needs"],
        Need.values,
        field="needs",
        message=_("Choose what the device is for from the list."),
    )
    if not needs:
        raise DomainError(_("Choose at least one thing the device is for."), field="needs")
    kind = clean_text(values["device_kind"])
    if kind and kind not in WANTED_KINDS:
        raise DomainError(_("Choose a device from the list."), field="device_kind")
    layout = clean_text(values["keyboard_layout"])
    if layout not in KeyboardLayout.values:
        raise DomainError(_("Choose a keyboard layout from the list."), field="keyboard_layout")
    accessories = checked_choices(
        values["accessories_wanted"],
        Accessory.values,
        field="accessories_wanted",
        message=_("Choose accessories from the list."),
    )
    return {
        "needs": needs,
        "device_kind": kind,
        "keyboard_layout": layout,
        "accessories_wanted": accessories,
        "accessibility_needs": checked_text(
            values["accessibility_needs"], limit=ACCESSIBILITY_LENGTH, field="accessibility_needs"
        ),
        "household_note": checked_text(
            values["household_note"], limit=HOUSEHOLD_LENGTH, field="household_note"
        ),
    }


def _unique_reference() -> str:
    for _attempt in range(20):
        code = new_code()
        if not DeviceRequest.objects.filter(reference=code).exists():
            return code
    raise RuntimeError("No free reference code found after 20 attempts.")  # 1 in 10^80


@transaction.atomic
def submit_request(
    *,
    digibank: Digibank,
    person: Person,
    by: Actor,
    needs: Iterable[str],
    device_kind: str = "",
    keyboard_layout: str = "",
    accessories_wanted: Iterable[str] = (),
    accessibility_needs: str = "",
    household_note: str = "",
    source: str | None = None,
    notify_to_phone: str = "",
    notify_to_email: str = "",
    language: str | None = None,
) -> DeviceRequest:
    """Record a request for a device for `person` and send them its reference code.

    `by=PUBLIC` is the resident on the public pages (`SYSTEM` a task). Staff and referrers need
    `SUBMIT_REQUESTS`; a referrer asks only for the people their partner referred.
    """
    access = require_access(by, digibank, Perm.SUBMIT_REQUESTS)
    if person.digibank_id != digibank.pk:
        raise DomainError(_("Choose a resident of this digibank."), field="person")
    require_person_in_scope(access, person, Perm.SUBMIT_REQUESTS)
    data = _validated_need(
        {
            "needs": needs,
            "device_kind": device_kind,
            "keyboard_layout": keyboard_layout,
            "accessories_wanted": accessories_wanted,
            "accessibility_needs": accessibility_needs,
            "household_note": household_note,
        }
    )
    if source is None:
        source = RequestSource.PUBLIC if by is PUBLIC else RequestSource.STAFF
    now = timezone.now()
    request = DeviceRequest(
        digibank=digibank,
        person=person,
        source=RequestSource(source),
        submitted_by=by.user,
        referrer_partner=person.referrer_partner,
        submitted_at=now,
        status_changed_at=now,
        **data,
    )
    for _attempt in range(3):
        request.reference = _unique_reference()
        try:
            with transaction.atomic():
                request.save()
            break
        except IntegrityError:
            if DeviceRequest.objects.filter(reference=request.reference).exists():
                continue  # another request took the same code at the same moment
            raise
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=request,
        digibank=digibank,
        fields=[
            "person",
            "reference",
            "source",
            *[name for name, value in data.items() if value not in ("", [])],
        ],
    )
    notify.reference_code_sent(
        request, to_phone=notify_to_phone, to_email=notify_to_email, language=language
    )
    return request


@transaction.atomic
def submit_public_request(
    *,
    digibank: Digibank,
    first_name: str,
    last_name: str,
    birth_year: int | None = None,
    postcode: str = "",
    contact_method: str = ContactMethod.NONE,
    phone: str = "",
    email: str = "",
    language: str = Language.DUTCH,
    needs: Iterable[str],
    device_kind: str = "",
    accessibility_needs: str = "",
    household_note: str = "",
) -> DeviceRequest:
    """A resident asks on the public pages, without an account.

    Someone already known (same name, year of birth and postcode) gets the request on their
    existing record instead of a second one; their details are not changed by what was typed,
    except a way to reach them when they had none. The reference code goes to the phone number or
    email address typed just now.
    """
    if contact_method not in {ContactMethod.PHONE, ContactMethod.EMAIL, ContactMethod.NONE}:
        raise DomainError(_("Choose how we can reach you."), field="contact_method")
    phone = clean_text(phone) if contact_method == ContactMethod.PHONE else ""
    email = clean_text(email) if contact_method == ContactMethod.EMAIL else ""
    wants_contact = contact_method != ContactMethod.NONE
    consents = [ConsentPurpose.REGISTRATION, *([ConsentPurpose.CONTACT] if wants_contact else [])]
    if language not in Language.values:
        language = Language.DUTCH
    details: dict[str, Any] = {
        "digibank": digibank,
        "by": PUBLIC,
        "first_name": first_name,
        "last_name": last_name,
        "birth_year": birth_year,
        "postcode": postcode,
        "contact_method": contact_method,
        "phone": phone,
        "email": email,
        "preferred_language": language,
        "consents": consents,
    }
    try:
        person = people_services.register_person(**details)
    except people_services.DuplicatePerson as duplicate:
        if duplicate.exact:
            person = min(duplicate.exact, key=lambda known: known.pk)
            _add_missing_contact(person, contact_method=contact_method, phone=phone, email=email)
        else:
            # Same name and postcode, but a year of birth on one side only: maybe a namesake.
            # A new record, for staff to merge after a look (the merge page lists it).
            person = people_services.register_person(**details, allow_duplicate=True)
    return submit_request(
        digibank=digibank,
        person=person,
        by=PUBLIC,
        needs=needs,
        device_kind=device_kind,
        accessibility_needs=accessibility_needs,
        household_note=household_note,
        source=RequestSource.PUBLIC,
        notify_to_phone=phone,
        notify_to_email=email,
        language=language,
    )


def _add_missing_contact(person: Person, *, contact_method: str, phone: str, email: str) -> None:
    """Give a known person the way to reach them typed just now, only if they had none."""
    if contact_method == ContactMethod.NONE or person.phone or person.email:
        return
    people_services.update_person(
        person=person, by=PUBLIC, contact_method=contact_method, phone=phone, email=email
    )
    if not person.consents.filter(
        purpose=ConsentPurpose.CONTACT, withdrawn_at__isnull=True
    ).exists():
        people_services.record_consent(person=person, by=PUBLIC, purpose=ConsentPurpose.CONTACT)


@transaction.atomic
def update_request(*, request: DeviceRequest, by: Actor, **fields: Any) -> DeviceRequest:
    """Change what the request asks for (see CHANGEABLE_FIELDS) while it is still open.

    An eligible request whose device is chosen now goes onto the waiting list.
    """
    unknown = set(fields) - set(CHANGEABLE_FIELDS)
    if unknown:
        raise TypeError(f"update_request() cannot change {', '.join(sorted(unknown))}")
    locked = lock_request(request)
    access = require_access(by, locked.digibank, Perm.SUBMIT_REQUESTS)
    require_person_in_scope(access, person_of(locked), Perm.SUBMIT_REQUESTS)
    if locked.status not in {
        RequestStatus.SUBMITTED,
        RequestStatus.ELIGIBLE,
        RequestStatus.WAITING,
        RequestStatus.REJECTED,
    }:
        raise DomainError(
            _("A request with a reserved or handed-over device cannot be changed any more.")
        )
    current = {name: getattr(locked, name) for name in CHANGEABLE_FIELDS}
    data = _validated_need({**current, **fields})
    changed = [name for name in CHANGEABLE_FIELDS if data[name] != current[name]]
    for name in changed:
        setattr(locked, name, data[name])
    if changed:
        locked.save()
    # Choosing the device puts an eligible request on the waiting list; unchoosing takes it off.
    if locked.status == RequestStatus.ELIGIBLE and locked.device_kind:
        REQUEST_STATES.transition(locked, RequestStatus.WAITING, by=by, can=can_of(access))
        changed.append("status")
    elif locked.status == RequestStatus.WAITING and not locked.device_kind:
        REQUEST_STATES.transition(locked, RequestStatus.ELIGIBLE, by=by, can=can_of(access))
        changed.append("status")
    if changed:
        audit.record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=locked,
            digibank=locked.digibank,
            fields=changed,
        )
    refresh_from(request, locked)
    return locked


@transaction.atomic
def cancel_request(*, request: DeviceRequest, by: Actor, reason: str = "") -> DeviceRequest:
    """Close a request that is no longer needed. A reserved device must be released first."""
    locked = lock_request(request)
    access = require_access(by, locked.digibank, Perm.SUBMIT_REQUESTS)
    require_person_in_scope(access, person_of(locked), Perm.SUBMIT_REQUESTS)
    REQUEST_STATES.transition(
        locked,
        RequestStatus.CANCELLED,
        by=by,
        can=can_of(access),
        also={"close_reason": checked_text(reason, limit=REASON_LENGTH, field="reason")},
    )
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=locked,
        digibank=locked.digibank,
        fields=["status", "close_reason"],
    )
    refresh_from(request, locked)
    return locked
