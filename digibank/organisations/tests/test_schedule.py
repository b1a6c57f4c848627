import datetime

import pytest
from django.utils import translation

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.organisations import services
from digibank.organisations.models import Hub, OpeningKind
from digibank.organisations.permissions import SYSTEM
from digibank.testing import act

OPEN = OpeningKind.OPEN
WALK_IN = OpeningKind.WALK_IN
EASTER_MONDAY_2026 = datetime.date(2026, 4, 6)
TUESDAY = datetime.date(2026, 4, 7)


def t(hour: int, minute: int = 0) -> datetime.time:
    return datetime.time(hour, minute)


@pytest.fixture
def hub(world) -> Hub:
    services.set_weekly_hours(
        by=SYSTEM,
        hub=world.a.hub,
        hours=[
            (0, t(9), t(12), OPEN),
            (0, t(13), t(17), OPEN),
            (0, t(13), t(15), WALK_IN),
            (1, t(9), t(12), OPEN),
        ],
    )
    return world.a.hub


def spans(day_opening) -> list[tuple[str, str, str]]:
    return [(f"{i.opens:%H:%M}", f"{i.closes:%H:%M}", i.kind) for i in day_opening.intervals]


def test_it_replaces_the_whole_week(hub):
    services.set_weekly_hours(by=SYSTEM, hub=hub, hours=[(2, t(10), t(11), OPEN)])
    assert [(h.weekday, h.opens) for h in hub.opening_hours.all()] == [(2, t(10))]


def test_it_records_the_new_week(hub, world):
    services.set_weekly_hours(hub=hub, by=act(world.users["coordinator"]), hours=[])
    entry = AuditEntry.objects.filter(object_type="organisations.hub").latest("id")
    assert entry.fields == ["opening_hours"] and entry.actor == world.users["coordinator"]
    assert not hub.opening_hours.exists()


def test_it_refuses_overlapping_times_of_the_same_kind_on_one_day(hub):
    with pytest.raises(services.WeeklyHoursError) as refused:
        services.set_weekly_hours(
            by=SYSTEM, hub=hub, hours=[(3, t(9), t(12), OPEN), (3, t(11), t(14), OPEN)]
        )
    assert refused.value.index == 1
    assert refused.value.field == "opens"
    assert hub.opening_hours.count() == 4  # the old week stays


def test_it_refuses_a_time_inside_a_longer_one(hub):
    with pytest.raises(services.WeeklyHoursError) as refused:
        services.set_weekly_hours(
            by=SYSTEM,
            hub=hub,
            hours=[(3, t(14), t(15), OPEN), (3, t(9), t(17), OPEN), (3, t(18), t(19), OPEN)],
        )
    assert refused.value.index == 0


def test_it_allows_walk_in_hours_during_opening_hours_and_times_that_touch(hub):
    services.set_weekly_hours(
        by=SYSTEM,
        hub=hub,
        hours=[(3, t(9), t(12), OPEN), (3, t(12), t(14), OPEN), (3, t(10), t(11), WALK_IN)],
    )
    assert hub.opening_hours.count() == 3


def test_it_allows_the_same_times_on_different_days(hub):
    services.set_weekly_hours(
        by=SYSTEM, hub=hub, hours=[(3, t(9), t(12), OPEN), (4, t(9), t(12), OPEN)]
    )
    assert hub.opening_hours.count() == 2


@pytest.mark.parametrize(("opens", "closes"), [(t(12), t(9)), (t(9), t(9))])
def test_it_refuses_closing_at_opening_or_before_it_in_the_daytime(hub, opens, closes):
    with pytest.raises(services.WeeklyHoursError) as refused:
        services.set_weekly_hours(by=SYSTEM, hub=hub, hours=[(3, opens, closes, OPEN)])
    assert refused.value.field == "closes"


@pytest.mark.parametrize(
    ("row", "field"),
    [((7, t(9), t(10), OPEN), "weekday"), ((1, t(9), t(10), "sometimes"), "kind")],
)
def test_it_refuses_an_unknown_day_or_kind(hub, row, field):
    with pytest.raises(services.WeeklyHoursError) as refused:
        services.set_weekly_hours(by=SYSTEM, hub=hub, hours=[row])
    assert refused.value.field == field


def test_a_day_can_have_several_times(hub):
    monday = datetime.date(2026, 3, 30)
    day = services.opening_on(hub, monday)
    assert spans(day) == [
        ("09:00", "12:00", OPEN),
        ("13:00", "17:00", OPEN),
        ("13:00", "15:00", WALK_IN),
    ]
    assert day.is_open and not day.from_exception
    assert [f"{i.opens:%H}" for i in day.walk_in_intervals] == ["13"]
    assert len(day.opening_intervals) == 2


def test_a_day_without_hours_is_closed_without_a_reason(hub):
    day = services.opening_on(hub, datetime.date(2026, 4, 1))  # a Wednesday
    assert not day.is_open and day.closed_reason == ""


