"""A hub's opening hours: the weekly hours form, and the closed days and other hours of one day."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.organisations import services
from digibank.organisations.models import OpeningException
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.helpers import (
    EMOJI,
    RIGHT_TO_LEFT,
    SCRIPT,
    TOO_LONG,
    assert_error_next_to,
    hub_fields,
    logged_in,
)


def url(name, bank, **kwargs):
    return reverse(f"organisations:{name}", kwargs={"digibank": bank.digibank.slug, **kwargs})


@pytest.fixture
def coordinator(world):
    return logged_in(world.users["coordinator"])


# Weekly hours -------------------------------------------------------------------------------------


def hours_post(rows, total=10, initial=0):
    data = {
        "form-TOTAL_FORMS": str(total),
        "form-INITIAL_FORMS": str(initial),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index in range(total):
        weekday, opens, closes, kind = rows[index] if index < len(rows) else ("", "", "", "open")
        data.update(
            {
                f"form-{index}-weekday": weekday,
                f"form-{index}-opens": opens,
                f"form-{index}-closes": closes,
                f"form-{index}-kind": kind,
            }
        )
    return data


def test_the_hours_form_has_ten_rows_with_the_current_hours_first(world, coordinator):
    response = coordinator.get(url("hub_hours", world.a, hub_id=world.a.hub.pk))
    content = response.content.decode()
    assert 'name="form-TOTAL_FORMS" value="10"' in content
    assert 'name="form-0-opens" value="09:00"' in content
    assert 'for="id_form-9-weekday"' in content


def test_it_saves_the_week_and_ignores_empty_rows(world, coordinator):
    response = coordinator.post(
        url("hub_hours", world.a, hub_id=world.a.hub.pk),
        hours_post(
            [
                ("0", "09:00", "12:00", "open"),
                ("", "", "", "open"),
                ("2", "13:30", "16:00", "walk_in"),
            ]
        ),
    )
    assert response.status_code == 302
    assert [(h.weekday, h.kind) for h in world.a.hub.opening_hours.all()] == [
        (0, "open"),
        (2, "walk_in"),
    ]


def test_emptying_every_row_removes_all_hours(world, coordinator):
    response = coordinator.post(
        url("hub_hours", world.a, hub_id=world.a.hub.pk), hours_post([], initial=1)
    )
    assert response.status_code == 302
    assert not world.a.hub.opening_hours.exists()


def test_it_puts_an_overlap_next_to_the_row_that_overlaps(world, coordinator):
    response = coordinator.post(
        url("hub_hours", world.a, hub_id=world.a.hub.pk),
        hours_post(
            [
                ("0", "09:00", "12:00", "open"),
                ("", "", "", "open"),
                ("0", "11:00", "13:00", "open"),
            ]
        ),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_form-2-opens_error"' in content
    assert 'value="11:00"' in content
    assert "Time 3" in content
    assert world.a.hub.opening_hours.count() == 1  # unchanged


@pytest.mark.parametrize(
    ("row", "field"),
    [
        (("0", "", "12:00", "open"), "opens"),
        (("", "09:00", "12:00", "open"), "weekday"),
        (("0", "12:00", "09:00", "open"), "closes"),
        (("0", SCRIPT, "12:00", "open"), "opens"),
        (("0", "09:00", TOO_LONG, "open"), "closes"),
        (("9", "09:00", "12:00", "open"), "weekday"),
        (("0", "09:00", "12:00", EMOJI), "kind"),
    ],
)
def test_it_refuses_an_incomplete_or_wrong_row(world, coordinator, row, field):
    response = coordinator.post(url("hub_hours", world.a, hub_id=world.a.hub.pk), hours_post([row]))
    assert response.status_code == 200
    assert f'id="id_form-0-{field}_error"' in response.content.decode()
    assert "<title>Error: " in response.content.decode()


def test_a_broken_hours_form_is_refused_without_an_error_page(world, coordinator):
    response = coordinator.post(url("hub_hours", world.a, hub_id=world.a.hub.pk), {"x": "y"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()


# Exceptions ---------------------------------------------------------------------------------------


def test_it_adds_a_closed_day(world, coordinator):
    day = timezone.localdate() + datetime.timedelta(days=3)
    response = coordinator.post(
        url("hub_exceptions", world.a, hub_id=world.a.hub.pk),
        {"date": day.isoformat(), "status": "closed", "reason": "Verhuis"},
    )
    assert response.status_code == 302
    exception = OpeningException.objects.get(hub=world.a.hub)
    assert exception.closed and exception.reason == "Verhuis"
    page = coordinator.get(response.url).content.decode()
    assert "Verhuis" in page


def test_it_adds_other_hours_for_one_day(world, coordinator):
    day = timezone.localdate() + datetime.timedelta(days=3)
    coordinator.post(
        url("hub_exceptions", world.a, hub_id=world.a.hub.pk),
        {"date": day.isoformat(), "status": "open", "opens": "10:00", "closes": "12:00"},
    )
    exception = OpeningException.objects.get(hub=world.a.hub)
    assert not exception.closed and exception.opens == datetime.time(10)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"date": "", "status": "closed"}, "date"),
        ({"date": SCRIPT, "status": "closed"}, "date"),
        ({"date": "2020-01-01", "status": "closed"}, "date"),
        ({"date": "2999-01-01", "status": "open"}, "opens"),
        (
            {"date": "2999-01-01", "status": "open", "opens": "10:00", "closes": "09:00"},
            "closes",
        ),
        ({"date": "2999-01-01", "status": "closed", "reason": TOO_LONG}, "reason"),
        ({"date": "2999-01-01", "status": EMOJI}, "status"),
    ],
)
def test_it_refuses_a_bad_exception_next_to_the_field(world, coordinator, data, field):
    response = coordinator.post(url("hub_exceptions", world.a, hub_id=world.a.hub.pk), data)
    assert_error_next_to(response, field)
    assert not OpeningException.objects.exists()


def test_it_refuses_a_second_change_on_the_same_day(world, coordinator):
    services.add_opening_exception(by=SYSTEM, hub=world.a.hub, date=datetime.date(2999, 1, 1))
    response = coordinator.post(
        url("hub_exceptions", world.a, hub_id=world.a.hub.pk),
        {"date": "2999-01-01", "status": "closed", "reason": RIGHT_TO_LEFT},
    )
    assert_error_next_to(response, "date", RIGHT_TO_LEFT)


def test_it_removes_an_exception(world, coordinator):
    exception = services.add_opening_exception(
        by=SYSTEM, hub=world.a.hub, date=datetime.date(2999, 1, 1)
    )
    response = coordinator.post(
        url("hub_exception_remove", world.a, hub_id=world.a.hub.pk, exception_id=exception.pk)
    )
    assert response.status_code == 302
    assert not OpeningException.objects.exists()


def test_it_does_not_remove_an_exception_of_another_hub_through_this_hub(world, coordinator):
    other_hub = services.create_hub(by=SYSTEM, digibank=world.a.digibank, **hub_fields(world.a))
    exception = services.add_opening_exception(
        by=SYSTEM, hub=other_hub, date=datetime.date(2999, 1, 1)
    )
    response = coordinator.post(
        url("hub_exception_remove", world.a, hub_id=world.a.hub.pk, exception_id=exception.pk)
    )
    assert response.status_code == 404
    assert OpeningException.objects.filter(pk=exception.pk).exists()


def test_removing_needs_a_post(world, coordinator):
    exception = services.add_opening_exception(
        by=SYSTEM, hub=world.a.hub, date=datetime.date(2999, 1, 1)
    )
    response = coordinator.get(
        url("hub_exception_remove", world.a, hub_id=world.a.hub.pk, exception_id=exception.pk)
    )
    assert response.status_code == 405
