"""The learning section of a person's staff page (registered with `people.person_page`): their
skills checks compared, first against latest, per area, and their learning path: the modules
recommended by their latest check."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from digibank.organisations.permissions import Access, Perm
from digibank.people.models import Person
from digibank.skills.outcomes import progress_of
from digibank.skills.report import report_for


def learning_section(access: Access, person: Person) -> dict[str, Any]:
    progress = progress_of(person)
    latest = None if progress is None else progress.latest or progress.first
    may_link = access.can(Perm.MANAGE_PEOPLE) and access.may_reach_person(
        person, Perm.MANAGE_PEOPLE
    )
    return {
        "progress": progress,
        "recommended": report_for(latest).modules if latest is not None else [],
        "link_url": reverse(
            "skills:link", kwargs={"digibank": access.digibank.slug, "person_id": person.pk}
        )
        if may_link
        else "",
    }
