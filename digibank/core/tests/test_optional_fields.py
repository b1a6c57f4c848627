"""Fields marked optional are optional: every form class of the project is walked.

The form templates (`templates/forms/field.html`, `includes/question_field.html`) add
"(optional)" to every field that is not required, unless the form leaves the mark off with
`core.forms.not_marked_optional` (a field needed in some cases: one of two ways to reach someone,
the partner of a referrer). So two mistakes remain possible, and this test looks for both in
every form class it finds by importing the whole project:

- a field shown as optional that the form then reports as missing in some case (its `clean`
  adds an error to it): the person was told they could leave it empty;
- a label or hint that says "optional" itself (in any of the three languages): on a required
  field it contradicts the form, on an optional one it says it twice.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator

import pytest
from django import forms
from django.utils import translation

import digibank

# A field the form's code reports an error on, for a value given rather than for a missing one:
# the field stays optional. (form class, field): why.
ERRORS_ABOUT_A_GIVEN_VALUE: dict[tuple[str, str], str] = {}

OPTIONAL_WORDS = re.compile(r"\boptional\b|niet verplicht|\boptioneel\b|facultati", re.I)


def _project_modules() -> Iterator[str]:
    for module in pkgutil.walk_packages(digibank.__path__, "digibank."):
        parts = module.name.split(".")
        if "tests" in parts or "migrations" in parts or module.name == "digibank.test_settings":
            continue
        yield module.name


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def form_classes() -> list[type[forms.BaseForm]]:
    """Every form class defined in the project (not in its tests), found by importing it all."""
    for name in _project_modules():
        importlib.import_module(name)
    found = {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.startswith("digibank.")
        and ".tests" not in cls.__module__
        and not cls.__module__.startswith("digibank.core.forms")
    }
    return sorted(found, key=lambda cls: (cls.__module__, cls.__qualname__))


FORMS = form_classes()


def _source(cls: type) -> str:
    """The code of the class and of the project's classes it inherits from."""
    return "\n".join(
        inspect.getsource(base)
        for base in cls.__mro__
        if base.__module__.startswith("digibank.") and base is not object
    )


def reported_fields(cls: type) -> set[str]:
    """The fields the form's own code puts an error on."""
    source = _source(cls)
    return set(re.findall(r'add_error\(\s*"(\w+)"', source)) | set(
        re.findall(r'DomainError\([^()]*(?:\([^()]*\)[^()]*)*field="(\w+)"', source, re.S)
    )


def unmarked_fields(cls: type) -> set[str]:
    """The fields the form leaves the "(optional)" mark off (`not_marked_optional`)."""
    names: set[str] = set()
    for call in re.findall(r"not_marked_optional\(\s*self\s*,([^)]*)\)", _source(cls)):
        names |= set(re.findall(r'"(\w+)"', call))
    return names


def test_the_walk_finds_the_forms_of_every_app():
    found = {f"{cls.__module__}.{cls.__name__}" for cls in FORMS}
    for expected in (
        "digibank.devices.forms.inventory.RegisterDeviceForm",
        "digibank.organisations.forms.invitations.InviteForm",
        "digibank.people.forms.PersonForm",
        "digibank.devices.public_flow.ContactForm",
    ):
        assert expected in found
    assert len(FORMS) > 50


def test_the_source_reading_sees_errors_and_unmarked_fields():
    """The two readings the next test relies on find what is there (else it could not fail)."""
    from digibank.devices.public_flow import ContactForm
    from digibank.organisations.forms.invitations import InviteForm

    assert "partner" in reported_fields(InviteForm)
    assert {"contact_email", "contact_phone"} <= unmarked_fields(ContactForm)


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: cls.__qualname__)
def test_a_field_shown_as_optional_is_never_reported_missing(form_class):
    shown_optional = {
        name
        for name, field in form_class.base_fields.items()
        if not field.required and not getattr(field, "hide_optional", False)
    } - unmarked_fields(form_class)
    wrong = {
        name
        for name in reported_fields(form_class) & shown_optional
        if (form_class.__name__, name) not in ERRORS_ABOUT_A_GIVEN_VALUE
    }
    assert not wrong, (
        f"{form_class.__name__}: {sorted(wrong)} show “(optional)” but the form can refuse them "
        "empty: call core.forms.not_marked_optional for them (and say when they are needed)"
    )


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
def test_no_label_or_hint_says_optional_itself(language):
    said = []
    with translation.override(language):
        for form_class in FORMS:
            for name, field in form_class.base_fields.items():
                for text in (field.label, field.help_text):
                    if text and OPTIONAL_WORDS.search(str(text)):
                        said.append(f"{form_class.__name__}.{name}: {text}")
    assert not said


def test_no_label_or_hint_set_when_a_form_is_made_says_optional():
    """Labels and hints given in `__init__` are not in `base_fields`: read them in the code."""
    assigned = re.compile(r"\.(?:label|help_text)\s*=\s*_\(\s*((?:\"[^\"]*\"\s*)+)\)")
    said = [
        f"{form_class.__name__}: {text}"
        for form_class in FORMS
        for text in assigned.findall(inspect.getsource(form_class))
        if OPTIONAL_WORDS.search(text)
    ]
    assert not said
