"""The digibank's lending regulation: coordinators publish a new version, old ones are kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.fields import max_length
from digibank.core.models import AuditAction
from digibank.lending.defaults import (
    DEFAULT_REGULATION_EN,
    DEFAULT_REGULATION_FR,
    DEFAULT_REGULATION_NL,
)
from digibank.lending.models import LendingRegulation
from digibank.lending.services.common import checked_text, require_access
from digibank.organisations.models import Digibank
from digibank.organisations.permissions import Actor, Perm
from digibank.people.validators import validate_free_text

if TYPE_CHECKING:
    pass

TEXT_LENGTH = 20_000
NOTE_LENGTH = max_length(LendingRegulation, "change_note")


def current_regulation(digibank: Digibank) -> LendingRegulation | None:
    return LendingRegulation.objects.filter(digibank=digibank).order_by("-version").first()


def ensure_default_regulation(digibank: Digibank) -> None:
    """A new digibank starts with the standard regulation as version 1."""
    if not LendingRegulation.objects.filter(digibank=digibank).exists():
        LendingRegulation.objects.create(
            digibank=digibank,
            version=1,
            text_nl=DEFAULT_REGULATION_NL,
            text_fr=DEFAULT_REGULATION_FR,
            text_en=DEFAULT_REGULATION_EN,
            published_at=timezone.now(),
        )


def _text(value: str, field: str) -> str:
    text = checked_text(value, limit=TEXT_LENGTH, field=field)
    if not text:
        raise DomainError(_("Enter the text of the regulation in this language."), field=field)
    try:
        validate_free_text(text)
    except ValidationError as error:
        raise DomainError(str(error.messages[0]), field=field) from None
    return text


@transaction.atomic
def publish_regulation(
    *,
    digibank: Digibank,
    by: Actor,
    text_nl: str,
    text_fr: str,
    text_en: str,
    change_note: str = "",
) -> LendingRegulation:
    """Publish the next version. Loans signed before keep the version they were signed under."""
    require_access(by, digibank, Perm.MANAGE_SETTINGS)
    texts = {
        "text_nl": _text(text_nl, "text_nl"),
        "text_fr": _text(text_fr, "text_fr"),
        "text_en": _text(text_en, "text_en"),
    }
    note = checked_text(change_note, limit=NOTE_LENGTH, field="change_note")
    # Lock the digibank's row: two coordinators publishing at once get versions n and n + 1.
    Digibank.objects.select_for_update().filter(pk=digibank.pk).exists()
    current = LendingRegulation.objects.filter(digibank=digibank).order_by("-version").first()
    if current is not None and all(
        getattr(current, name) == value for name, value in texts.items()
    ):
        raise DomainError(
            _("The text is the same as version %(version)d. Change it before publishing.")
            % {"version": current.version},
            field="text_nl",
        )
    last = LendingRegulation.objects.filter(digibank=digibank).aggregate(last=Max("version"))
    regulation = LendingRegulation.objects.create(
        digibank=digibank,
        version=(last["last"] or 0) + 1,
        change_note=note,
        published_by=by.user,
        published_at=timezone.now(),
        **texts,
    )
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=regulation,
        digibank=digibank,
        fields=["version", *texts, *(["change_note"] if note else [])],
    )
    return regulation
