"""Is a hub open right now, and if not, when next? ("Open now until 17:00", "Opens tomorrow at
9:00.") Read from `schedule`, so exceptions, public holidays and slots past midnight count."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from digibank.organisations.models import Hub
from digibank.organisations.schedule import EXCEPTIONS_BEFORE, STATUS_DAYS, days_from


@dataclass(frozen=True)
class Span:
    starts: datetime.datetime
    ends: datetime.datetime
    walk_in: bool


@dataclass(frozen=True)
class HubStatus:
    """Where a hub stands at `moment` (local time, without time zone)."""

    moment: datetime.datetime
    open_until: datetime.datetime | None = None  # open now (any kind) until then
    walk_in_until: datetime.datetime | None = None  # walk in now, no appointment, until then
    next_walk_in: datetime.datetime | None = None  # open now: walk-in later today
    next_opening: Span | None = None  # closed now: the next slot

    @property
    def is_open(self) -> bool:
        return self.open_until is not None

    @property
    def is_walk_in(self) -> bool:
        return self.walk_in_until is not None

    @property
    def text(self) -> str:
        """One plain sentence or two for a resident."""
        if self.open_until is not None:
            until = _clock(self.open_until)
            if self.walk_in_until is not None:
                if self.walk_in_until >= self.open_until:
                    return _("Open now until %(until)s. Walk in, no appointment needed.") % {
                        "until": until
                    }
                return _(
                    "Open now until %(until)s. Walk in without appointment until %(walk_in)s."
                ) % {"until": until, "walk_in": _clock(self.walk_in_until)}
            text = _("Open now until %(until)s, by appointment.") % {"until": until}
            if self.next_walk_in is not None:
                text += " " + _("Walk in from %(time)s.") % {"time": _clock(self.next_walk_in)}
            return text
        if self.next_opening is None:
            return _("Closed now. No opening hours in the next two weeks.")
        when = _when(self.next_opening.starts, self.moment.date())
        if self.next_opening.walk_in:
            return _("Closed now. Opens %(when)s, walk in without appointment.") % {"when": when}
        return _("Closed now. Opens %(when)s, by appointment.") % {"when": when}


def _clock(moment: datetime.datetime) -> str:
    return f"{moment.hour}:{moment.minute:02d}"


def _when(moment: datetime.datetime, today: datetime.date) -> str:
    time = _clock(moment)
    days = (moment.date() - today).days
    if days == 0:
        return _("today at %(time)s") % {"time": time}
    if days == 1:
        return _("tomorrow at %(time)s") % {"time": time}
    if days < 7:
        day = formats.date_format(moment.date(), "l")
        return _("on %(day)s at %(time)s") % {"day": day, "time": time}
    day = formats.date_format(moment.date(), "l j F")
    return _("on %(day)s at %(time)s") % {"day": day, "time": time}


def spans_around(hub: Hub, today: datetime.date) -> list[Span]:
    """Every slot from yesterday (it may run past midnight) to two weeks ahead, in time order."""
    first = today - datetime.timedelta(days=EXCEPTIONS_BEFORE)
    spans = []
    for day in days_from(hub, first, EXCEPTIONS_BEFORE + STATUS_DAYS):
        for interval in day.intervals:
            starts, ends = interval.span(day.day)
            spans.append(Span(starts, ends, interval.is_walk_in))
    return sorted(spans, key=lambda s: (s.starts, s.ends))


def _open_until(spans: list[Span], moment: datetime.datetime) -> datetime.datetime | None:
    """The end of the unbroken open time around `moment`: slots that touch or overlap count as
    one (9:00-12:00 and 12:00-17:00 is open until 17:00)."""
    until = None
    for span in spans:
        reached = until if until is not None else moment
        if span.starts <= reached < span.ends or (until is not None and span.starts <= until):
            until = max(span.ends, until) if until is not None else span.ends
    return until


def status_at(hub: Hub, moment: datetime.datetime) -> HubStatus:
    """The hub's status at `moment`, a local time (an aware time is first made local)."""
    if moment.tzinfo is not None:
        moment = timezone.localtime(moment).replace(tzinfo=None)
    spans = spans_around(hub, moment.date())
    open_until = _open_until(spans, moment)
    if open_until is None:
        upcoming = [span for span in spans if span.starts > moment]
        if not upcoming:
            return HubStatus(moment=moment)
        # Walk-in and appointments from the same time: say the easier one, walk in.
        first = upcoming[0].starts
        walk_in = any(span.walk_in for span in upcoming if span.starts == first)
        next_opening = Span(first, upcoming[0].ends, walk_in)
        return HubStatus(moment=moment, next_opening=next_opening)
    walk_ins = [span for span in spans if span.walk_in]
    walk_in_until = _open_until(walk_ins, moment)
    next_walk_in = None
    if walk_in_until is None:
        later = [s.starts for s in walk_ins if moment < s.starts < open_until]
        next_walk_in = later[0] if later else None
    return HubStatus(
        moment=moment,
        open_until=open_until,
        walk_in_until=walk_in_until,
        next_walk_in=next_walk_in,
    )
