"""The headline figures the staff home and the region's overview show, with their links.

The last twelve months, protected like every figure; read in a fixed number of queries
(`figures.headlines`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from digibank.insights import period
from digibank.insights.figures import headlines
from digibank.insights.sources import Window
from digibank.organisations.models import Digibank, Region


@dataclass(frozen=True)
class Headline:
    label: str
    shown: str  # the count, or "<10"


def _lines(window: Window) -> list[Headline]:
    figures = headlines(window)
    return [
        Headline(_("people reached in the last 12 months"), figures.reached.text),
        Headline(_("devices handed over in the last 12 months"), figures.handed_over.text),
        Headline(_("skills checks completed in the last 12 months"), figures.checks.text),
        Headline(_("requests on the waiting list now"), figures.waiting.text),
    ]


def _window(digibank_ids: tuple[int, ...]) -> Window:
    chosen = period.period_for(period.LAST_12)
    return Window(digibank_ids, chosen.start, chosen.end)


def digibank_headlines(digibank: Digibank) -> list[Headline]:
    return _lines(_window((digibank.pk,)))


def region_headlines(region: Region) -> tuple[list[Headline], str]:
    """The region's headline figures and the address of its figures page."""
    ids = tuple(Digibank.objects.filter(region=region).values_list("pk", flat=True))
    url = reverse("insights:region_dashboard", kwargs={"region": region.slug})
    return _lines(_window(ids)), url
