"""What a resident reads about a hub right now: open until when, or when it opens next;
slots past midnight, exceptions and public holidays included."""

import datetime

import pytest
from django.utils import translation

from digibank.organisations import services
from digibank.organisations.models import Hub, OpeningKind
from digibank.organisations.opening_status import status_at
from digibank.organisations.permissions import SYSTEM

OPEN = OpeningKind.OPEN
WALK_IN = OpeningKind.WALK_IN
MONDAY = datetime.date(2026, 6, 8)  # a week without public holidays
TUESDAY = MONDAY + datetime.timedelta(days=1)
EASTER_MONDAY_2026 = datetime.date(2026, 4, 6)


def t(hour: int, minute: int = 0) -> datetime.time:
    return datetime.time(hour, minute)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, t(hour, minute))


def week(hub: Hub, *hours) -> Hub:
    services.set_weekly_hours(by=SYSTEM, hub=hub, hours=list(hours))
    return Hub.objects.get(pk=hub.pk)


def text(hub: Hub, moment: datetime.datetime) -> str:
    with translation.override("en"):
        return status_at(hub, moment).text


@pytest.fixture
def hub(world) -> Hub:
    """Monday 9-12 and 13-17 by appointment, walk-in 13-15; Tuesday 9-12 by appointment."""
    return week(
        world.a.hub,
        (0, t(9), t(12), OPEN),
        (0, t(13), t(17), OPEN),
        (0, t(13), t(15), WALK_IN),
        (1, t(9), t(12), OPEN),
    )


def test_it_is_open_now_until_the_end_of_the_slot(hub):
    assert text(hub, at(MONDAY, 16)) == "Open now until 17:00, by appointment."


def test_touching_slots_read_as_one_open_time(world):
    hub = week(world.a.hub, (0, t(9), t(12), OPEN), (0, t(12), t(17), OPEN))
    assert text(hub, at(MONDAY, 10)) == "Open now until 17:00, by appointment."


def test_walk_in_hours_inside_opening_hours_say_until_when_one_walks_in(hub):
    assert text(hub, at(MONDAY, 14)) == (
        "Open now until 17:00. Walk in without appointment until 15:00."
    )


def test_a_walk_in_slot_alone_needs_no_appointment(world):
    hub = week(world.a.hub, (3, t(13), t(16), WALK_IN))
    thursday = MONDAY + datetime.timedelta(days=3)
    assert text(hub, at(thursday, 13, 30)) == (
        "Open now until 16:00. Walk in, no appointment needed."
    )


def test_it_says_when_walk_in_starts_later_today(hub):
    status = status_at(hub, at(MONDAY, 12, 30))
    assert not status.is_open
    assert text(hub, at(MONDAY, 12, 30)) == (
        "Closed now. Opens today at 13:00, walk in without appointment."
    )


def test_open_by_appointment_before_walk_in_says_when_walk_in_starts(world):
    hub = week(world.a.hub, (0, t(9), t(17), OPEN), (0, t(13), t(15), WALK_IN))
    assert text(hub, at(MONDAY, 10)) == (
        "Open now until 17:00, by appointment. Walk in from 13:00."
    )


def test_after_closing_it_opens_tomorrow(hub):
    assert text(hub, at(MONDAY, 18)) == "Closed now. Opens tomorrow at 9:00, by appointment."


def test_later_in_the_week_it_names_the_day(hub):
    assert text(hub, at(TUESDAY, 13)) == "Closed now. Opens on Monday at 9:00, by appointment."


def test_a_hub_without_hours_says_so(world):
    hub = week(world.a.hub)
    assert text(hub, at(MONDAY, 10)) == "Closed now. No opening hours in the next two weeks."


def test_a_public_holiday_closes_the_day_and_the_next_opening_follows_it(hub):
    # Easter Monday 2026 is a holiday: Monday's hours do not apply, Tuesday's do.
    assert text(hub, at(EASTER_MONDAY_2026, 10)) == (
        "Closed now. Opens tomorrow at 9:00, by appointment."
    )


