"""The public hub page reads each day as walk-in hours, hours by appointment, or closed, and
says how to book next to it (issue 12, point 0: no more "Thursday: Open closed, Walk-in")."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.organisations import hooks, services
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.helpers import english


def page_text(hub) -> str:
    html = english().get(reverse("organisations:public_hub_detail", args=[hub.pk])).content
    text = re.sub(r"<[^>]+>", " ", html.decode().replace("<wbr>", ""))
    return re.sub(r"\s+", " ", text).replace(" :", ":")


def weekly_row(text: str, day: str) -> str:
    usual = text[text.index("Usual hours every week") :]
    return usual[usual.index(day) : usual.index(day) + 80]


@pytest.fixture
def hub(world):
    services.set_weekly_hours(
        by=SYSTEM,
        hub=world.a.hub,
        hours=[
            (0, datetime.time(9), datetime.time(12), "open"),
            (3, datetime.time(13), datetime.time(16), "walk_in"),
            (4, datetime.time(20), datetime.time(1), "walk_in"),
        ],
    )
    return world.a.hub


def test_a_day_with_walk_in_hours_only_does_not_read_as_closed(hub):
    row = weekly_row(page_text(hub), "Thursday")
    assert row.startswith("Thursday Walk in (no appointment needed): 13:00–16:00 ")
    assert "closed" not in row.lower() and "By appointment" not in row


def test_a_day_by_appointment_says_so(hub):
    assert weekly_row(page_text(hub), "Monday").startswith("Monday By appointment: 09:00–12:00")


def test_hours_by_appointment_link_to_the_way_to_book_next_to_them(hub):
    type(hub).objects.filter(pk=hub.pk).update(closed_on_public_holidays=False)  # any day
    url = reverse("organisations:public_hub_detail", args=[hub.pk])
    html = english().get(url).content.decode().replace("<wbr>", "")
    link = '(<a href="#book">how to make an appointment</a>)'
    assert " ".join(html.split(link)[0].split())[-11:] == "09:00–12:00"  # right after the times
    assert html.count(link) >= 2  # the next 7 days and the usual hours
    assert 'id="book"' in html


def test_the_finder_links_todays_hours_by_appointment_to_the_way_to_book(world):
    today = timezone.localdate().weekday()
    hub = world.a.hub
    type(hub).objects.filter(pk=hub.pk).update(closed_on_public_holidays=False)  # any day
    services.set_weekly_hours(
        by=SYSTEM, hub=hub, hours=[(today, datetime.time(0, 30), datetime.time(23, 30), "open")]
    )
    url = reverse("organisations:public_hub_detail", args=[hub.pk])
    found = english().get(reverse("organisations:public_hub_list")).content.decode()
    assert f'<a href="{url}#book">how to make an appointment</a>' in found


def test_staff_pages_show_the_hours_without_the_residents_booking_link(hub, client, world):
    client.force_login(world.a.users["coordinator"])
    page = client.get(
        reverse("organisations:hub_detail", kwargs={"digibank": "mechelen", "hub_id": hub.pk})
    )
    assert page.status_code == 200
    body = page.content.decode()
    assert "09:00" in body and "how to make an appointment" not in body


def test_a_day_without_hours_reads_closed(hub):
    assert weekly_row(page_text(hub), "Tuesday").startswith("Tuesday Closed")


def test_a_slot_past_midnight_says_it_ends_the_next_day(hub):
    assert weekly_row(page_text(hub), "Friday").startswith(
        "Friday Walk in (no appointment needed): 20:00–01:00 (the next day)"
    )


def test_it_says_how_to_book_by_phone_and_email_without_a_dead_link(world, hub):
    services.update_hub(hub=hub, by=SYSTEM, phone="015 12 34 56", email="bib@mechelen.be")
    response = english().get(reverse("organisations:public_hub_detail", args=[hub.pk]))
    html = response.content.decode()
    assert "To make an appointment, call or email us:" in html
    assert 'href="tel:+3215123456"' in html and 'href="mailto:bib@mechelen.be"' in html
    assert "Book an appointment online" not in html


def test_a_booking_page_registered_by_another_app_is_linked(world, hub):
    hooks.register_booking_pages("test", lambda hubs: {h.pk: f"/book/{h.pk}/" for h in hubs})
    try:
        html = english().get(reverse("organisations:public_hub_detail", args=[hub.pk])).content
        finder = english().get(reverse("organisations:public_hub_list"), {"place": "2800"})
    finally:
        hooks.unregister_booking_pages("test")
    assert f'href="/book/{hub.pk}/"' in html.decode()
    assert finder.context["found"][0].booking_url == f"/book/{hub.pk}/"


def test_the_page_says_whether_the_hub_is_open_now(hub, monkeypatch):
    monday_ten = timezone.make_aware(datetime.datetime(2026, 6, 8, 10))
    monkeypatch.setattr(timezone, "now", lambda: monday_ten)
    monkeypatch.setattr(timezone, "localdate", lambda: monday_ten.date())
    assert "Open now until 12:00, by appointment." in page_text(hub)
