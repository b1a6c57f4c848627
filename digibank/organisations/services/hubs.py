"""Hubs: their details and accessibility, weekly opening hours and the days that differ."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.organisations import places
from digibank.organisations.models import (
    Digibank,
    Hub,
    HubService,
    Language,
    OpeningException,
    OpeningHours,
    OpeningKind,
    Weekday,
)
from digibank.organisations.permissions import Actor, Perm, require
from digibank.organisations.services._common import (
    assign,
    changed_fields,
    choice_list,
    full_clean,
    snapshot,
)

HUB_FIELDS = frozenset(
    {
        "name",
        "street",
        "postcode",
        "municipality",
        "latitude",
        "longitude",
        "phone",
        "email",
        "website",
        "directions",
        "step_free",
        "hearing_loop",
        "quiet_room",
        "accessibility_notes",
        "languages",
        "services",
        "closed_on_public_holidays",
        "is_public",
        "active",
    }
)

# Belgium lies within this box; a point outside it is usually a typo or swapped coordinates.
_BELGIUM_LATITUDE = (Decimal("49.4"), Decimal("51.6"))
_BELGIUM_LONGITUDE = (Decimal("2.5"), Decimal("6.5"))
_COORDINATE_STEP = Decimal("0.000001")
# The largest Belgian municipalities are about 20 km across.
_MAX_KM_FROM_MUNICIPALITY = 25


def _coordinate(value: Any, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value).strip().replace(",", ".")).quantize(_COORDINATE_STEP)
    except (InvalidOperation, ValueError):
        raise DomainError(_("Enter a number, for example 51.0259."), field=field) from None


def _prepare_hub(hub: Hub) -> None:
    hub.latitude = _coordinate(hub.latitude, "latitude")
    hub.longitude = _coordinate(hub.longitude, "longitude")
    hub.languages = choice_list(hub.languages or [], Language, "languages")
    hub.services = choice_list(hub.services or [], HubService, "services")
    full_clean(hub)
    if not hub.digibank.municipalities.filter(pk=hub.municipality_id).exists():
        raise DomainError(
            _("Choose a municipality that your digibank serves."), field="municipality"
        )
    if hub.postcode not in hub.municipality.postcodes:
        raise DomainError(
            _("This postcode is not in %(municipality)s. Use one of: %(postcodes)s.")
            % {
                "municipality": hub.municipality.name,
                "postcodes": ", ".join(hub.municipality.postcodes),
            },
            field="postcode",
        )
    if (hub.latitude is None) != (hub.longitude is None):
        missing = "latitude" if hub.latitude is None else "longitude"
        raise DomainError(_("Fill in both latitude and longitude, or neither."), field=missing)
    if hub.latitude is not None and hub.longitude is not None:
        _check_point(hub, hub.latitude, hub.longitude)


def _in_belgium(latitude: Decimal, longitude: Decimal) -> bool:
    return (
        _BELGIUM_LATITUDE[0] <= latitude <= _BELGIUM_LATITUDE[1]
        and _BELGIUM_LONGITUDE[0] <= longitude <= _BELGIUM_LONGITUDE[1]
    )


def _check_point(hub: Hub, latitude: Decimal, longitude: Decimal) -> None:
    """A point in Belgium, and near the hub's municipality: residents are sent there."""
    if not _in_belgium(latitude, longitude) and _in_belgium(longitude, latitude):
        raise DomainError(
            _("Latitude and longitude seem swapped: the latitude is the larger number (50-51)."),
            field="latitude",
        )
    if not _BELGIUM_LATITUDE[0] <= latitude <= _BELGIUM_LATITUDE[1]:
        raise DomainError(
            _("This latitude is not in Belgium. It is a number between 49.4 and 51.6."),
            field="latitude",
        )
    if not _BELGIUM_LONGITUDE[0] <= longitude <= _BELGIUM_LONGITUDE[1]:
        raise DomainError(
            _("This longitude is not in Belgium. It is a number between 2.5 and 6.5."),
            field="longitude",
        )
    centre = places.municipality_point(hub.municipality.nis_code)
    point = places.Point(float(latitude), float(longitude))
    if centre is not None and places.distance_km(centre, point) > _MAX_KM_FROM_MUNICIPALITY:
        raise DomainError(
            _(
                "This point is more than %(km)s km from %(municipality)s. Check the latitude "
                "and longitude on openstreetmap.org."
            )
            % {"km": _MAX_KM_FROM_MUNICIPALITY, "municipality": hub.municipality.name},
            field="latitude",
        )


