"""The region admin keeps the region's help topics; a coordinator adds the digibank's own."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from digibank.core.errors import DomainError
from digibank.help import services
from digibank.help.models import HelpTopic
from digibank.organisations.permissions import acting_in_region
from digibank.testing import act

pytestmark = pytest.mark.django_db

FORM = {
    "name_nl": "Premies van de stad",
    "name_fr": "Primes de la ville",
    "name_en": "",
    "official_service": "Stadsloket",
    "typical_questions": "Hoe vraag ik de premie aan?\n\nWaar vind ik het formulier?",
    "referral": "Sociale dienst",
    "active": "on",
}


def test_the_region_admin_adds_a_topic_to_the_regions_list(client, world):
    client.force_login(world.region_users["region_admin"])
    region = world.region.slug
    response = client.post(reverse("help:region_topic_add", kwargs={"region": region}), FORM)
    assert response.status_code == 302
    topic = HelpTopic.objects.get(name_nl="Premies van de stad")
    assert topic.digibank is None and topic.code == "R01"
    assert topic.typical_questions == ["Hoe vraag ik de premie aan?", "Waar vind ik het formulier?"]


def test_the_region_admin_retires_a_shipped_topic(client, world):
    client.force_login(world.region_users["region_admin"])
    topic = HelpTopic.objects.get(region=world.region, code="H19")
    url = reverse(
        "help:region_topic_edit", kwargs={"region": world.region.slug, "topic_id": topic.pk}
    )
    form = {**FORM, "name_nl": topic.name_nl, "name_fr": topic.name_fr}
    form.pop("active")
    assert client.post(url, form).status_code == 302
    topic.refresh_from_db()
    assert not topic.active
    assert topic not in HelpTopic.offered_in(world.a.digibank)


def test_a_coordinator_adds_a_local_topic_only_their_digibank_offers(client, world):
    client.force_login(world.a.users["coordinator"])
    url = reverse("help:local_topics", kwargs={"digibank": world.a.digibank.slug})
    assert client.post(url, FORM).status_code == 302
    topic = HelpTopic.objects.get(name_nl="Premies van de stad")
    assert topic.digibank == world.a.digibank and topic.region == world.region
    assert topic in HelpTopic.offered_in(world.a.digibank)
    assert topic not in HelpTopic.offered_in(world.b.digibank)


def test_a_coordinator_cannot_change_the_regions_topics(world):
    topic = HelpTopic.objects.get(region=world.region, code="H01")
    fields = services.TopicFields(name_nl="x", name_fr="x")
    with pytest.raises(PermissionDenied):
        services.change_topic(topic=topic, fields=fields, by=act(world.a.users["coordinator"]))


def test_a_region_admin_cannot_change_a_digibanks_own_topic(world):
    local = services.add_local_topic(
        digibank=world.a.digibank,
        fields=services.TopicFields(name_nl="Lokaal", name_fr="Local"),
        by=act(world.a.users["coordinator"]),
    )
    admin = acting_in_region(world.region_users["region_admin"], world.region)
    with pytest.raises(PermissionDenied):
        services.change_topic(
            topic=local, fields=services.TopicFields(name_nl="x", name_fr="x"), by=admin
        )


def test_a_topic_needs_its_dutch_and_french_names(world):
    admin = acting_in_region(world.region_users["region_admin"], world.region)
    with pytest.raises(DomainError, match="French"):
        services.add_region_topic(
            region=world.region, fields=services.TopicFields(name_nl="x", name_fr=" "), by=admin
        )
