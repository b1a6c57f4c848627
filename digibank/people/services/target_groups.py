"""The digibank's target groups: the usual ones, and the ones coordinators add or rename."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.core.fields import max_length
from digibank.organisations.models import Digibank
from digibank.organisations.permissions import Actor, Perm
from digibank.people.models import TargetGroup
from digibank.people.services.common import clean_text, require_access

if TYPE_CHECKING:
    pass

# Stored in the digibank's language (Dutch); coordinators rename them on the target groups page.
DEFAULT_TARGET_GROUPS = (
    ("65plus", "65-plussers"),
    ("under25", "Jongeren onder 25"),
    ("pupil", "Leerlingen"),
    ("job_seeker", "Werkzoekenden"),
    ("low_income", "Laag inkomen"),
    ("living_alone", "Alleenwonend"),
    ("newcomer", "Nieuwkomers"),
    ("disability", "Personen met een beperking"),
)


def ensure_default_target_groups(digibank: Digibank) -> None:
    """Create the usual target groups the digibank does not have yet; existing ones stay as is."""
    existing = set(TargetGroup.objects.filter(digibank=digibank).values_list("code", flat=True))
    TargetGroup.objects.bulk_create(
        [
            TargetGroup(digibank=digibank, code=code, name=name)
            for code, name in DEFAULT_TARGET_GROUPS
            if code not in existing
        ],
        ignore_conflicts=True,
    )


def _check_group_name(digibank: Digibank, name: str, exclude: TargetGroup | None = None) -> str:
    name = clean_text(name)
    if not name:
        raise DomainError(_("Enter a name."), field="name")
    limit = max_length(TargetGroup, "name")
    if len(name) > limit:
        raise DomainError(_("Enter at most %(limit)d characters.") % {"limit": limit}, field="name")
    same = TargetGroup.objects.filter(digibank=digibank, name__iexact=name)
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    if same.exists():
        raise DomainError(_("There is already a target group with this name."), field="name")
    return name


@transaction.atomic
def add_target_group(*, digibank: Digibank, by: Actor, name: str) -> TargetGroup:
    require_access(by, digibank, Perm.MANAGE_SETTINGS)
    name = _check_group_name(digibank, name)
    base = slugify(name)[:32] or "group"
    taken = set(
        TargetGroup.objects.filter(digibank=digibank, code__startswith=base).values_list(
            "code", flat=True
        )
    )
    code, number = base, 2
    while code in taken:
        code, number = f"{base}-{number}", number + 1
    return TargetGroup.objects.create(digibank=digibank, code=code, name=name)


@transaction.atomic
def rename_target_group(*, group: TargetGroup, by: Actor, name: str) -> TargetGroup:
    group = TargetGroup.objects.select_for_update().select_related("digibank").get(pk=group.pk)
    require_access(by, group.digibank, Perm.MANAGE_SETTINGS)
    group.name = _check_group_name(group.digibank, name, exclude=group)
    group.save(update_fields=["name"])
    return group


@transaction.atomic
def set_target_group_active(*, group: TargetGroup, by: Actor, active: bool) -> TargetGroup:
    """An inactive group is no longer offered; the people in it keep it for the figures."""
    group = TargetGroup.objects.select_for_update().select_related("digibank").get(pk=group.pk)
    require_access(by, group.digibank, Perm.MANAGE_SETTINGS)
    group.active = active
    group.save(update_fields=["active"])
    return group
