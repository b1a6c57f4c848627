"""Small helpers for the people tests: data goes in through the real services."""

from __future__ import annotations

from typing import Any

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


def a_postcode(bank: Bank) -> str:
    return bank.hub.postcode
