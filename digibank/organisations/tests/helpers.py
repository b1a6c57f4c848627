"""Shared bits of the organisations tests: valid input to start from, and the bad input to try."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils.html import escape

from digibank.testing import Bank

# What people type when things go wrong, or simply in another script.
EMPTY = ""
TOO_LONG = "x" * 10_000
SCRIPT = "<script>alert('x')</script>"
EMOJI = "Bib 📚 Noord 😀"
RIGHT_TO_LEFT = "مكتبة الحي"

BAD_INPUT = [EMPTY, TOO_LONG, SCRIPT, EMOJI, RIGHT_TO_LEFT]


def english() -> Client:
    """A browser that asks for English, so the tests read the source strings in any locale."""
    return Client(headers={"accept-language": "en"})


def logged_in(user) -> Client:
    client = english()
    client.force_login(user)
    return client


def hub_fields(bank: Bank, **overrides: Any) -> dict[str, Any]:
    """Valid keyword arguments for `create_hub` in a test digibank."""
    municipality = bank.digibank.municipalities.get()
    return {
        "name": "Buurthuis De Schakel",
        "street": "Kerkstraat 12",
        "postcode": municipality.postcodes[0],
        "municipality": municipality,
        **overrides,
    }


def hub_form_data(bank: Bank, **overrides: Any) -> dict[str, Any]:
    """A valid POST of the hub form."""
    municipality = bank.digibank.municipalities.get()
    data = {
        "name": "Buurthuis De Schakel",
        "street": "Kerkstraat 12",
        "postcode": municipality.postcodes[0],
        "municipality": str(municipality.pk),
        "latitude": "",
        "longitude": "",
        "phone": "",
        "email": "",
        "website": "",
        "directions": "",
        "accessibility_notes": "",
        "languages": ["nl", "ar"],
        "services": ["help"],
        "step_free": "on",
        "closed_on_public_holidays": "on",
        "is_public": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def assert_error_next_to(response, field: str, typed: str | None = None) -> None:
    """The page shows the form again with a message at the field and what was typed in it."""
    assert response.status_code == 200, response.status_code
    content = response.content.decode()
    assert f'id="id_{field}_error"' in content, f"no error next to {field}"
    assert 'class="error-summary"' in content
    if typed:
        assert escape(typed) in content, "the typed value is not kept"