def test_it_is_closed_on_a_public_holiday_with_its_name(hub):
    with translation.override("nl"):
        day = services.opening_on(hub, EASTER_MONDAY_2026)
    assert not day.is_open
    assert day.is_holiday
    assert day.closed_reason == "Paasmaandag"


def test_the_holiday_name_follows_the_language(hub):
    with translation.override("fr"):
        assert services.opening_on(hub, EASTER_MONDAY_2026).closed_reason == "Lundi de Pâques"
    with translation.override("en"):
        assert services.opening_on(hub, EASTER_MONDAY_2026).closed_reason == "Easter Monday"


def test_a_hub_can_stay_open_on_public_holidays(hub):
    services.update_hub(hub=hub, by=SYSTEM, closed_on_public_holidays=False)
    hub.refresh_from_db()
    day = services.opening_on(hub, EASTER_MONDAY_2026)
    assert day.is_open and not day.is_holiday


def test_an_exception_closes_a_day_that_is_usually_open(hub):
    services.add_opening_exception(by=SYSTEM, hub=hub, date=TUESDAY, reason="Team day")
    day = services.opening_on(hub, TUESDAY)
    assert not day.is_open
    assert day.closed_reason == "Team day"
    assert day.from_exception


def test_a_closed_day_without_a_reason_still_says_closed(hub):
    services.add_opening_exception(by=SYSTEM, hub=hub, date=TUESDAY)
    assert services.opening_on(hub, TUESDAY).closed_reason


def test_an_exception_opens_at_other_times_even_on_a_holiday(hub):
    services.add_opening_exception(
        by=SYSTEM,
        hub=hub,
        date=EASTER_MONDAY_2026,
        closed=False,
        opens=t(10),
        closes=t(12),
        reason="Tax help day",
    )
    day = services.opening_on(hub, EASTER_MONDAY_2026)
    assert spans(day) == [("10:00", "12:00", OPEN)]
    assert day.from_exception and not day.is_holiday
    assert day.note == "Tax help day"


def test_the_week_schedule_covers_seven_days_from_the_start(hub):
    services.add_opening_exception(by=SYSTEM, hub=hub, date=TUESDAY, reason="Team day")
    week = services.week_schedule(hub, datetime.date(2026, 4, 4))  # Saturday before Easter Monday
    assert [d.day for d in week] == [
        datetime.date(2026, 4, 4) + datetime.timedelta(days=n) for n in range(7)
    ]
    assert [d.is_open for d in week] == [False, False, False, False, False, False, False]
    assert week[2].is_holiday and week[3].closed_reason == "Team day"


def test_the_week_schedule_reads_the_database_twice_at_most(hub, django_assert_num_queries):
    for n in range(5):
        services.add_opening_exception(
            by=SYSTEM, hub=hub, date=TUESDAY + datetime.timedelta(days=n)
        )
    hub = Hub.objects.get(pk=hub.pk)
    with django_assert_num_queries(2):
        services.week_schedule(hub, TUESDAY)


def test_it_refuses_a_second_exception_on_the_same_day(hub):
    services.add_opening_exception(by=SYSTEM, hub=hub, date=TUESDAY)
    with pytest.raises(DomainError) as refused:
        services.add_opening_exception(by=SYSTEM, hub=hub, date=TUESDAY)
    assert refused.value.field == "date"


def test_it_refuses_other_hours_without_times(hub):
    with pytest.raises(DomainError) as no_opening:
        services.add_opening_exception(by=SYSTEM, hub=hub, date=TUESDAY, closed=False, closes=t(12))
    with pytest.raises(DomainError) as no_closing:
        services.add_opening_exception(by=SYSTEM, hub=hub, date=TUESDAY, closed=False, opens=t(12))
    assert no_opening.value.field == "opens"
    assert no_closing.value.field == "closes"


def test_it_refuses_other_hours_that_close_before_they_open(hub):
    with pytest.raises(DomainError) as refused:
        services.add_opening_exception(
            by=SYSTEM, hub=hub, date=TUESDAY, closed=False, opens=t(12), closes=t(10)
        )
    assert refused.value.field == "closes"


def test_it_forgets_times_on_a_closed_day(hub):
    exception = services.add_opening_exception(
        by=SYSTEM, hub=hub, date=TUESDAY, closed=True, opens=t(9), closes=t(10)
    )
    assert exception.opens is None and exception.closes is None


def test_it_refuses_a_reason_that_is_too_long(hub):
    with pytest.raises(DomainError) as refused:
        services.add_opening_exception(by=SYSTEM, hub=hub, date=TUESDAY, reason="x" * 121)
    assert refused.value.field == "reason"


def test_removing_an_exception_brings_back_the_usual_hours(hub, world):
    exception = services.add_opening_exception(by=SYSTEM, hub=hub, date=TUESDAY)
    services.remove_opening_exception(exception=exception, by=act(world.users["coordinator"]))
    assert services.opening_on(hub, TUESDAY).is_open
    entry = AuditEntry.objects.filter(object_type="organisations.openingexception").latest("id")
    assert entry.action == "delete"
