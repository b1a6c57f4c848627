"""The quick log: one short page, three taps, one POST, one write."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digibank.help.models import HowHelped, Outcome, Visit, VisitTopic
from digibank.help.tests.visit_helpers import client_for, topic
from digibank.organisations.tests.helpers import BAD_INPUT

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("help:visit_new", kwargs={"digibank": world.a.digibank.slug})


def test_the_most_asked_topics_come_first(world):
    client = client_for(world.users["hub_volunteer"])
    response = client.get(url(world), {"hub": world.a.hub.pk})
    codes = [t.code for t in response.context["form"].fields["topics"].queryset]
    assert codes[:4] == ["H01", "H07", "H04", "H06"]
    assert response.context["form"]["hub"].value() == world.a.hub.pk
    assert response.context["form"]["minutes"].value() == 15


def test_a_topic_and_the_outcome_log_an_anonymous_visit_in_one_write(world):
    client = client_for(world.users["hub_volunteer"])
    client.get(url(world))  # the page is open on the phone
    itsme = topic(world.a)
    data = {"topics": [itsme.pk], "outcome": Outcome.SOLVED, "minutes": "15", "how": "explained"}
    data["hub"] = world.a.hub.pk
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url(world), data)
    assert response.status_code == 302
    writes = [
        q["sql"].split()[:3]
        for q in queries.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == [
        ["INSERT", "INTO", '"help_visit"'],
        ["INSERT", "INTO", '"help_visittopic"'],
    ]
    assert len(queries.captured_queries) <= 12
    visit = Visit.objects.get()
    assert (visit.hub, visit.outcome, visit.minutes, visit.how) == (
        world.a.hub,
        Outcome.SOLVED,
        15,
        HowHelped.EXPLAINED,
    )
    assert visit.person is None and visit.target_groups == []
    assert list(visit.topics.all()) == [itsme]
    assert visit.logged_by == world.users["hub_volunteer"]


def test_the_posts_query_count_does_not_grow_with_the_visits(world):
    client = client_for(world.users["hub_volunteer"])
    data = {
        "topics": [topic(world.a).pk],
        "outcome": Outcome.PARTLY,
        "minutes": "30",
        "how": "together",
        "hub": world.a.hub.pk,
    }
    counts = []
    for _round in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.post(url(world), data).status_code == 302
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
    assert Visit.objects.count() == 2


def test_it_refuses_a_note_with_a_pin_and_writes_nothing(world):
    client = client_for(world.users["hub_volunteer"])
    data = {
        "topics": [topic(world.a).pk],
        "outcome": Outcome.SOLVED,
        "minutes": "15",
        "how": "explained",
        "hub": world.a.hub.pk,
        "notes": "nieuwe pincode 4821 ingesteld",
    }
    response = client.post(url(world), data)
    assert response.status_code == 200
    assert "4821" in response.context["form"].errors["notes"][0]
    assert not Visit.objects.exists()
    data["notes"] = "pincode opnieuw ingesteld"
    assert client.post(url(world), data).status_code == 302
    assert Visit.objects.get().notes == "pincode opnieuw ingesteld"


def test_it_asks_for_a_topic_and_the_outcome(world):
    client = client_for(world.users["hub_volunteer"])
    response = client.post(url(world), {"hub": world.a.hub.pk, "minutes": "15"})
    errors = response.context["form"].errors
    assert "topics" in errors and "outcome" in errors
    assert not Visit.objects.exists()


def test_it_refuses_a_topic_or_hub_of_another_digibank(world):
    from digibank.help.models import HelpTopic

    local_b = HelpTopic.objects.create(
        region=world.b.digibank.region,
        digibank=world.b.digibank,
        code="LOC-B",
        name_nl="Eeklo lokaal",
        name_fr="Eeklo local",
        name_en="Eeklo local",
    )
    client = client_for(world.users["hub_volunteer"])
    base = {"outcome": Outcome.SOLVED, "minutes": "15", "how": "explained"}
    response = client.post(url(world), {**base, "topics": [local_b.pk], "hub": world.a.hub.pk})
    assert "topics" in response.context["form"].errors
    response = client.post(
        url(world), {**base, "topics": [topic(world.a).pk], "hub": world.b.hub.pk}
    )
    assert "hub" in response.context["form"].errors
    assert not Visit.objects.exists()


def test_the_helper_may_tick_priority_groups_without_naming_the_visitor(world):
    client = client_for(world.users["hub_volunteer"])
    data = {
        "topics": [topic(world.a).pk],
        "outcome": Outcome.REFERRED,
        "minutes": "45",
        "how": "referred",
        "hub": world.a.hub.pk,
        "about-target_groups": ["65plus", "living_alone"],
        "about-age_band": "65-79",
    }
    assert client.post(url(world), data).status_code == 302
    visit = Visit.objects.get()
    assert visit.target_groups == ["65plus", "living_alone"]
    assert visit.age_band == "65-79"
    assert visit.person is None


@pytest.mark.parametrize("text", BAD_INPUT)
def test_notes_take_hostile_text_without_breaking(world, text):
    client = client_for(world.users["hub_volunteer"])
    data = {
        "topics": [topic(world.a).pk],
        "outcome": Outcome.SOLVED,
        "minutes": "15",
        "how": "explained",
        "hub": world.a.hub.pk,
        "notes": text,
    }
    response = client.post(url(world), data)
    assert response.status_code in {200, 302}
    if response.status_code == 302:
        assert VisitTopic.objects.count() == 1


def test_a_technician_or_referrer_cannot_log_visits(world):
    for role in ("technician", "referrer", "analyst"):
        assert client_for(world.users[role]).get(url(world)).status_code == 403


def test_a_visit_that_ends_in_a_referral_goes_on_to_the_referral_with_its_figures(world):
    from digibank.help.models import Referral

    client = client_for(world.users["hub_volunteer"])
    data = {
        "topics": [topic(world.a).pk],
        "outcome": Outcome.REFERRED,
        "minutes": "30",
        "how": "referred",
        "hub": world.a.hub.pk,
        "about-target_groups": ["job_seeker"],
    }
    response = client.post(url(world), data)
    visit = Visit.objects.get()
    assert response["Location"].endswith(f"/help/referrals/new/?visit={visit.pk}")
    form = client.get(response["Location"])
    assert form.context["visit"] == visit
    client.post(
        response["Location"],
        {"partner": world.a.partner.pk, "reason": "Zoekt werk", "consent": ""},
    )
    referral = Referral.objects.get()
    assert referral.visit == visit and referral.target_groups == ["job_seeker"]
    assert referral.hub == world.a.hub
