"""Wiring done once at start-up: defaults for each new digibank, lending's reminders and the
release of reservations nobody picked up, what erasing or merging a person means for their
requests and loans, "Request a device" and the devices section on a person's page, and the loan
conditions a completed module meets."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from digibank.organisations import hooks
from digibank.organisations.models import Digibank
from digibank.organisations.permissions import Perm


def _new_digibank(sender: type[Digibank], digibank: Digibank, **kwargs: Any) -> None:
    from digibank.lending.services import ensure_defaults

    ensure_defaults(digibank)


def _module_completed(sender: type, **kwargs: Any) -> None:
    from digibank.lending.services.conditions import meet_conditions_by_training

    meet_conditions_by_training(
        person=kwargs["person"],
        module=kwargs["module"],
        digibank=kwargs["digibank"],
        by=kwargs["by"],
    )


def connect() -> None:
    from digibank.lending.person_section import devices_section
    from digibank.lending.queries import loans_needing_reminders
    from digibank.lending.services.erasure import anonymise_lending_of
    from digibank.lending.services.merging import MODELS, count_lending_of, move_lending
    from digibank.lending.services.pickup import release_overdue_reservations
    from digibank.messaging import reminders
    from digibank.people import erasure, merging, person_page
    from digibank.people.hooks import module_completed

    hooks.digibank_created.connect(_new_digibank, dispatch_uid="lending_defaults_for_new_digibank")
    module_completed.connect(_module_completed, dispatch_uid="lending_conditions_met_by_training")
    reminders.register(loans_needing_reminders)
    reminders.register_upkeep(release_overdue_reservations)
    erasure.register("lending", anonymise_lending_of)
    merging.register("lending", models=MODELS, count=count_lending_of, move=move_lending)
    person_page.register(
        "lending_request",
        person_page.PersonAction(
            label=_("Request a device"),
            url_name="lending:request_create",
            perm=Perm.SUBMIT_REQUESTS,
        ),
    )
    person_page.register_section(
        "devices",
        person_page.PersonSection(
            template="lending/staff/_person_devices.html",
            context=devices_section,
            perm=Perm.VIEW_REQUESTS,
        ),
    )
