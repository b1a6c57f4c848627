"""A digibank's own modules: added and changed by its coordinator or trainers.

The region's shared catalogue (loaded with the skills check, `digibank` empty) is not changed
here; a digibank adds what it offers besides. Competences come from the framework or the region's
local ones; prerequisites are other modules of the region.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.codes import new_code
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.organisations.models import Digibank, Region
from digibank.organisations.permissions import Actor, Perm, SystemActor, require
from digibank.skills.models import Competence, Module

FIELDS = frozenset(
    {
        "title_nl",
        "title_fr",
        "title_en",
        "summary_nl",
        "summary_fr",
        "summary_en",
        "level",
        "duration_minutes",
        "language",
        "languages",
        "provider_kind",
        "provider_name",
        "partner",
        "materials",
        "active",
    }
)


def _check(
    digibank: Digibank,
    values: dict[str, Any],
    competences: list[Competence],
    prerequisites: list[Module],
) -> None:
    unknown = set(values) - FIELDS
    if unknown:
        raise TypeError(f"a module has no fields {sorted(unknown)}")
    if not competences:
        raise DomainError(_("Choose at least one competence."), field="competences")
    if any(c.region_id not in (None, digibank.region_id) for c in competences):
        raise DomainError(_("Choose competences of the framework."), field="competences")
    if any(m.region_id != digibank.region_id for m in prerequisites):
        raise DomainError(_("Choose modules of the catalogue."), field="prerequisites")
    partner = values.get("partner")
    if partner is not None and partner.digibank_id != digibank.pk:
        raise DomainError(_("Choose a partner of this digibank."), field="partner")
    if not values.get("provider_name"):
        values["provider_name"] = partner.name if partner is not None else digibank.name


@transaction.atomic
def add_module(
    *,
    by: Actor,
    digibank: Digibank,
    competences: Iterable[Competence],
    prerequisites: Iterable[Module] = (),
    **values: Any,
) -> Module:
    require(by, digibank, Perm.MANAGE_TRAINING)
    chosen, before = list(competences), list(prerequisites)
    _check(digibank, values, chosen, before)
    position = (
        Module.objects.filter(region=digibank.region).aggregate(Max("position"))["position__max"]
        or 0
    ) + 1
    for _try in range(10):
        try:
            with transaction.atomic():
                module = Module.objects.create(
                    region=digibank.region,
                    digibank=digibank,
                    key="L" + new_code()[:7],
                    position=position,
                    **values,
                )
                break
        except IntegrityError:
            continue
    else:
        raise DomainError(_("Something went wrong. Please try again."))
    module.competences.set(chosen)
    module.prerequisites.set(before)
    audit.record(
        actor=by, action=AuditAction.CREATE, obj=module, digibank=digibank, fields=sorted(values)
    )
    return module


@transaction.atomic
def add_region_module(
    *,
    by: SystemActor,
    region: Region,
    key: str,
    competences: Iterable[Competence],
    **values: Any,
) -> Module:
    """A module of the region's shared catalogue, as the starting set loads them (demo data,
    commands): only the system adds these, and like the starting set's it is content, not a
    record about anyone (no audit entry, which would name no digibank)."""
    if not isinstance(by, SystemActor):
        raise PermissionDenied
    position = (
        Module.objects.filter(region=region).aggregate(Max("position"))["position__max"] or 0
    ) + 1
    module, _created = Module.objects.get_or_create(
        region=region, key=key, defaults={"position": position, **values}
    )
    module.competences.set(list(competences))
    return module


@transaction.atomic
def update_module(
    *,
    by: Actor,
    module: Module,
    competences: Iterable[Competence],
    prerequisites: Iterable[Module] = (),
    **values: Any,
) -> Module:
    digibank = module.digibank
    if digibank is None:
        raise PermissionDenied  # the region's shared catalogue
    require(by, digibank, Perm.MANAGE_TRAINING)
    chosen, before = list(competences), [m for m in prerequisites if m.pk != module.pk]
    _check(digibank, values, chosen, before)
    for name, value in values.items():
        setattr(module, name, value)
    module.save()
    module.competences.set(chosen)
    module.prerequisites.set(before)
    audit.record(
        actor=by, action=AuditAction.CHANGE, obj=module, digibank=digibank, fields=sorted(values)
    )
    return module
