"""Small helpers for the people tests: data goes in through the real services."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from digibank.core.models import AuditEntry
from digibank.people import services
from digibank.people.models import Person
from digibank.testing import Bank, act


def register(bank: Bank, *, by_role: str = "coordinator", **fields: Any) -> Person:
    values: dict[str, Any] = {
        "first_name": "Anna",
        "last_name": "Janssens",
        "contact_method": "none",
    }
    values.update(fields)
    return services.register_person(digibank=bank.digibank, by=act(bank.users[by_role]), **values)


def registration(**extra: str) -> dict[str, str]:
    """The registration page's form data for one resident, with `extra` fields changed."""
    data = {
        "first_name": "Fatima",
        "last_name": "Benali",
        "contact_method": "phone",
        "phone": "0470 12 34 56",
        "email": "",
        "postcode": "2800",
        "birth_year": "1975",
        "preferred_language": "ar",
        "household_size": "4",
        "notes": "",
    }
    data.update(extra)
    return data


def a_postcode(bank: Bank) -> str:
    return bank.hub.postcode


def entries_for(person: Person, action: str) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        object_type="people.person", object_id=str(person.pk), action=action
    )