def test_an_exception_closes_now_and_the_status_skips_that_day(hub):
    services.add_opening_exception(by=SYSTEM, hub=hub, date=TUESDAY, reason="Team day")
    hub = Hub.objects.get(pk=hub.pk)
    assert text(hub, at(MONDAY, 18)) == (
        "Closed now. Opens on Monday 15 June at 9:00, by appointment."
    )


def test_an_exception_opens_at_other_times(hub):
    wednesday = TUESDAY + datetime.timedelta(days=1)
    services.add_opening_exception(
        by=SYSTEM, hub=hub, date=wednesday, closed=False, opens=t(10), closes=t(12)
    )
    hub = Hub.objects.get(pk=hub.pk)
    assert text(hub, at(wednesday, 11)) == "Open now until 12:00, by appointment."
    assert text(hub, at(TUESDAY, 13)) == "Closed now. Opens tomorrow at 10:00, by appointment."


def test_a_slot_past_midnight_is_still_open_the_next_night(world):
    hub = week(world.a.hub, (4, t(20), t(1), WALK_IN))  # Friday 20:00 to Saturday 01:00
    friday = MONDAY + datetime.timedelta(days=4)
    saturday = friday + datetime.timedelta(days=1)
    assert text(hub, at(friday, 23)) == "Open now until 1:00. Walk in, no appointment needed."
    assert text(hub, at(saturday, 0, 30)) == "Open now until 1:00. Walk in, no appointment needed."
    assert not status_at(hub, at(saturday, 1)).is_open
    assert services.opening_on(hub, friday).intervals[0].past_midnight


def test_a_slot_past_midnight_runs_on_into_a_public_holiday(world):
    # Sunday 5 April 2026 22:00 to 02:00 on Easter Monday: it started before the holiday.
    hub = week(world.a.hub, (6, t(22), t(2), OPEN))
    assert status_at(hub, at(EASTER_MONDAY_2026, 1)).is_open


def test_a_slot_till_midnight_closes_at_midnight(world):
    hub = week(world.a.hub, (0, t(18), t(0), OPEN))
    assert text(hub, at(MONDAY, 23, 59)) == "Open now until 0:00, by appointment."
    assert not status_at(hub, at(TUESDAY, 0)).is_open


def test_it_refuses_a_slot_past_midnight_that_overlaps_the_next_day(world):
    with pytest.raises(services.WeeklyHoursError) as refused:
        services.set_weekly_hours(
            by=SYSTEM, hub=world.a.hub, hours=[(0, t(22), t(2), OPEN), (1, t(1), t(3), OPEN)]
        )
    assert refused.value.field == "opens"


def test_sunday_night_may_not_overlap_monday_morning(world):
    with pytest.raises(services.WeeklyHoursError):
        services.set_weekly_hours(
            by=SYSTEM, hub=world.a.hub, hours=[(0, t(1), t(3), OPEN), (6, t(22), t(2), OPEN)]
        )


def test_a_slot_past_midnight_may_close_at_six_at_the_latest(world):
    services.set_weekly_hours(by=SYSTEM, hub=world.a.hub, hours=[(5, t(22), t(6), OPEN)])
    with pytest.raises(services.WeeklyHoursError) as refused:
        services.set_weekly_hours(by=SYSTEM, hub=world.a.hub, hours=[(5, t(22), t(7), OPEN)])
    assert refused.value.field == "closes"


def test_the_status_follows_the_language(hub):
    with translation.override("nl"):
        dutch = status_at(hub, at(MONDAY, 18)).text
    assert "9:00" in dutch and dutch != text(hub, at(MONDAY, 18))


def test_the_status_reads_the_database_twice_at_most(hub, django_assert_num_queries):
    hub = Hub.objects.get(pk=hub.pk)
    with django_assert_num_queries(2):
        status_at(hub, at(MONDAY, 10))


def test_walk_in_and_appointments_from_the_same_time_say_walk_in(world):
    hub = week(world.a.hub, (1, t(9), t(12), OPEN), (1, t(9), t(11), WALK_IN))
    assert text(hub, at(MONDAY, 18)) == (
        "Closed now. Opens tomorrow at 9:00, walk in without appointment."
    )
