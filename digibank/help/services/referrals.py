"""Referrals to a partner: sent by a hub (from a visit) or a staff member, handled by the
partner's referrer.

Sending needs `REFER_PEOPLE`; a named person (or an anonymous visitor's contact details) goes to
the partner only with their consent. Handling needs `HANDLE_REFERRALS` over the referral's
partner: a referrer holds it for their own partner only, so another partner's referrer is refused
here as well as by the pages (which do not find the referral at all).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.help.models import Referral, Visit
from digibank.help.models.referrals import REASON_MAX, RESPONSE_MAX
from digibank.help.referral_states import REFERRAL_STATES
from digibank.help.services.notes import check_notes
from digibank.organisations.models import Hub, Partner
from digibank.organisations.permissions import Actor, Perm, require, require_person
from digibank.people.models import Person
from digibank.people.snapshot import figures_of


@transaction.atomic
def refer(
    *,
    partner: Partner,
    reason: str,
    by: Actor,
    hub: Hub | None = None,
    visit: Visit | None = None,
    person: Person | None = None,
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    consent: bool = False,
) -> Referral:
    """Send someone to `partner` with a reason. With neither a person nor contact details the
    visitor contacts the partner themselves, and the referral counts without naming them."""
    digibank = partner.digibank
    require(by, digibank, Perm.REFER_PEOPLE)
    if not partner.active:
        raise DomainError(_("This partner is no longer active."), field="partner")
    for other in (hub, visit):
        if other is not None and other.digibank_id != digibank.pk:
            raise PermissionDenied
    if person is not None:
        require_person(by, person, Perm.REFER_PEOPLE)
        contact_name = contact_phone = contact_email = ""
    contact_name = " ".join(contact_name.split())[:120]
    shares = person is not None or any((contact_name, contact_phone, contact_email))
    if shares and not consent:
        raise DomainError(
            _("Ask the person first: pass their details on only when they agree."),
            field="consent",
        )
    reason = check_notes(reason, limit=REASON_MAX, field="reason")
    if not reason:
        raise DomainError(_("Say why you refer them."), field="reason")
    if person is not None:
        figures = figures_of(person)
        target_groups, age_band = figures.target_groups, figures.age_band
        municipality = figures.municipality
    elif visit is not None:
        target_groups, age_band = visit.target_groups, visit.age_band
        municipality = visit.municipality
    else:
        target_groups, age_band, municipality = [], "unknown", None
    referral = Referral.objects.create(
        digibank=digibank,
        partner=partner,
        hub=hub or (visit.hub if visit is not None else None),
        visit=visit,
        person=person,
        contact_name=contact_name,
        contact_phone=contact_phone,
        contact_email=contact_email,
        consent_at=timezone.now() if shares else None,
        reason=reason,
        referred_by=by.user,
        target_groups=target_groups,
        age_band=age_band,
        municipality=municipality,
    )
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=referral,
        digibank=digibank,
        fields=["partner", "reason", *(["person", "consent_at"] if shares else [])],
    )
    return referral


def require_handler(by: Actor, referral: Referral) -> None:
    """`by` handles referrals for the referral's partner (a referrer: their own partner only)."""
    require(by, referral.digibank, Perm.HANDLE_REFERRALS)
    if not by.reach(Perm.HANDLE_REFERRALS).includes(referral.partner_id):
        raise PermissionDenied


@transaction.atomic
def update_referral(*, referral: Referral, to: str, by: Actor, response: str = "") -> Referral:
    """Move a referral on (accepted, in progress, done, declined), with the partner's note for
    the referring hub."""
    require_handler(by, referral)
    response = check_notes(response, limit=RESPONSE_MAX, field="response")
    also = {"response": response} if response else None
    moved = REFERRAL_STATES.transition(referral, to, by=by, can=by.can, also=also)
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=moved,
        digibank=referral.digibank,
        fields=["status", "response"] if response else ["status"],
    )
    return moved
