"""When is a hub open? Weekly hours, overridden by exceptions, closed on public holidays.

Pure read helpers: `opening_on` for one day, `week_schedule` for seven days in a row, `status_at`
for "open now until 17:00" or "opens tomorrow at 9:00". They use the hub's prefetched
`opening_hours` and `opening_exceptions` when a view prefetched them (`EXCEPTIONS_BEFORE` days
back and `STATUS_DAYS` ahead cover every read here), so a list of hubs costs no query per hub.

An exception day is closed, or open at other times of one kind, walk in or by appointment, as a
weekly slot is; it replaces the whole day, a public holiday included.

A weekly slot whose closing time is not after its opening time runs past midnight (22:00-01:00
closes at 01:00 the next day): it belongs to the day it starts, and the next day's status reads it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from digibank.organisations import reference
from digibank.organisations.models import Hub, OpeningException, OpeningHours, OpeningKind

# A slot of yesterday may still run (past midnight); "opens on ..." looks two weeks ahead.
EXCEPTIONS_BEFORE = 1
STATUS_DAYS = 14


@dataclass(frozen=True)
class Interval:
    opens: datetime.time
    closes: datetime.time
    kind: str = OpeningKind.OPEN

    @property
    def is_walk_in(self) -> bool:
        return self.kind == OpeningKind.WALK_IN

    @property
    def past_midnight(self) -> bool:
        """Closes the next day (22:00-01:00, or 18:00-00:00)."""
        return self.closes <= self.opens

    def span(self, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
        """When the slot starts and ends, as local times, when it starts on `day`."""
        ends_on = day + datetime.timedelta(days=1) if self.past_midnight else day
        return (
            datetime.datetime.combine(day, self.opens),
            datetime.datetime.combine(ends_on, self.closes),
        )


@dataclass(frozen=True)
class DayOpening:
    """One day at one hub: the time slots, or why it is closed."""

    day: datetime.date
    intervals: tuple[Interval, ...] = ()
    closed_reason: str = ""
    from_exception: bool = False
    is_holiday: bool = False
    note: str = ""  # the reason of an exception that opens at other times

    @property
    def is_open(self) -> bool:
        return bool(self.intervals)

    @property
    def opening_intervals(self) -> tuple[Interval, ...]:
        """The slots open by appointment (kind "open"): residents book before they come."""
        return tuple(i for i in self.intervals if not i.is_walk_in)

    @property
    def appointment_intervals(self) -> tuple[Interval, ...]:
        return self.opening_intervals

    @property
    def walk_in_intervals(self) -> tuple[Interval, ...]:
        return tuple(i for i in self.intervals if i.is_walk_in)


def _language() -> str:
    return (get_language() or "nl").split("-")[0]


def _day_opening(
    hub: Hub,
    day: datetime.date,
    weekly: Iterable[OpeningHours],
    exception: OpeningException | None,
) -> DayOpening:
    if exception is not None:
        # A row that is not closed has both times (a check constraint): the second test only
        # tells the type checker so.
        if exception.closed or exception.opens is None or exception.closes is None:
            return DayOpening(
                day=day,
                closed_reason=exception.reason or _("Closed"),
                from_exception=True,
            )
        return DayOpening(
            day=day,
            intervals=(Interval(exception.opens, exception.closes, exception.kind),),
            from_exception=True,
            note=exception.reason,
        )
    if hub.closed_on_public_holidays:
        holiday = reference.holiday_name(day, _language())
        if holiday:
            return DayOpening(day=day, closed_reason=holiday, is_holiday=True)
    intervals = tuple(
        Interval(hours.opens, hours.closes, hours.kind)
        for hours in sorted(weekly, key=lambda h: (h.opens, h.kind))
        if hours.weekday == day.weekday()
    )
    return DayOpening(day=day, intervals=intervals)


def _weekly_hours(hub: Hub) -> list[OpeningHours]:
    return list(hub.opening_hours.all())


def _exceptions_between(
    hub: Hub, first: datetime.date, last: datetime.date
) -> dict[datetime.date, OpeningException]:
    if "opening_exceptions" in getattr(hub, "_prefetched_objects_cache", {}):
        found = hub.opening_exceptions.all()
        return {e.date: e for e in found if first <= e.date <= last}
    found = hub.opening_exceptions.filter(date__range=(first, last))
    return {e.date: e for e in found}


def days_from(hub: Hub, start_day: datetime.date, count: int) -> list[DayOpening]:
    """`count` days from `start_day` on, in two queries (none when prefetched)."""
    last = start_day + datetime.timedelta(days=count - 1)
    weekly = _weekly_hours(hub)
    exceptions = _exceptions_between(hub, start_day, last)
    return [
        _day_opening(hub, day, weekly, exceptions.get(day))
        for day in (start_day + datetime.timedelta(days=n) for n in range(count))
    ]


def opening_on(hub: Hub, day: datetime.date) -> DayOpening:
    return days_from(hub, day, 1)[0]


def week_schedule(hub: Hub, start_day: datetime.date) -> list[DayOpening]:
    """Seven days from `start_day` on, in two queries (none when prefetched)."""
    return days_from(hub, start_day, 7)
