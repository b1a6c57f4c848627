"""The hand-over pages: the guide's page names its owner (or says it has none) and offers the
writers a link to one question on its own page; a refused or foreign choice comes back next to
the field with the choice kept; a guide without an owner is flagged and found in the list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digibank.help.models import Guide
from digibank.help.tests.guide_helpers import local_guide, region_guide
from digibank.organisations import services as organisation_services
from digibank.organisations.models import RegionRole
from digibank.organisations.permissions import SYSTEM
from digibank.testing import make_user

pytestmark = pytest.mark.django_db


def staff_url(world, name, **kwargs):
    return reverse(f"help:{name}", kwargs={"digibank": world.a.digibank.slug, **kwargs})


def region_url(world, name, **kwargs):
    return reverse(f"help:{name}", kwargs={"region": world.region.slug, **kwargs})


def test_the_coordinator_sees_the_owner_and_a_link_to_hand_the_guide_over(client: Client, world):
    guide = local_guide(world.a, world)
    client.force_login(world.a.users["coordinator"])
    page = client.get(staff_url(world, "guide_detail", guide_id=guide.pk)).content.decode()
    assert "Coordinator Tester" in page
    assert f'href="{staff_url(world, "guide_owner", guide_id=guide.pk)}"' in page


@pytest.mark.parametrize("role", ["hub_volunteer", "trainer", "referrer"])
def test_readers_see_the_owner_but_no_hand_over_link(client: Client, world, role):
    guide = local_guide(world.a, world)
    client.force_login(world.a.users[role])
    page = client.get(staff_url(world, "guide_detail", guide_id=guide.pk)).content.decode()
    assert "Coordinator Tester" in page
    assert staff_url(world, "guide_owner", guide_id=guide.pk) not in page


def test_a_region_guide_is_handed_over_on_the_region_pages_only(client: Client, world):
    guide = region_guide(world)
    client.force_login(world.a.users["coordinator"])
    page = client.get(staff_url(world, "guide_detail", guide_id=guide.pk)).content.decode()
    assert staff_url(world, "guide_owner", guide_id=guide.pk) not in page
    assert client.get(staff_url(world, "guide_owner", guide_id=guide.pk)).status_code == 404
    client.force_login(world.region_users["region_admin"])
    page = client.get(region_url(world, "region_guide", guide_id=guide.pk)).content.decode()
    assert f'href="{region_url(world, "region_guide_owner", guide_id=guide.pk)}"' in page
    client.force_login(world.region_users["region_analyst"])
    page = client.get(region_url(world, "region_guide", guide_id=guide.pk)).content.decode()
    assert region_url(world, "region_guide_owner", guide_id=guide.pk) not in page


def test_the_question_offers_only_who_can_look_after_the_guide(client: Client, world):
    guide = local_guide(world.a, world)
    client.force_login(world.a.users["coordinator"])
    page = client.get(staff_url(world, "guide_owner", guide_id=guide.pk)).content.decode()
    assert '<form method="post" novalidate>' in page and "csrfmiddlewaretoken" in page
    for role in ("coordinator", "hub_volunteer"):
        assert f'value="{world.a.users[role].pk}"' in page
    others = [world.a.users[role] for role in ("trainer", "referrer", "technician", "analyst")]
    others += [world.b.users["coordinator"], world.region_users["region_admin"]]
    for other in others:
        assert f'value="{other.pk}"' not in page


@pytest.mark.parametrize(
    "sent",
    [
        {},
        {"owner": ""},
        {"owner": "abc"},
        {"owner": "99999999999999999999"},
        {"owner": "-1"},
        {"owner": "1.5"},
        {"owner": "<script>"},
    ],
)
def test_a_missing_or_unreadable_choice_is_shown_next_to_the_field(client: Client, world, sent):
    guide = local_guide(world.a, world)
    client.force_login(world.a.users["coordinator"])
    response = client.post(staff_url(world, "guide_owner", guide_id=guide.pk), sent)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page and 'href="#id_owner"' in page and 'id="id_owner_error"' in page
    assert Guide.objects.get(pk=guide.pk).owner == world.a.users["coordinator"]


@pytest.mark.parametrize("who", ["other_coordinator", "trainer", "outsider"])
def test_someone_not_offered_is_refused_next_to_the_field(client: Client, world, who):
    guide = local_guide(world.a, world)
    chosen = {
        "other_coordinator": world.b.users["coordinator"],
        "trainer": world.a.users["trainer"],
        "outsider": world.outsider,
    }[who]
    client.force_login(world.a.users["coordinator"])
    response = client.post(staff_url(world, "guide_owner", guide_id=guide.pk), {"owner": chosen.pk})
    page = response.content.decode()
    assert response.status_code == 200 and 'id="id_owner_error"' in page
    assert "Choose one of the people listed." in page
    assert Guide.objects.get(pk=guide.pk).owner == world.a.users["coordinator"]


def test_choosing_the_owner_again_says_so_and_keeps_the_choice(client: Client, world):
    guide = local_guide(world.a, world)
    coordinator = world.a.users["coordinator"]
    client.force_login(coordinator)
    response = client.post(
        staff_url(world, "guide_owner", guide_id=guide.pk), {"owner": coordinator.pk}
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'id="id_owner_error"' in page
    assert "already owns this guide" in page
    assert f'<option value="{coordinator.pk}" selected>' in page


def test_handing_over_goes_back_to_the_guide_with_a_message(client: Client, world):
    guide = local_guide(world.a, world)
    volunteer = world.a.users["hub_volunteer"]
    client.force_login(world.a.users["coordinator"])
    response = client.post(
        staff_url(world, "guide_owner", guide_id=guide.pk), {"owner": volunteer.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == staff_url(world, "guide_detail", guide_id=guide.pk)
    page = client.get(response["Location"]).content.decode()
    assert "Hub_volunteer Tester now looks after this guide." in page
    assert Guide.objects.get(pk=guide.pk).owner == volunteer


def test_the_region_admin_hands_a_region_guide_to_another_admin(client: Client, world):
    guide = region_guide(world)
    second = make_user("tweede-admin")
    organisation_services.add_region_member(
        by=SYSTEM, region=world.region, user=second, role=RegionRole.ADMIN
    )
    client.force_login(world.region_users["region_admin"])
    url = region_url(world, "region_guide_owner", guide_id=guide.pk)
    page = client.get(url).content.decode()
    assert f'value="{second.pk}"' in page
    assert f'value="{world.region_users["region_analyst"].pk}"' not in page
    refused = client.post(url, {"owner": world.region_users["region_analyst"].pk})
    assert refused.status_code == 200 and 'id="id_owner_error"' in refused.content.decode()
    response = client.post(url, {"owner": second.pk})
    assert response["Location"] == region_url(world, "region_guide", guide_id=guide.pk)
    assert Guide.objects.get(pk=guide.pk).owner == second


def test_a_guide_without_an_owner_is_flagged_and_found_by_the_filter(client: Client, world):
    orphan = local_guide(world.a, world, title="Gids zonder eigenaar")
    local_guide(world.a, world, title="Gids met eigenaar")
    Guide.objects.filter(pk=orphan.pk).update(owner=None)
    client.force_login(world.a.users["coordinator"])
    page = client.get(staff_url(world, "guide_detail", guide_id=orphan.pk)).content.decode()
    assert "No owner" in page and ">no owner</strong>" in page
    listed = client.get(staff_url(world, "guide_list")).content.decode()
    assert listed.count(">no owner</strong>") == 1
    found = client.get(staff_url(world, "guide_list"), {"unowned": "on"}).content.decode()
    assert "Gids zonder eigenaar" in found and "Gids met eigenaar" not in found


def test_the_list_costs_the_same_queries_with_more_guides_without_an_owner(client: Client, world):
    client.force_login(world.a.users["coordinator"])
    url = staff_url(world, "guide_list")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
            assert client.get(url, {"unowned": "on"}).status_code == 200
        return len(queries.captured_queries)

    first = local_guide(world.a, world, title="Gids 0")
    Guide.objects.filter(pk=first.pk).update(owner=None)
    few = count()
    for number in range(1, 12):
        guide = local_guide(world.a, world, title=f"Gids {number}")
        if number % 2:
            Guide.objects.filter(pk=guide.pk).update(owner=None)
    assert count() == few


def test_the_coordinators_home_asks_to_hand_over_guides_without_an_owner(client: Client, world):
    home = reverse("portal:dashboard", kwargs={"digibank": world.a.digibank.slug})
    client.force_login(world.a.users["coordinator"])
    region_guide(world)
    local_guide(world.b, world)  # another digibank's, and owned
    orphans = [local_guide(world.a, world, title="Eén")]

    def count():
        Guide.objects.filter(pk__in=[guide.pk for guide in orphans]).update(owner=None)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(home).content.decode()
        return page, len(queries.captured_queries)

    page, few = count()
    assert "local guide has no owner" in page
    assert staff_url(world, "guide_list") + "?unowned=on" in page
    orphans += [local_guide(world.a, world, title=f"Gids {number}") for number in range(4)]
    page, many = count()
    assert "local guides have no owner" in page and few == many
    client.force_login(world.a.users["hub_volunteer"])  # a volunteer hands nothing over
    assert "no owner" not in client.get(home).content.decode()
