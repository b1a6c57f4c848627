"""Partners of a digibank and their contact people."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.organisations.models import Digibank, Partner, PartnerContact, PartnerKind
from digibank.organisations.permissions import Actor, Perm, require
from digibank.organisations.services._common import (
    assign,
    changed_fields,
    full_clean,
    municipality_for_postcode,
    snapshot,
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


def _prepare_partner(partner: Partner, *, postcode_changed: bool) -> None:
    if postcode_changed:
        partner.municipality = None
    if partner.postcode:
        municipality = partner.municipality or municipality_for_postcode(
            partner.postcode, prefer=partner.digibank.municipalities.all()
        )
        if municipality is None:
            raise DomainError(
                _("We do not know this postcode. Enter a Belgian postcode of 4 digits."),
                field="postcode",
            )
        if partner.postcode not in municipality.postcodes:
            raise DomainError(
                _("This postcode is not in %(municipality)s.")
                % {"municipality": municipality.name},
                field="postcode",
            )
        partner.municipality = municipality
    if not partner.postcode:
        partner.municipality = None
    if partner.kind not in PartnerKind.values:
        raise DomainError(_("Choose what kind of partner this is."), field="kind")
    same_name = Partner.objects.filter(digibank=partner.digibank, name__iexact=partner.name)
    if partner.pk:
        same_name = same_name.exclude(pk=partner.pk)
    if partner.name and same_name.exists():
        raise DomainError(_("There is already a partner with this name."), field="name")
    full_clean(partner)


@transaction.atomic
def create_partner(*, digibank: Digibank, by: Actor, **fields: Any) -> Partner:
    require(by, digibank, Perm.MANAGE_ORGANISATION)
    partner = Partner(digibank=digibank)
    assign(partner, fields, PARTNER_FIELDS)
    _prepare_partner(partner, postcode_changed=False)
    partner.save()
    audit.record(
        actor=by, action=AuditAction.CREATE, obj=partner, digibank=digibank, fields=list(fields)
    )
    return partner


@transaction.atomic
def update_partner(*, partner: Partner, by: Actor, **fields: Any) -> Partner:
    locked = Partner.objects.select_for_update().select_related("digibank").get(pk=partner.pk)
    require(by, locked.digibank, Perm.MANAGE_ORGANISATION)
    before = snapshot(locked, [*PARTNER_FIELDS - {"municipality"}, "municipality_id"])
    assign(locked, fields, PARTNER_FIELDS)
    postcode_changed = locked.postcode != before["postcode"] and "municipality" not in fields
    _prepare_partner(locked, postcode_changed=postcode_changed)
    changed = [name.removesuffix("_id") for name in changed_fields(before, locked)]
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
def add_partner_contact(*, partner: Partner, by: Actor, **fields: Any) -> PartnerContact:
    require(by, partner.digibank, Perm.MANAGE_ORGANISATION)
    contact = PartnerContact(partner=partner)
    assign(contact, fields, CONTACT_FIELDS)
    full_clean(contact, exclude=["partner"])
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
def update_partner_contact(*, contact: PartnerContact, by: Actor, **fields: Any) -> PartnerContact:
    locked = PartnerContact.objects.select_for_update().get(pk=contact.pk)
    require(by, locked.partner.digibank, Perm.MANAGE_ORGANISATION)
    before = snapshot(locked, CONTACT_FIELDS)
    assign(locked, fields, CONTACT_FIELDS)
    full_clean(locked, exclude=["partner"])
    changed = changed_fields(before, locked)
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
def remove_partner_contact(*, contact: PartnerContact, by: Actor) -> None:
    require(by, contact.partner.digibank, Perm.MANAGE_ORGANISATION)
    audit.record(
        actor=by,
        action=AuditAction.DELETE,
        obj=contact,
        digibank=contact.partner.digibank,
        fields=sorted(CONTACT_FIELDS),
    )
    contact.delete()
