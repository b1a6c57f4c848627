"""Regions and digibanks: creating them, their short name in web addresses, their details."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.organisations import hooks
from digibank.organisations.models import Digibank, Municipality, Region
from digibank.organisations.permissions import (
    Manager,
    Perm,
    RegionAccess,
    SystemActor,
    require_manager,
    require_region,
    require_system,
)
from digibank.organisations.services._common import (
    assign,
    changed_fields,
    full_clean,
    snapshot,
    stored_phone,
)

# Slugs that would clash with fixed staff URLs such as /staff/account/tokens/.
RESERVED_SLUGS = frozenset(
    {"account", "accounts", "admin", "api", "hubs", "i18n", "media", "new", "region", "static"}
)

DIGIBANK_FIELDS = frozenset(
    {"name", "slug", "email", "phone", "website", "active", "referrers_decide_eligibility"}
)


def _check_slug_format(slug: str, *, invalid: str) -> None:
    if not slug:
        raise DomainError(_("Fill in a short name for web addresses."), field="slug")
    try:
        validate_slug(slug)
    except ValidationError:
        raise DomainError(invalid, field="slug") from None


def _check_slug(slug: str, *, digibank: Digibank | None = None) -> None:
    _check_slug_format(
        slug, invalid=_("Use only small letters, numbers and hyphens, for example digibank-gent.")
    )
    if slug.lower() in RESERVED_SLUGS:
        raise DomainError(_("This short name is reserved. Choose another one."), field="slug")
    taken = Digibank.objects.filter(slug__iexact=slug)
    if digibank is not None:
        taken = taken.exclude(pk=digibank.pk)
    if taken.exists():
        raise DomainError(_("Another digibank already uses this short name."), field="slug")


@transaction.atomic
def create_region(*, name: str, slug: str, by: SystemActor) -> Region:
    """A new region; its slug is the short name in its web addresses (/region/<slug>/)."""
    require_system(by)
    slug = (slug or "").strip().lower()
    _check_slug_format(
        slug,
        invalid=_("Use only small letters, numbers and hyphens, for example oost-vlaanderen."),
    )
    if Region.objects.filter(slug__iexact=slug).exists():
        raise DomainError(_("Another region already uses this short name."), field="slug")
    region = Region(name=(name or "").strip(), slug=slug)
    full_clean(region)
    region.save()
    audit.record(
        actor=by, action=AuditAction.CREATE, obj=region, digibank=None, fields=["name", "slug"]
    )
    return region


@transaction.atomic
def create_digibank(
    *,
    region: Region,
    name: str,
    slug: str,
    municipalities: Iterable[Municipality] = (),
    by: RegionAccess | SystemActor,
    email: str = "",
    phone: str = "",
    website: str = "",
) -> Digibank:
    require_region(by, region)
    slug = (slug or "").strip().lower()
    _check_slug(slug)
    digibank = Digibank(
        region=region,
        name=(name or "").strip(),
        slug=slug,
        email=(email or "").strip(),
        phone=stored_phone(phone),
        website=(website or "").strip(),
    )
    full_clean(digibank, exclude=["slug"])
    digibank.save()
    digibank.municipalities.set(list(municipalities))
    hooks.digibank_created.send(sender=Digibank, digibank=digibank, by=by.user)
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=digibank,
        digibank=digibank,
        fields=["name", "slug", "municipalities", "email", "phone", "website"],
    )
    return digibank


@transaction.atomic
def update_digibank(*, digibank: Digibank, by: Manager, **fields: Any) -> Digibank:
    """Change a digibank's details; `municipalities` replaces the municipalities served."""
    locked = Digibank.objects.select_for_update().get(pk=digibank.pk)
    require_manager(by, locked, Perm.MANAGE_SETTINGS)
    municipalities = fields.pop("municipalities", None)
    before = snapshot(locked, DIGIBANK_FIELDS)
    assign(locked, fields, DIGIBANK_FIELDS)
    if "slug" in fields:
        locked.slug = locked.slug.lower()
        _check_slug(locked.slug, digibank=locked)
    full_clean(locked, exclude=["slug"])
    changed = changed_fields(before, locked)
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
