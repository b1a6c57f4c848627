"""How a bookable time reads in a list: day, hours, place and the seats left."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import ngettext

from digibank.help.models import Slot


def when(slot: Slot) -> str:
    """ "Thursday 10 December, 10:00–10:30", in the language of the page."""
    start, end = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
    return f"{date_format(start, 'l j F')}, {start:%H:%M}–{end:%H:%M}"


def where(slot: Slot) -> str:
    hub = slot.hub
    return f"{hub.name}, {hub.street}, {hub.postcode} {hub.municipality.name}"


def slot_choice(slot: Slot, *, with_place: bool = True) -> str:
    left = ngettext("%(count)d place left", "%(count)d places left", slot.free) % {
        "count": slot.free
    }
    place = f" – {where(slot)}" if with_place else ""
    return f"{when(slot)}{place} ({left})"
