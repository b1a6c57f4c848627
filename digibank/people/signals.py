"""Wiring done once at start-up: what people does when the tenancy layer tells it something
(`digibank.organisations.hooks`), and people's own handler for merges (`people.merging`)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from digibank.organisations import hooks
from digibank.organisations.models import Digibank
from digibank.people import merging
from digibank.people.models import Consent, Person
from digibank.people.services import ensure_default_target_groups
from digibank.people.services.merging import count_consents, move_consents


def _new_digibank(sender: type[Digibank], digibank: Digibank, **kwargs: Any) -> None:
    ensure_default_target_groups(digibank)


def _residents() -> QuerySet:
    return Person.objects.all()


def connect() -> None:
    hooks.digibank_created.connect(_new_digibank, dispatch_uid="people_target_groups_for_digibank")
    hooks.register_digibank_count("resident_count", _residents)
    merging.register("people", models=[Consent], count=count_consents, move=move_consents)
