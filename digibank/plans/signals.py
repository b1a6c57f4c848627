"""What the plans app connects to the lower layers at start-up: the erasure and merge registries
and the person page (an action and a section)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from digibank.organisations.permissions import Perm


def connect() -> None:
    from digibank.people import erasure, merging, person_page
    from digibank.plans.models import PersonalPlan
    from digibank.plans.people import count_plans_of, detach_plans_of, move_plans, plans_section

    erasure.register("plans", detach_plans_of)
    merging.register("plans", models=[PersonalPlan], count=count_plans_of, move=move_plans)
    person_page.register(
        "personal_plan",
        person_page.PersonAction(
            label=_("Make a personal plan"), url_name="plans:new", perm=Perm.MANAGE_PLANS
        ),
    )
    person_page.register_section(
        "personal_plans",
        person_page.PersonSection(
            template="plans/staff/_section.html", context=plans_section, perm=Perm.MANAGE_PLANS
        ),
    )
