"""Wiring done once at start-up: defaults for each new digibank, lending's reminders, and what
erasing a person means for their requests and loans."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from digibank.organisations.models import Digibank


def _new_digibank(
    sender: type[Digibank], instance: Digibank, created: bool, raw: bool, **kwargs: Any
) -> None:
    if created and not raw:
        from digibank.lending.services import ensure_defaults

        ensure_defaults(instance)


def connect() -> None:
    from digibank.lending.queries import loans_needing_reminders
    from digibank.lending.services.erasure import anonymise_lending_of
    from digibank.messaging import reminders
    from digibank.people import erasure

    post_save.connect(
        _new_digibank, sender=Digibank, dispatch_uid="lending_defaults_for_new_digibank"
    )
    reminders.register(loans_needing_reminders)
    erasure.register("lending", anonymise_lending_of)
