"""An exception day's other hours have a kind, as weekly hours do: walk in, or by appointment.
The day, the status now ("open now until 12:00"), the public hub page, the finder, the staff
pages and the API read it; an exception made without a kind, or before kinds existed, reads
"by appointment" as it always did."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from digibank.core.errors import DomainError
from digibank.organisations import services
from digibank.organisations.models import Hub, OpeningException, OpeningKind
from digibank.organisations.opening_status import status_at
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.helpers import logged_in

OPEN = OpeningKind.OPEN
WALK_IN = OpeningKind.WALK_IN
MONDAY = datetime.date(2026, 6, 8)  # a week without public holidays
TUESDAY = MONDAY + datetime.timedelta(days=1)
WEDNESDAY = MONDAY + datetime.timedelta(days=2)
FRIDAY = MONDAY + datetime.timedelta(days=4)
SATURDAY = MONDAY + datetime.timedelta(days=5)
EASTER_MONDAY_2026 = datetime.date(2026, 4, 6)


def t(hour: int, minute: int = 0) -> datetime.time:
    return datetime.time(hour, minute)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, t(hour, minute))


def text(hub: Hub, moment: datetime.datetime) -> str:
    with translation.override("en"):
        return status_at(Hub.objects.get(pk=hub.pk), moment).text


def other_hours(hub: Hub, day: datetime.date, opens, closes, **kind) -> OpeningException:
    return services.add_opening_exception(
        by=SYSTEM, hub=hub, date=day, closed=False, opens=opens, closes=closes, **kind
    )


@pytest.fixture
def hub(world) -> Hub:
    """Monday to Friday 9-12 by appointment."""
    services.set_weekly_hours(
        by=SYSTEM, hub=world.a.hub, hours=[(day, t(9), t(12), OPEN) for day in range(5)]
    )
    return world.a.hub


def test_a_walk_in_exception_day_reads_as_walk_in(hub):
    other_hours(hub, WEDNESDAY, t(13), t(16), kind=WALK_IN)
    day = services.opening_on(hub, WEDNESDAY)
    assert [(i.opens, i.closes) for i in day.walk_in_intervals] == [(t(13), t(16))]
    assert day.appointment_intervals == ()
    assert text(hub, at(WEDNESDAY, 14)) == "Open now until 16:00. Walk in, no appointment needed."
    assert text(hub, at(WEDNESDAY, 12, 30)) == (
        "Closed now. Opens today at 13:00, walk in without appointment."
    )
    assert text(hub, at(TUESDAY, 18)) == (
        "Closed now. Opens tomorrow at 13:00, walk in without appointment."
    )


def test_a_by_appointment_exception_day_reads_as_by_appointment(hub):
    other_hours(hub, WEDNESDAY, t(13), t(16), kind=OPEN)
    day = services.opening_on(hub, WEDNESDAY)
    assert day.walk_in_intervals == ()
    assert text(hub, at(WEDNESDAY, 14)) == "Open now until 16:00, by appointment."


def test_an_exception_without_a_kind_keeps_the_old_meaning_by_appointment(hub):
    exception = other_hours(hub, WEDNESDAY, t(13), t(16))
    assert exception.kind == OPEN
    assert text(hub, at(WEDNESDAY, 14)) == "Open now until 16:00, by appointment."


def test_a_row_written_without_the_kind_column_reads_by_appointment(hub):
    # What a process of the code before the migration writes while the new code rolls out.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO organisations_openingexception (hub_id, date, closed, opens, closes, "
            "reason) VALUES (%s, %s, %s, %s, %s, %s)",
            [
                hub.pk,
                connection.ops.adapt_datefield_value(WEDNESDAY),
                False,
                connection.ops.adapt_timefield_value(t(13)),
                connection.ops.adapt_timefield_value(t(16)),
                "",
            ],
        )
    assert OpeningException.objects.get(hub=hub).kind == OPEN
    assert services.opening_on(hub, WEDNESDAY).appointment_intervals


def test_a_walk_in_exception_opens_a_public_holiday(hub):
    other_hours(hub, EASTER_MONDAY_2026, t(10), t(12), kind=WALK_IN, reason="Tax help day")
    day = services.opening_on(hub, EASTER_MONDAY_2026)
    assert not day.is_holiday and day.from_exception and day.note == "Tax help day"
    assert [(i.opens, i.closes) for i in day.walk_in_intervals] == [(t(10), t(12))]
    assert text(hub, at(EASTER_MONDAY_2026, 11)) == (
        "Open now until 12:00. Walk in, no appointment needed."
    )


def test_a_closed_exception_on_the_day_before_a_holiday_skips_both(hub):
    services.add_opening_exception(
        by=SYSTEM, hub=hub, date=EASTER_MONDAY_2026 - datetime.timedelta(days=3)
    )
    # Friday 3 April closed, the weekend, Easter Monday a holiday: Tuesday 9:00 is next.
    assert text(hub, at(datetime.date(2026, 4, 2), 18)) == (
        "Closed now. Opens on Tuesday at 9:00, by appointment."
    )


def test_last_nights_walk_in_runs_on_into_a_by_appointment_exception_day(world):
    # Friday 20:00 to Saturday 01:00 walk-in; Saturday has other hours, 10-12 by appointment.
    services.set_weekly_hours(by=SYSTEM, hub=world.a.hub, hours=[(4, t(20), t(1), WALK_IN)])
    hub = world.a.hub
    other_hours(hub, SATURDAY, t(10), t(12), kind=OPEN)
    assert text(hub, at(SATURDAY, 0, 30)) == "Open now until 1:00. Walk in, no appointment needed."
    assert text(hub, at(SATURDAY, 2)) == "Closed now. Opens today at 10:00, by appointment."
    assert text(hub, at(SATURDAY, 11)) == "Open now until 12:00, by appointment."


def test_a_walk_in_exception_replaces_a_night_that_ran_past_midnight(world):
    # Friday usually 20:00 to 01:00 by appointment; this Friday walk-in 18-20 only.
    services.set_weekly_hours(by=SYSTEM, hub=world.a.hub, hours=[(4, t(20), t(1), OPEN)])
    hub = world.a.hub
    other_hours(hub, FRIDAY, t(18), t(20), kind=WALK_IN)
    assert text(hub, at(FRIDAY, 19)) == "Open now until 20:00. Walk in, no appointment needed."
    assert not status_at(Hub.objects.get(pk=hub.pk), at(FRIDAY, 21)).is_open
    assert not status_at(Hub.objects.get(pk=hub.pk), at(SATURDAY, 0, 30)).is_open


def test_it_refuses_a_kind_it_does_not_know(hub):
    with pytest.raises(DomainError) as refused:
        other_hours(hub, WEDNESDAY, t(13), t(16), kind="party")
    assert refused.value.field == "kind"
    assert not OpeningException.objects.exists()


def test_a_closed_day_keeps_the_default_kind(hub):
    exception = services.add_opening_exception(by=SYSTEM, hub=hub, date=WEDNESDAY, kind=WALK_IN)
    assert exception.closed and exception.kind == OPEN


# The pages: the coordinator chooses the kind, residents read it.


def english() -> Client:
    return Client(headers={"accept-language": "en"})


def test_the_coordinator_adds_walk_in_hours_for_one_day_and_sees_them_listed(world):
    coordinator = logged_in(world.users["coordinator"])
    address = reverse(
        "organisations:hub_exceptions",
        kwargs={"digibank": world.a.digibank.slug, "hub_id": world.a.hub.pk},
    )
    day = timezone.localdate() + datetime.timedelta(days=3)
    response = coordinator.post(
        address,
        {"date": day.isoformat(), "status": "walk_in", "opens": "10:00", "closes": "12:00"},
    )
    assert response.status_code == 302
    exception = OpeningException.objects.get(hub=world.a.hub)
    assert not exception.closed and exception.kind == WALK_IN
    with translation.override("en"):
        page = coordinator.get(address, headers={"accept-language": "en"}).content.decode()
    assert "Walk in: 10:00–12:00" in page


def test_the_form_offers_closed_walk_in_and_by_appointment(world):
    coordinator = logged_in(world.users["coordinator"])
    address = reverse(
        "organisations:hub_exceptions",
        kwargs={"digibank": world.a.digibank.slug, "hub_id": world.a.hub.pk},
    )
    page = coordinator.get(address).content.decode()
    for value in ("closed", "walk_in", "open"):
        assert f'name="status" value="{value}"' in page


def test_the_public_hub_page_and_finder_say_walk_in_on_that_day(world):
    today = timezone.localdate()
    services.set_weekly_hours(by=SYSTEM, hub=world.a.hub, hours=[])
    other_hours(world.a.hub, today, t(0), t(23, 59), kind=WALK_IN)
    hub_page = reverse("organisations:public_hub_detail", args=[world.a.hub.pk])
    content = english().get(hub_page).content.decode()
    assert "Walk in, no appointment needed." in content  # the status now
    assert "(no appointment needed)" in content  # today's row of the week
    finder = english().get(reverse("organisations:public_hub_list"), {"place": "2800"})
    result = finder.content.decode()
    assert "Walk in" in result and "By appointment" not in result


def test_the_public_api_gives_the_kind_of_other_hours(world):
    day = timezone.localdate() + datetime.timedelta(days=2)
    other_hours(world.a.hub, day, t(10), t(12), kind=WALK_IN)
    body = Client().get(reverse("api:public_hub_detail", kwargs={"hub_id": world.a.hub.pk})).json()
    assert [(e["date"], e["kind"]) for e in body["upcoming_exceptions"]] == [
        (day.isoformat(), "walk_in")
    ]
