"""Wiring done once at start-up: a region's first skills check when it gets its first digibank,
what erasing or merging a person means for the checks and enrolments linked to them, the
session reminders the reminder planner asks for, and the learning section of a person's page."""

from __future__ import annotations

from typing import Any

from digibank.organisations import hooks
from digibank.organisations.models import Digibank


def _new_digibank(sender: type[Digibank], digibank: Digibank, **kwargs: Any) -> None:
    from digibank.skills.content import current_tables, install_starting_set

    install_starting_set(digibank.region, current_tables())


def connect() -> None:
    from digibank.messaging import reminders
    from digibank.organisations.permissions import Perm
    from digibank.people import erasure, merging, person_page
    from digibank.skills.models import Enrolment, SkillsCheck
    from digibank.skills.notify import reminders_due
    from digibank.skills.person_section import learning_section
    from digibank.skills.services.people import (
        count_checks_of,
        count_enrolments_of,
        detach_checks_of,
        detach_enrolments_of,
        move_checks,
        move_enrolments,
    )

    hooks.digibank_created.connect(_new_digibank, dispatch_uid="skills_check_for_new_region")
    erasure.register("skills", detach_checks_of)
    merging.register("skills", models=[SkillsCheck], count=count_checks_of, move=move_checks)
    erasure.register("skills_enrolments", detach_enrolments_of)
    merging.register(
        "skills_enrolments", models=[Enrolment], count=count_enrolments_of, move=move_enrolments
    )
    reminders.register(reminders_due)
    person_page.register_section(
        "learning",
        person_page.PersonSection(
            template="skills/staff/_person_learning.html",
            context=learning_section,
            perm=Perm.VIEW_PEOPLE,
        ),
    )
