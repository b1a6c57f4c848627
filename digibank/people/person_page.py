"""What upper apps offer to do from a person's staff page, without the people app knowing them.

An app registers an action once, at start-up (its `AppConfig.ready`): a label, the URL name of
the page where it is done (taking `digibank` and `person_id`) and the permission it needs. The
person page shows each action whose permission reaches the person (`Access.may_reach_person`),
so a referrer sees it only for their partner's people, as the page it leads to would answer.
"""

from __future__ import annotations

from dataclasses import dataclass

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
