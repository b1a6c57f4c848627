"""What upper apps offer to do from a person's staff page, and what they show there, without the
people app knowing them.

An app registers an action once, at start-up (its `AppConfig.ready`): a label, the URL name of
the page where it is done (taking `digibank` and `person_id`) and the permission it needs. The
person page shows each action whose permission reaches the person (`Access.may_reach_person`),
so a referrer sees it only for their partner's people, as the page it leads to would answer.

A section of the page (lending: the person's devices; skills: their learning; help: their visits,
appointments and referrals) is registered the same way: a template, a function giving its context
for the `Access` and the person (reading in a fixed number of queries, whatever the person's
history), and the permission it needs, or several of which any one will do (help's section shows
a hub volunteer the visits and a partner's referrer only the referrals sent to their partner: the
context function picks the parts by the same permissions). The page includes each section the
user's permission reaches, with its context as `section`, and the audit entry of the look names
the sections shown.
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
    # One permission, or several of which any one that reaches the person shows the section.
    perm: Perm | tuple[Perm, ...]

    def shown_to(self, access: Access, person: Person) -> bool:
        perms = self.perm if isinstance(self.perm, tuple) else (self.perm,)
        return any(access.can(perm) and access.may_reach_person(person, perm) for perm in perms)


@dataclass(frozen=True)
class ShownSection:
    name: str
    template: str
    context: dict[str, Any]


_sections: dict[str, PersonSection] = {}


def register_section(name: str, section: PersonSection) -> None:
    """Show `section` on every person's page; registering a name again replaces it."""
    _sections[name] = section


def sections_for(access: Access, person: Person) -> list[ShownSection]:
    """The registered sections this user may see for this person, in the order registered."""
    return [
        ShownSection(name=name, template=section.template, context=section.context(access, person))
        for name, section in _sections.items()
        if section.shown_to(access, person)
    ]
