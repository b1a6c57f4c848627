"""The staff home page: for each role the user holds, what needs them now, most urgent first.

The portal only assembles. Every figure comes from a domain's query functions (`lending.worklist`,
`devices.worklist`, `skills.worklist`, `messaging.queries`, `organisations.queries`,
`help.visit_queries`, `plans.queries`; `insights.home` for the analyst's headline figures), each
read once per page in a fixed number of queries (`Figures` caches them, so a user with several
roles does not read twice), and each line is offered only when the user's `Access` may open the
page it links to.
"""

from __future__ import annotations

from django.utils.text import capfirst

from digibank.organisations.models import Role
from digibank.organisations.permissions import Access
from digibank.portal.worklist.desk import coordinator_lines, hub_volunteer_lines, referrer_lines
from digibank.portal.worklist.figures import Figures, Line, Section
from digibank.portal.worklist.figures_lines import analyst_lines
from digibank.portal.worklist.help import (
    coordinator_help_lines,
    referrer_help_lines,
    volunteer_help_lines,
)
from digibank.portal.worklist.plans import coordinator_plan_lines
from digibank.portal.worklist.training import trainer_lines
from digibank.portal.worklist.workshop import technician_lines

__all__ = ["Figures", "Line", "Section", "sections"]


def sections(access: Access) -> list[Section]:
    """One section for each role the user holds here, in the order of the roles."""
    figures = Figures(access)
    built = {
        Role.COORDINATOR: lambda a, f: (
            coordinator_lines(a, f) + coordinator_help_lines(a, f) + coordinator_plan_lines(a, f)
        ),
        Role.TECHNICIAN: technician_lines,
        Role.HUB_VOLUNTEER: lambda a, f: volunteer_help_lines(a, f) + hub_volunteer_lines(a, f),
        Role.REFERRER: lambda a, f: referrer_lines(a, f) + referrer_help_lines(a, f),
        Role.TRAINER: trainer_lines,
        Role.ANALYST: analyst_lines,
    }
    result = []
    for role in Role:
        if role not in access.roles:
            continue
        make = built.get(role)
        result.append(
            Section(
                role=role.value,
                title=str(capfirst(role.label)),
                lines=make(access, figures) if make else [],
                has_work_list=make is not None,
            )
        )
    return result
