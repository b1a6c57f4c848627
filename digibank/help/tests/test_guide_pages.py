"""The guide pages: writing one keeps what was typed when something is missing, each save shows
in the history, an old version can be opened, the hand-out prints on its own, the stale flag
shows in the list, on the page and on the coordinator's home."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digibank.help import services
from digibank.help.models import Guide
from digibank.help.tests.guide_helpers import (
    checked_long_ago,
    fields,
    local_guide,
    region_guide,
    region_topic,
)
from digibank.testing import act

pytestmark = pytest.mark.django_db


def staff_url(world, name, **kwargs):
    return reverse(f"help:{name}", kwargs={"digibank": world.a.digibank.slug, **kwargs})


def form(world, **given):
    values = {
        "topic": region_topic(world).pk,
        "title": "itsme op een nieuwe telefoon",
        "body": "1. Vraag naar de oude telefoon.\n2. Open itsme.",
        "handout": "U zet itsme over naar uw nieuwe telefoon.",
        "language": "nl",
    }
    values.update(given)
    return values


def test_a_coordinator_writes_a_local_guide(client: Client, world):
    client.force_login(world.a.users["coordinator"])
    response = client.post(staff_url(world, "guide_add"), form(world))
    guide = Guide.objects.get()
    assert response.status_code == 302
    assert response["Location"] == staff_url(world, "guide_detail", guide_id=guide.pk)
    assert guide.digibank == world.a.digibank and guide.owner == world.a.users["coordinator"]


def test_bad_input_keeps_what_was_typed_and_lists_the_problems(client: Client, world):
    client.force_login(world.a.users["coordinator"])
    response = client.post(staff_url(world, "guide_add"), form(world, body="", handout="  "))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page and 'class="error-summary"' in page
    assert 'href="#id_body"' in page and 'href="#id_handout"' in page
    assert 'value="itsme op een nieuwe telefoon"' in page
    assert not Guide.objects.exists()


def test_a_change_without_a_note_is_refused_and_keeps_the_new_text(client: Client, world):
    guide = local_guide(world.a, world)
    client.force_login(world.a.users["coordinator"])
    url = staff_url(world, "guide_edit", guide_id=guide.pk)
    response = client.post(url, form(world, title="itsme: nieuwe schermen", note=""))
    page = response.content.decode()
    assert 'href="#id_note"' in page and 'value="itsme: nieuwe schermen"' in page
    guide.refresh_from_db()
    assert guide.version == 1


def test_saving_a_change_shows_in_the_history_and_the_old_version_can_be_read(
    client: Client, world
):
    guide = local_guide(world.a, world)
    client.force_login(world.a.users["coordinator"])
    changed = form(world, body="1. Open itsme.\n2. Kies Nieuwe telefoon.", note="Nieuwe schermen")
    client.post(staff_url(world, "guide_edit", guide_id=guide.pk), changed)
    client.force_login(world.a.users["referrer"])
    detail = client.get(staff_url(world, "guide_detail", guide_id=guide.pk)).content.decode()
    assert "Nieuwe schermen" in detail and "<li>Kies Nieuwe telefoon.</li>" in detail
    old_url = staff_url(world, "guide_version", guide_id=guide.pk, number=1)
    assert old_url in detail
    old = client.get(old_url).content.decode()
    assert "<li>Vraag of de oude telefoon er nog is.</li>" in old and "version 2" in old


def test_a_guide_that_does_not_have_the_version_is_a_404(client: Client, world):
    guide = local_guide(world.a, world)
    client.force_login(world.a.users["hub_volunteer"])
    assert (
        client.get(staff_url(world, "guide_version", guide_id=guide.pk, number=2)).status_code
        == 404
    )


def test_the_hand_out_is_its_own_printable_page_in_plain_words(client: Client, world):
    guide = region_guide(world, handout="Stap 1: open de app.\n\nStap 2: kies uw telefoon.")
    client.force_login(world.a.users["trainer"])
    page = client.get(staff_url(world, "guide_handout", guide_id=guide.pk)).content.decode()
    assert 'class="handout-page"' in page and "help/handout" in page
    assert "<p>Stap 1: open de app.</p>" in page and "1. Vraag" not in page


def test_a_stale_guide_is_flagged_in_the_list_and_on_its_page(client: Client, world):
    guide = checked_long_ago(local_guide(world.a, world))
    client.force_login(world.a.users["hub_volunteer"])
    listed = client.get(staff_url(world, "guide_list")).content.decode()
    page = client.get(staff_url(world, "guide_detail", guide_id=guide.pk)).content.decode()
    assert "not checked for a long time" in listed
    assert "may be out of date" in page


def test_a_volunteer_marks_a_local_guide_checked_from_its_page(client: Client, world):
    guide = checked_long_ago(local_guide(world.a, world))
    client.force_login(world.a.users["hub_volunteer"])
    page = client.get(staff_url(world, "guide_detail", guide_id=guide.pk)).content.decode()
    check = staff_url(world, "guide_check", guide_id=guide.pk)
    assert check in page
    assert client.post(check).status_code == 302
    guide.refresh_from_db()
    assert not guide.is_stale


def test_the_region_guide_page_offers_no_check_or_change_to_digibank_staff(client: Client, world):
    guide = region_guide(world)
    client.force_login(world.a.users["coordinator"])
    page = client.get(staff_url(world, "guide_detail", guide_id=guide.pk)).content.decode()
    assert staff_url(world, "guide_check", guide_id=guide.pk) not in page
    assert staff_url(world, "guide_edit", guide_id=guide.pk) not in page
    assert client.get(staff_url(world, "guide_edit", guide_id=guide.pk)).status_code == 404
    assert client.post(staff_url(world, "guide_check", guide_id=guide.pk)).status_code == 404


def test_the_region_admin_writes_a_guide_every_digibank_of_the_region_reads(client: Client, world):
    client.force_login(world.region_users["region_admin"])
    url = reverse("help:region_guide_add", kwargs={"region": world.region.slug})
    assert client.post(url, form(world, title="eBox activeren")).status_code == 302
    guide = Guide.objects.get(title="eBox activeren")
    assert guide.digibank is None
    for bank in (world.a, world.b):
        client.force_login(bank.users["hub_volunteer"])
        listed = client.get(
            reverse("help:guide_list", kwargs={"digibank": bank.digibank.slug})
        ).content.decode()
        assert "eBox activeren" in listed


def test_the_guide_page_costs_the_same_queries_with_more_versions(client: Client, world):
    guide = local_guide(world.a, world)
    by = act(world.a.users["coordinator"], world.a.digibank)
    client.force_login(world.a.users["hub_volunteer"])
    url = staff_url(world, "guide_detail", guide_id=guide.pk)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries.captured_queries)

    few = count()
    for number in range(8):
        services.change_guide(
            guide=guide, fields=fields(guide.topic, title=f"Versie {number}", note="x"), by=by
        )
    assert count() == few


def test_the_coordinators_home_asks_to_check_stale_local_guides(client: Client, world):
    home = reverse("portal:dashboard", kwargs={"digibank": world.a.digibank.slug})
    client.force_login(world.a.users["coordinator"])
    checked_long_ago(local_guide(world.a, world, title="Eén"))
    checked_long_ago(region_guide(world))  # the region keeps its own guides
    checked_long_ago(local_guide(world.b, world))  # another digibank's

    def count():
        with CaptureQueriesContext(connection) as queries:
            page = client.get(home).content.decode()
        return page, len(queries.captured_queries)

    page, few = count()
    assert "local guide not checked for a long time" in page
    assert staff_url(world, "guide_list") + "?stale=on" in page
    for number in range(5):
        checked_long_ago(local_guide(world.a, world, title=f"Gids {number}"))
    page, many = count()
    assert "local guides not checked for a long time" in page and few == many


def test_a_volunteers_home_has_no_stale_guides_line(client: Client, world):
    checked_long_ago(local_guide(world.a, world))
    client.force_login(world.a.users["hub_volunteer"])
    home = reverse("portal:dashboard", kwargs={"digibank": world.a.digibank.slug})
    assert "not checked for a long time" not in client.get(home).content.decode()