@transaction.atomic
def create_hub(*, digibank: Digibank, by: Actor, **fields: Any) -> Hub:
    require(by, digibank, Perm.MANAGE_ORGANISATION)
    hub = Hub(digibank=digibank)
    assign(hub, fields, HUB_FIELDS)
    _prepare_hub(hub)
    hub.save()
    audit.record(
        actor=by, action=AuditAction.CREATE, obj=hub, digibank=digibank, fields=list(fields)
    )
    return hub


@transaction.atomic
def update_hub(*, hub: Hub, by: Actor, **fields: Any) -> Hub:
    locked = Hub.objects.select_for_update().select_related("digibank").get(pk=hub.pk)
    require(by, locked.digibank, Perm.MANAGE_ORGANISATION)
    before = snapshot(locked, [*HUB_FIELDS - {"municipality"}, "municipality_id"])
    assign(locked, fields, HUB_FIELDS)
    _prepare_hub(locked)
    changed = [name.removesuffix("_id") for name in changed_fields(before, locked)]
    if changed:
        locked.save()
        audit.record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=locked,
            digibank=locked.digibank,
            fields=changed,
        )
    return locked


@transaction.atomic
def deactivate_hub(*, hub: Hub, by: Actor) -> Hub:
    """Close a hub for good: it leaves the public hub finder; its history stays."""
    locked = Hub.objects.select_for_update().get(pk=hub.pk)
    require(by, locked.digibank, Perm.MANAGE_ORGANISATION)
    if not locked.active:
        raise DomainError(_("This hub is already closed."))
    locked.active = False
    locked.save(update_fields=["active"])
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=locked,
        digibank=locked.digibank,
        fields=["active"],
        note="deactivated",
    )
    return locked


@transaction.atomic
def reactivate_hub(*, hub: Hub, by: Actor) -> Hub:
    locked = Hub.objects.select_for_update().get(pk=hub.pk)
    require(by, locked.digibank, Perm.MANAGE_ORGANISATION)
    if locked.active:
        raise DomainError(_("This hub is already open."))
    locked.active = True
    locked.save(update_fields=["active"])
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=locked,
        digibank=locked.digibank,
        fields=["active"],
        note="reactivated",
    )
    return locked


