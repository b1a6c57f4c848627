"""What upper apps offer to do from a person's staff page, and what they show there, without the
people app knowing them.

An app registers an action once, at start-up (its `AppConfig.ready`): a label, the URL name of
the page where it is done (taking `digibank` and `person_id`) and the permission it needs. The
person page shows each action whose permission reaches the person (`Access.may_reach_person`),
so a referrer sees it only for their partner's people, as the page it leads to would answer.

A section of the page (skills: the person's learning) is registered the same way: a template, a
function giving its context for the `Access` and the person (reading in a fixed number of
queries), and the permission it needs; the page includes each section the user's permission
reaches, with its context as `section`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise

from digibank.organisations.permissions import Access, Perm
from digibank.people.models import Person


@dataclass(frozen=True)
class PersonAction:
    label: str | Promise
    url_name: str
    perm: Perm


@dataclass(frozen=True)
class ShownAction:
    label: str
    url: str


_actions: dict[str, PersonAction] = {}


def register(name: str, action: PersonAction) -> None:
    """Offer `action` on every person's page; registering a name again replaces it."""
    _actions[name] = action


def actions_for(access: Access, person: Person) -> list[ShownAction]:
    """The registered actions this user may take for this person, in the order registered."""
    return [
        ShownAction(
            label=str(action.label),
            url=reverse(
                action.url_name, kwargs={"digibank": access.digibank.slug, "person_id": person.pk}
            ),
        )
        for action in _actions.values()
        if access.may_reach_person(person, action.perm) and access.can(action.perm)
    ]


SectionContext = Callable[[Access, Person], dict[str, Any]]


@dataclass(frozen=True)
class PersonSection:
    template: str
    context: SectionContext
    perm: Perm


@dataclass(frozen=True)
class ShownSection:
    template: str
    context: dict[str, Any]


_sections: dict[str, PersonSection] = {}


def register_section(name: str, section: PersonSection) -> None:
    """Show `section` on every person's page; registering a name again replaces it."""
    _sections[name] = section


def sections_for(access: Access, person: Person) -> list[ShownSection]:
    """The registered sections this user may see for this person, in the order registered."""
    return [
        ShownSection(template=section.template, context=section.context(access, person))
        for section in _sections.values()
        if access.may_reach_person(person, section.perm) and access.can(section.perm)
    ]
