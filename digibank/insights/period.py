"""The periods the figures are counted over: the last twelve months, or a calendar year."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

LAST_12 = "last12"


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: datetime.datetime  # aware, local midnight; included
    end: datetime.datetime  # aware, local midnight; excluded

    def months(self) -> list[datetime.date]:
        """The first day of every month in the period, oldest first."""
        first = self.start.date()
        last = (self.end - datetime.timedelta(days=1)).date()
        months, current = [], first.replace(day=1)
        while current <= last:
            months.append(current)
            current = (current + datetime.timedelta(days=32)).replace(day=1)
        return months


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def calendar_year(year: int) -> Period:
    """A calendar year, 1 January included to the next 1 January excluded (the yearly report
    may go back further than the three years the filters offer)."""
    key = str(year)
    return Period(
        key, key, _midnight(datetime.date(year, 1, 1)), _midnight(datetime.date(year + 1, 1, 1))
    )


def choices(today: datetime.date | None = None) -> list[tuple[str, str]]:
    today = today or timezone.localdate()
    years = [str(today.year - n) for n in range(3)]
    return [(LAST_12, _("the last 12 months")), *((y, y) for y in years)]


def period_for(key: str, today: datetime.date | None = None) -> Period:
    """The period a choice stands for; an unknown key means the last 12 months."""
    today = today or timezone.localdate()
    labels = dict(choices(today))
    if key in labels and key != LAST_12:
        return calendar_year(int(key))
    month = today.replace(day=1)
    for _step in range(11):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return Period(
        LAST_12, labels[LAST_12], _midnight(month), _midnight(today + datetime.timedelta(days=1))
    )
