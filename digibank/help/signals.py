"""Wiring done once at start-up: a region gets its first help topics with its first digibank;
what erasing or merging a person means for their visits and referrals; "Log a visit" and "Refer to
a partner" on a person's page."""

from __future__ import annotations

from typing import Any

from digibank.organisations import hooks
from digibank.organisations.models import Digibank


def _new_digibank(sender: type[Digibank], digibank: Digibank, **kwargs: Any) -> None:
    from digibank.help.content import install_region_topics
    from digibank.help.models import HelpTopic

    install_region_topics(digibank.region, HelpTopic)


def connect() -> None:
    hooks.digibank_created.connect(_new_digibank, dispatch_uid="help_topics_for_new_region")
    connect_visits()


def connect_visits() -> None:
    from django.utils.translation import gettext_lazy as _

    from digibank.help.models import Referral, Visit
    from digibank.help.services.visit_people import count_help_of, detach_help_of, move_help
    from digibank.organisations.permissions import Perm
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
