"""The framework and the starting set: loaded once, in three languages, per region."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from digibank.organisations import services as organisation_services
from digibank.organisations.models import Municipality, Region
from digibank.organisations.permissions import SYSTEM
from digibank.skills.content import current_tables, install_starting_set, load_framework
from digibank.skills.models import (
    Area,
    CheckVersion,
    Competence,
    KnowledgeItem,
    Module,
    ProficiencyLevel,
    Statement,
)

pytestmark = pytest.mark.django_db


def test_the_migration_loads_digcomp_and_the_first_steps():
    assert Area.objects.count() == 6
    assert Competence.objects.filter(region=None).exclude(area__code="FS").count() == 21
    assert Competence.objects.filter(area__code="FS").count() == 5
    assert ProficiencyLevel.objects.count() == 8
    assert list(Area.objects.values_list("code", flat=True)) == ["FS", "1", "2", "3", "4", "5"]


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("nl", "Persoonsgegevens en privacy beschermen"),
        ("fr", "Protéger les données personnelles et la vie privée"),
        ("en", "Protecting personal data and privacy"),
    ],
)
def test_every_competence_has_its_name_in_three_languages(language, name):
    for competence in Competence.objects.all():
        assert competence.name_nl and competence.name_fr and competence.name_en
    with translation.override(language):
        assert Competence.objects.get(code="4.2").name == name


def test_loading_again_changes_nothing():
    before = Competence.objects.count()
    load_framework(current_tables())
    out = StringIO()
    call_command("load_skills_content", stdout=out)
    assert "0 region(s) got their first skills check" in out.getvalue()
    assert Competence.objects.count() == before


def test_a_region_gets_its_first_check_with_its_first_digibank(world):
    version = CheckVersion.objects.get(region=world.region)
    assert version.number == 1 and not version.is_draft
    assert Statement.objects.filter(version=version).count() == 45
    assert KnowledgeItem.objects.filter(version=version).count() == 9
    assert Module.objects.filter(region=world.region).count() == 17
    assert not CheckVersion.objects.filter(region=world.other_region).exists()
    municipality = Municipality.objects.get(nis_code="21004")
    organisation_services.create_digibank(
        by=SYSTEM,
        region=world.other_region,
        name="Brussel",
        slug="brussel",
        municipalities=[municipality],
    )
    assert CheckVersion.objects.filter(region=world.other_region).count() == 1


def test_a_region_with_a_check_keeps_it(world):
    assert install_starting_set(world.region, current_tables()) is None
    assert CheckVersion.objects.filter(region=world.region).count() == 1


def test_every_statement_and_question_is_written_in_three_languages(world):
    for statement in Statement.objects.all():
        assert statement.text_nl and statement.text_fr and statement.text_en
        assert 1 <= statement.level <= 4
    for item in KnowledgeItem.objects.all():
        assert item.question_fr and item.explanation_nl and item.explanation_fr
        assert len(item.options["nl"]) == len(item.options["fr"]) == len(item.options["en"])
        assert item.correct < len(item.options["en"])


def test_modules_not_offered_in_flanders_are_loaded_but_not_on_offer(world):
    assert set(Module.objects.filter(active=False).values_list("key", flat=True)) == {"M16", "M17"}
    first_steps = Module.objects.get(region=world.region, key="M01")
    assert "FS.1" in set(first_steps.competences.values_list("code", flat=True))
    assert first_steps.duration_minutes > 0 and first_steps.provider_name


def test_an_empty_region_is_not_offered(world):
    assert not Region.objects.filter(
        pk=world.other_region.pk, check_versions__isnull=False
    ).exists()
