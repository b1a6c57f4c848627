"""The hub's queue: someone arrived, start helping, finish (then the quick log), at a constant
query count."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.core.errors import DomainError
from digibank.help.models import Arrival
from digibank.help.services.visits import finish_helping, record_arrival, start_helping
from digibank.help.tests.visit_helpers import act, client_for

pytestmark = pytest.mark.django_db


def queue_url(world, hub=None):
    return reverse(
        "help:queue", kwargs={"digibank": world.a.digibank.slug, "hub_id": (hub or world.a.hub).pk}
    )


def test_an_arrival_waits_then_is_helped_then_the_visit_is_logged(world):
    client = client_for(world.users["hub_volunteer"])
    response = client.post(queue_url(world), {"label": "Anna"})
    assert response.status_code == 302
    arrival = Arrival.objects.get()
    page = client.get(queue_url(world))
    assert [a.label for a in page.context["waiting"]] == ["Anna"]
    kwargs = {"digibank": world.a.digibank.slug, "hub_id": world.a.hub.pk, "arrival_id": arrival.pk}
    client.post(reverse("help:arrival_start", kwargs=kwargs))
    page = client.get(queue_url(world))
    assert page.context["waiting"] == [] and [a.label for a in page.context["helping"]] == ["Anna"]
    Arrival.objects.filter(pk=arrival.pk).update(
        helping_since=timezone.now() - datetime.timedelta(minutes=23)
    )
    response = client.post(reverse("help:arrival_finish", kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].endswith(f"?hub={world.a.hub.pk}&minutes=23")
    arrival.refresh_from_db()
    assert arrival.finished_at is not None and arrival.label == ""
    log = client.get(response["Location"])
    assert log.context["form"]["minutes"].value() == 23


def test_two_helpers_cannot_start_with_the_same_person(world):
    arrival = record_arrival(hub=world.a.hub, label="7", by=act(world.users["hub_volunteer"]))
    start_helping(arrival=arrival, by=act(world.users["hub_volunteer"]))
    with pytest.raises(DomainError):
        start_helping(arrival=arrival, by=act(world.users["coordinator"]))


def test_someone_who_left_leaves_the_queue_without_a_visit(world):
    client = client_for(world.users["hub_volunteer"])
    arrival = record_arrival(hub=world.a.hub, label="Jan", by=act(world.users["hub_volunteer"]))
    kwargs = {"digibank": world.a.digibank.slug, "hub_id": world.a.hub.pk, "arrival_id": arrival.pk}
    response = client.post(reverse("help:arrival_finish", kwargs=kwargs))
    assert response["Location"] == queue_url(world)
    arrival.refresh_from_db()
    assert arrival.label == "" and arrival.finished_at is not None
    with pytest.raises(DomainError):
        finish_helping(arrival=arrival, by=act(world.users["hub_volunteer"]))


def test_the_queue_holds_today_only_and_forgets_earlier_names(world):
    volunteer = act(world.users["hub_volunteer"])
    old = record_arrival(hub=world.a.hub, label="Gisteren", by=volunteer)
    Arrival.objects.filter(pk=old.pk).update(arrived_at=timezone.now() - datetime.timedelta(days=1))
    record_arrival(hub=world.a.hub, label="Vandaag", by=volunteer)
    old.refresh_from_db()
    assert old.label == "" and old.finished_at is not None
    page = client_for(world.users["hub_volunteer"]).get(queue_url(world))
    assert [a.label for a in page.context["waiting"]] == ["Vandaag"]


@pytest.mark.parametrize(("label", "field"), [("", "label"), ("x" * 41, "label")])
def test_it_asks_for_a_short_first_name_or_number(world, label, field):
    with pytest.raises(DomainError) as refused:
        record_arrival(hub=world.a.hub, label=label, by=act(world.users["hub_volunteer"]))
    assert refused.value.field == field


def test_the_queue_pages_cost_the_same_queries_with_more_people(
    world, django_assert_max_num_queries
):
    client = client_for(world.users["hub_volunteer"])
    volunteer = act(world.users["hub_volunteer"])
    hubs_url = reverse("help:queue_hubs", kwargs={"digibank": world.a.digibank.slug})

    def counts():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        result = []
        for url in (queue_url(world), hubs_url):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries.captured_queries))
        return result

    record_arrival(hub=world.a.hub, label="1", by=volunteer)
    few = counts()
    for number in range(2, 12):
        arrival = record_arrival(hub=world.a.hub, label=str(number), by=volunteer)
        if number % 2:
            start_helping(arrival=arrival, by=volunteer)
    assert counts() == few
    with django_assert_max_num_queries(8):
        client.get(queue_url(world))


def test_another_digibanks_hub_or_arrival_is_not_found(world):
    client = client_for(world.users["hub_volunteer"])
    arrival_b = record_arrival(
        hub=world.b.hub, label="B", by=act(world.other_users["hub_volunteer"])
    )
    assert client.get(queue_url(world, world.b.hub)).status_code == 404
    kwargs = {
        "digibank": world.a.digibank.slug,
        "hub_id": world.a.hub.pk,
        "arrival_id": arrival_b.pk,
    }
    assert client.post(reverse("help:arrival_start", kwargs=kwargs)).status_code == 404
    arrival_b.refresh_from_db()
    assert arrival_b.helping_since is None
