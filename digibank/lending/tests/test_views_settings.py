"""Coordinator settings: eligibility rules and the lending regulation versions."""

import pytest
from django.urls import reverse

from digibank.lending.models import EligibilityRule, LendingRegulation
from digibank.lending.tests.helpers import rule

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"lending:{name}", kwargs={"digibank": "mechelen", **kwargs})


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.users["coordinator"])
    return client


def test_the_rules_page_lists_the_rules_by_priority_and_adds_one(coordinator, world):
    body = coordinator.get(url("rules")).content.decode()
    assert body.index("Living wage or social assistance") < body.index(
        "Referral by social services"
    )
    response = coordinator.post(
        url("rules"),
        {
            "name": "Newcomers",
            "description": "",
            "priority": "3",
            "evidence_kinds": ["other"],
            "active": "on",
        },
    )
    assert response.status_code == 302
    added = EligibilityRule.objects.get(digibank=world.a.digibank, name="Newcomers")
    assert (added.priority, added.evidence_kinds, added.active) == (3, ["other"], True)


def test_a_rule_form_with_bad_values_says_what_is_wrong(coordinator, world):
    response = coordinator.post(
        url("rules"), {"name": "", "priority": "12", "evidence_kinds": [], "description": "x" * 600}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a name for the rule." in body
    assert "Enter a priority from 1 to 9." in body
    assert "Choose at least one proof this rule accepts." in body
    assert 'id="id_description_error"' in body


def test_a_standard_rule_is_renamed_switched_off_and_keeps_its_standard_name_when_empty(
    coordinator, world
):
    pupil = rule(world.a, "pupil")
    form = coordinator.get(url("rule_edit", rule_id=pupil.pk)).content.decode()
    assert "Leave empty to use the standard name." in form
    response = coordinator.post(
        url("rule_edit", rule_id=pupil.pk),
        {"name": "", "description": "", "priority": "1", "evidence_kinds": ["school_referral"]},
    )
    assert response.status_code == 302
    pupil.refresh_from_db()
    assert pupil.active is False
    assert pupil.label == "Pupil referred by a school"


def test_publishing_the_regulation_makes_a_new_version_and_keeps_the_old_one(coordinator, world):
    page = coordinator.get(url("regulation")).content.decode()
    assert "Current version: 1" in page
    assert "Uitleenreglement van de digibank" in page  # the form starts from the current text
    current = LendingRegulation.objects.get(digibank=world.a.digibank)
    response = coordinator.post(
        url("regulation"),
        {
            "text_nl": current.text_nl + "\n\n8. Pupils keep a laptop for the school year.",
            "text_fr": current.text_fr,
            "text_en": current.text_en,
            "change_note": "Longer loans for pupils",
        },
    )
    assert response.status_code == 302
    versions = LendingRegulation.objects.filter(digibank=world.a.digibank).order_by("version")
    assert [v.version for v in versions] == [1, 2]
    assert versions[1].published_by == world.users["coordinator"]
    old = coordinator.get(url("regulation_version", regulation_id=versions[0].pk)).content.decode()
    assert "Pupils keep a laptop" not in old
    new = coordinator.get(url("regulation_version", regulation_id=versions[1].pk)).content.decode()
    assert "Pupils keep a laptop" in new


def test_an_empty_regulation_text_is_refused(coordinator, world):
    response = coordinator.post(
        url("regulation"), {"text_nl": "", "text_fr": "x", "text_en": "y", "change_note": ""}
    )
    assert "Enter the text in Dutch." in response.content.decode()
    assert LendingRegulation.objects.filter(digibank=world.a.digibank).count() == 1
