"""Wiring done once at start-up: a region's first skills check when it gets its first digibank,
what erasing or merging a person means for the checks linked to them, and the learning section
of a person's page."""

from __future__ import annotations

from typing import Any

from digibank.organisations import hooks
from digibank.organisations.models import Digibank


def _new_digibank(sender: type[Digibank], digibank: Digibank, **kwargs: Any) -> None:
    from digibank.skills.content import current_tables, install_starting_set

    install_starting_set(digibank.region, current_tables())


def connect() -> None:
    from digibank.organisations.permissions import Perm
    from digibank.people import erasure, merging, person_page
    from digibank.skills.models import SkillsCheck
    from digibank.skills.person_section import learning_section
    from digibank.skills.services.people import count_checks_of, detach_checks_of, move_checks

    hooks.digibank_created.connect(_new_digibank, dispatch_uid="skills_check_for_new_region")
    erasure.register("skills", detach_checks_of)
    merging.register("skills", models=[SkillsCheck], count=count_checks_of, move=move_checks)
    person_page.register_section(
        "skills_learning",
        person_page.PersonSection(
            template="skills/staff/_person_learning.html",
            context=learning_section,
            perm=Perm.VIEW_PEOPLE,
        ),
    )
