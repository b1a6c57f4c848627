"""Wiring done once at start-up: a region's first help topics with its first digibank, the
appointment reminders, what erasing or merging a person means for their appointments, and the
"Book an appointment" button on a person's page; what erasing or merging a person means for their
visits and referrals, and "Log a visit", "Refer to a partner" and the help section on a person's
page."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from digibank.organisations import hooks
from digibank.organisations.models import Digibank
from digibank.organisations.permissions import Perm


def _new_digibank(sender: type[Digibank], digibank: Digibank, **kwargs: Any) -> None:
    from digibank.help.content import install_region_topics
    from digibank.help.models import HelpTopic

    install_region_topics(digibank.region, HelpTopic)


def connect() -> None:
    from digibank.help.models import Appointment
    from digibank.help.notify import appointment_reminders
    from digibank.help.queries import booking_pages
    from digibank.help.services.people import (
        count_appointments_of,
        detach_appointments_of,
        move_appointments,
    )
    from digibank.messaging import reminders
    from digibank.people import erasure, merging, person_page

    hooks.digibank_created.connect(_new_digibank, dispatch_uid="help_topics_for_new_region")
    hooks.register_booking_pages("help", booking_pages)
    reminders.register(appointment_reminders)
    erasure.register("help", detach_appointments_of)
    merging.register(
        "help", models=[Appointment], count=count_appointments_of, move=move_appointments
    )
    person_page.register(
        "help_appointment",
        person_page.PersonAction(
            label=_("Book a help appointment"),
            url_name="help:staff_book_for_person",
            perm=Perm.MANAGE_APPOINTMENTS,
        ),
    )
    connect_visits()


def connect_visits() -> None:
    from digibank.help.models import Referral, Visit
    from digibank.help.person_section import HELP_PERMS, help_section
    from digibank.help.services.visit_people import count_help_of, detach_help_of, move_help
    from digibank.people import erasure, merging, person_page

    erasure.register("help_visits", detach_help_of)
    merging.register("help_visits", models=[Visit, Referral], count=count_help_of, move=move_help)
    person_page.register(
        "help_visit",
        person_page.PersonAction(
            label=_("Log a visit"), url_name="help:visit_new_for_person", perm=Perm.LOG_VISITS
        ),
    )
    person_page.register(
        "help_referral",
        person_page.PersonAction(
            label=_("Refer to a partner"),
            url_name="help:referral_new_for_person",
            perm=Perm.REFER_PEOPLE,
        ),
    )
    person_page.register_section(
        "help",
        person_page.PersonSection(
            template="help/staff/_person_help.html", context=help_section, perm=HELP_PERMS
        ),
    )
