"""Finding a guide: every word must be in the title, steps or hand-out, accents and capitals
do not matter, title hits come first, a topic narrows the list, and another digibank's local
guides are never found. The list costs the same queries with more guides."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digibank.help.guide_queries import guides_for
from digibank.help.guide_search import fold, search, words_of
from digibank.help.tests.guide_helpers import checked_long_ago, local_guide, region_guide
from digibank.testing import act

pytestmark = pytest.mark.django_db


def titles(world, query, bank=None):
    bank = bank or world.a
    found = search(guides_for(act(bank.users["hub_volunteer"], bank.digibank)), query)
    return [guide.title for guide in found]


def test_fold_drops_accents_and_capitals():
    assert fold("Tax-on-Web Hélène ÇA") == "tax-on-web helene ca"
    assert words_of("  itsme  ITSME, é a") == ["itsme"]


def test_every_word_must_be_found_somewhere_in_the_guide(world):
    region_guide(world, title="itsme op een nieuwe telefoon", body="1. Open de app.")
    region_guide(world, title="Jobbonus aanvragen", code="H07", handout="Met itsme meldt u aan.")
    assert titles(world, "itsme") == ["itsme op een nieuwe telefoon", "Jobbonus aanvragen"]
    assert titles(world, "itsme jobbonus") == ["Jobbonus aanvragen"]
    assert titles(world, "itsme belastingen") == []


def test_title_hits_come_before_hits_in_the_text(world):
    region_guide(world, title="Aanmelden bij de bank", body="Met itsme of de kaartlezer.")
    region_guide(world, title="Zo werkt itsme", body="Uitleg.")
    assert titles(world, "itsme") == ["Zo werkt itsme", "Aanmelden bij de bank"]


def test_accents_and_capitals_do_not_stop_a_match(world):
    region_guide(world, title="Pensioen: Mypension", body="Ga naar de pagina Événements.")
    assert titles(world, "evenements") == ["Pensioen: Mypension"]
    assert titles(world, "ÉVÉNEMENTS mypension") == ["Pensioen: Mypension"]


def test_another_digibanks_local_guide_is_never_found(world):
    local_guide(world.b, world, title="Eeklo: premie aanvragen bij de stad")
    local_guide(world.a, world, title="Mechelen: premie aanvragen bij de stad")
    assert titles(world, "premie") == ["Mechelen: premie aanvragen bij de stad"]
    assert titles(world, "eeklo") == []
    assert titles(world, "premie", bank=world.b) == ["Eeklo: premie aanvragen bij de stad"]


def test_the_search_page_filters_by_topic_and_keeps_the_words(client: Client, world):
    region_guide(world, title="itsme installeren")
    region_guide(world, title="Aangifte met itsme", code="H06")
    client.force_login(world.a.users["trainer"])
    url = reverse("help:guide_list", kwargs={"digibank": world.a.digibank.slug})
    taxes = region_guide_topic_id(world, "H06")
    response = client.get(url, {"q": "itsme", "topic": taxes})
    page = response.content.decode()
    assert "Aangifte met itsme" in page and "itsme installeren" not in page
    assert 'value="itsme"' in page


def region_guide_topic_id(world, code):
    from digibank.help.tests.guide_helpers import region_topic

    return region_topic(world, code).pk


def test_a_search_that_finds_nothing_says_so(client: Client, world):
    region_guide(world)
    client.force_login(world.a.users["hub_volunteer"])
    url = reverse("help:guide_list", kwargs={"digibank": world.a.digibank.slug})
    assert (
        "No guide holds all these words" in client.get(url, {"q": "zonnepanelen"}).content.decode()
    )


def test_the_stale_filter_shows_only_guides_to_check(client: Client, world):
    checked_long_ago(local_guide(world.a, world, title="Oude gids"))
    local_guide(world.a, world, title="Nieuwe gids")
    client.force_login(world.a.users["coordinator"])
    url = reverse("help:guide_list", kwargs={"digibank": world.a.digibank.slug})
    page = client.get(url, {"stale": "on"}).content.decode()
    assert "Oude gids" in page and "Nieuwe gids" not in page


def test_the_list_costs_the_same_queries_with_more_guides(client: Client, world):
    client.force_login(world.a.users["hub_volunteer"])
    url = reverse("help:guide_list", kwargs={"digibank": world.a.digibank.slug})

    def count(query):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, query).status_code == 200
        return len(queries.captured_queries)

    region_guide(world, title="itsme 0")
    local_guide(world.a, world, title="itsme lokaal 0")
    few = [
        count({}),
        count({"q": "itsme"}),
        count({"q": "itsme", "topic": region_guide_topic_id(world, "H01")}),
    ]
    for number in range(1, 25):
        region_guide(world, title=f"itsme {number}", code=("H01", "H04", "H06")[number % 3])
        checked_long_ago(local_guide(world.a, world, title=f"itsme lokaal {number}"))
    many = [
        count({}),
        count({"q": "itsme"}),
        count({"q": "itsme", "topic": region_guide_topic_id(world, "H01")}),
    ]
    assert few == many
