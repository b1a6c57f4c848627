"""Consent: what a resident agreed to, who recorded it, and when it was withdrawn."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.organisations.permissions import Actor, Perm
from digibank.people.models import Consent, ConsentPurpose, Person
from digibank.people.services.common import lock_person, require_access, require_in_scope


@transaction.atomic
def record_consent(*, person: Person, by: Actor, purpose: str) -> Consent:
    lock_person(person)
    access = require_access(by, person.digibank, Perm.MANAGE_PEOPLE)
    require_in_scope(access, person, Perm.MANAGE_PEOPLE)
    if purpose not in ConsentPurpose.values:
        raise DomainError(_("Choose what the consent is for."), field="purpose")
    if person.consents.filter(purpose=purpose, withdrawn_at__isnull=True).exists():
        raise DomainError(_("This consent was already given."), field="purpose")
    consent = Consent.objects.create(person=person, purpose=purpose, recorded_by=by.user)
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=consent,
        digibank=person.digibank,
        fields=["purpose", "given_at", "recorded_by"],
    )
    return consent


@transaction.atomic
def withdraw_consent(*, consent: Consent, by: Actor) -> Consent:
    consent = (
        Consent.objects.select_for_update().select_related("person__digibank").get(pk=consent.pk)
    )
    person = consent.person
    access = require_access(by, person.digibank, Perm.MANAGE_PEOPLE)
    require_in_scope(access, person, Perm.MANAGE_PEOPLE)
    if consent.withdrawn_at is not None:
        raise DomainError(_("This consent was already withdrawn."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = by.user
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=consent,
        digibank=person.digibank,
        fields=["withdrawn_at", "withdrawn_by"],
    )
    return consent
