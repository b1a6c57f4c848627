"""The region's help topics: loaded once per region from the shipped file, in three languages."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from digibank.help.content import install_region_topics, read_topics
from digibank.help.models import HelpTopic
from digibank.organisations import services as organisation_services
from digibank.organisations.models import Municipality
from digibank.organisations.permissions import SYSTEM

pytestmark = pytest.mark.django_db


def test_a_region_with_digibanks_gets_the_nineteen_shipped_topics(world):
    topics = HelpTopic.objects.filter(region=world.region, digibank=None)
    assert topics.count() == 19
    assert not HelpTopic.objects.filter(region=world.other_region).exists()
    itsme = topics.get(code="H01")
    assert itsme.asked_most_rank == 1
    assert "How do I install itsme?" in itsme.typical_questions
    assert itsme.official_service and itsme.referral and itsme.frequency


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("nl", "Belastingen (MyMinfin / Tax-on-web)"),
        ("fr", "Impôts (MyMinfin / Tax-on-web)"),
        ("en", "Taxes (MyMinfin / Tax-on-web)"),
    ],
)
def test_every_topic_has_its_name_in_three_languages(world, language, name):
    for row in read_topics():
        assert row["name_nl"] and row["name_fr"] and row["name_en"]
    with translation.override(language):
        assert HelpTopic.objects.get(region=world.region, code="H06").name == name


def test_the_four_most_asked_topics_are_ranked():
    ranked = sorted(
        (row["asked_most_rank"], row["id"]) for row in read_topics() if row["asked_most_rank"]
    )
    assert ranked == [(1, "H01"), (2, "H07"), (3, "H04"), (4, "H06")]


def test_a_region_gets_its_topics_with_its_first_digibank(world):
    organisation_services.create_digibank(
        by=SYSTEM,
        region=world.other_region,
        name="Brussel",
        slug="brussel",
        municipalities=[Municipality.objects.get(nis_code="21004")],
    )
    assert HelpTopic.objects.filter(region=world.other_region).count() == 19


def test_loading_again_keeps_the_region_admins_list(world):
    HelpTopic.objects.filter(region=world.region, code="H19").delete()
    assert install_region_topics(world.region, HelpTopic) == 0
    out = StringIO()
    call_command("load_help_topics", stdout=out)
    assert "0 region(s) got their first help topics" in out.getvalue()
    assert HelpTopic.objects.filter(region=world.region).count() == 18


def test_a_digibank_offers_its_regions_topics_and_its_own(world):
    local = HelpTopic.objects.create(
        region=world.region, digibank=world.a.digibank, code="L1", name_nl="Lokale premie"
    )
    HelpTopic.objects.create(
        region=world.region, digibank=world.b.digibank, code="L2", name_nl="Andere premie"
    )
    offered = set(HelpTopic.offered_in(world.a.digibank))
    assert local in offered and len(offered) == 20