class WeeklyHoursError(DomainError):
    """A refused time slot; `index` is its position in the list given to `set_weekly_hours`."""

    def __init__(self, message: str, *, index: int, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.index = index


# A slot past midnight closes by this time; a later one is a slip (12:00-09:00 for 12:00-21:00).
_LATEST_NIGHT_CLOSING = datetime.time(6, 0)
_DAY_MINUTES = 24 * 60
_WEEK_MINUTES = 7 * _DAY_MINUTES


def _week_minutes(weekday: int, opens: datetime.time, closes: datetime.time) -> tuple[int, int]:
    """The slot as minutes from Monday 00:00; one that closes past midnight ends the next day."""
    start = weekday * _DAY_MINUTES + opens.hour * 60 + opens.minute
    length = (closes.hour * 60 + closes.minute - opens.hour * 60 - opens.minute) % _DAY_MINUTES
    return start, start + length


def validate_weekly_hours(
    hours: Sequence[tuple[int, datetime.time | None, datetime.time | None, str]],
) -> None:
    """Refuse unknown days or kinds, slots that open and close at the same time and overlapping
    slots of one kind. A slot that closes before it opens runs past midnight (22:00-01:00, until
    06:00 at the latest): it may not overlap the next day's slots either, Sunday's the next
    Monday's.

    A time may be missing (None) when it comes from a form row left half empty."""
    slots: dict[str, list[tuple[int, int, int, int]]] = defaultdict(list)
    for index, (weekday, opens, closes, kind) in enumerate(hours):
        if weekday not in Weekday.values:
            raise WeeklyHoursError(_("Choose a day."), index=index, field="weekday")
        if kind not in OpeningKind.values:
            raise WeeklyHoursError(_("Choose a kind of opening."), index=index, field="kind")
        if not isinstance(opens, datetime.time) or not isinstance(closes, datetime.time):
            raise WeeklyHoursError(_("Enter a time, for example 09:30."), index=index)
        if closes == opens:
            raise WeeklyHoursError(
                _("The closing time must differ from the opening time."),
                index=index,
                field="closes",
            )
        if closes < opens and closes > _LATEST_NIGHT_CLOSING:
            raise WeeklyHoursError(
                _(
                    "The closing time must be later than the opening time. Only evening hours "
                    "may run past midnight, until 06:00 at the latest."
                ),
                index=index,
                field="closes",
            )
        start, end = _week_minutes(weekday, opens, closes)
        slots[kind].append((start, end, index, weekday))
        if end > _WEEK_MINUTES:  # Sunday night into Monday: also compare with Monday's slots
            slots[kind].append((start - _WEEK_MINUTES, end - _WEEK_MINUTES, index, weekday))
    for kind_slots in slots.values():
        kind_slots.sort()
        for (_start, end, first, _day), (next_start, _end, index, weekday) in pairwise(kind_slots):
            if next_start < end and first != index:
                raise WeeklyHoursError(
                    _("This time overlaps another time of the same kind on %(day)s.")
                    % {"day": Weekday(weekday).label},
                    index=index,
                    field="opens",
                )


@transaction.atomic
def set_weekly_hours(
    *,
    hub: Hub,
    by: Actor,
    hours: list[tuple[int, datetime.time, datetime.time, str]],
) -> None:
    """Replace the whole week of a hub with `hours`: (weekday, opens, closes, kind) tuples."""
    locked = Hub.objects.select_for_update().get(pk=hub.pk)
    require(by, locked.digibank, Perm.MANAGE_ORGANISATION)
    validate_weekly_hours(hours)
    locked.opening_hours.all().delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(hub=locked, weekday=weekday, opens=opens, closes=closes, kind=kind)
        for weekday, opens, closes, kind in hours
    )
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=locked,
        digibank=locked.digibank,
        fields=["opening_hours"],
    )


@transaction.atomic
def add_opening_exception(
    *,
    hub: Hub,
    by: Actor,
    date: datetime.date,
    closed: bool = True,
    opens: datetime.time | None = None,
    closes: datetime.time | None = None,
    kind: str = OpeningKind.OPEN,
    reason: str = "",
) -> OpeningException:
    """Mark one day as closed, or open at other times than usual: walk in (`kind` "walk_in")
    or by appointment ("open"), as a weekly slot is."""
    locked = Hub.objects.select_for_update().get(pk=hub.pk)
    require(by, locked.digibank, Perm.MANAGE_ORGANISATION)
    if closed:
        opens = closes = None
        kind = OpeningKind.OPEN  # means nothing on a closed day: the default, always the same
    else:
        if kind not in OpeningKind.values:
            raise DomainError(_("Choose a kind of opening."), field="kind")
        if opens is None:
            raise DomainError(_("Fill in the time the hub opens on this day."), field="opens")
        if closes is None:
            raise DomainError(_("Fill in the time the hub closes on this day."), field="closes")
        if closes <= opens:
            raise DomainError(
                _("The closing time must be later than the opening time."), field="closes"
            )
    if locked.opening_exceptions.filter(date=date).exists():
        raise DomainError(
            _("There is already a change for this day. Remove it first."), field="date"
        )
    exception = OpeningException(
        hub=locked,
        date=date,
        closed=closed,
        opens=opens,
        closes=closes,
        kind=kind,
        reason=reason.strip(),
    )
    full_clean(exception, exclude=["hub"])
    exception.save()
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=exception,
        digibank=locked.digibank,
        fields=["date", "closed", "opens", "closes", "kind", "reason"],
    )
    return exception


@transaction.atomic
def remove_opening_exception(*, exception: OpeningException, by: Actor) -> None:
    digibank = exception.hub.digibank
    require(by, digibank, Perm.MANAGE_ORGANISATION)
    audit.record(
        actor=by, action=AuditAction.DELETE, obj=exception, digibank=digibank, fields=["date"]
    )
    exception.delete()
