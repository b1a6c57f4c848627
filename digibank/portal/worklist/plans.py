"""The coordinator's line of personal plans due for a follow-up (`plans.queries.due_count`: one
count query, whatever the number of plans)."""

from __future__ import annotations

from django.utils.translation import ngettext

from digibank.organisations.permissions import Access, Perm
from digibank.plans import queries as plans
from digibank.portal.worklist.figures import Figures, Line, url_of


def coordinator_plan_lines(access: Access, figures: Figures) -> list[Line]:
    if not access.can(Perm.MANAGE_PLANS):
        return []
    count = plans.due_count(access)
    if not count:
        return []
    return [
        Line(
            ngettext(
                "personal plan due for a follow-up",
                "personal plans due for a follow-up",
                count,
            ),
            url_of("plans:list", access),
            count,
        )
    ]
