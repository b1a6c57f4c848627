"""The analyst's section of the staff home: the digibank's headline figures, each a link to the
figures page (protected: a count from 1 to 9 reads "<10")."""

from __future__ import annotations

from django.urls import reverse

from digibank.insights.home import digibank_headlines
from digibank.organisations.permissions import Access, Perm
from digibank.portal.worklist.figures import Figures, Line


def analyst_lines(access: Access, figures: Figures) -> list[Line]:
    if not access.can(Perm.VIEW_AGGREGATES):
        return []
    url = reverse("insights:dashboard", kwargs={"digibank": access.digibank.slug})
    return [
        Line(text=headline.label, url=url, count=headline.shown)
        for headline in digibank_headlines(access.digibank)
    ]
