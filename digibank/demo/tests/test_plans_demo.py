"""The demo's personal plans: made through the services from people's skills checks."""

import pytest

from digibank.demo.data import REGION_SLUG
from digibank.plans.models import PersonalPlan, PlanSource, PlanStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_couple_of_plans_from_skills_checks_one_followed_up(demo_output):
    plans = PersonalPlan.objects.filter(digibank__region__slug=REGION_SLUG)
    assert plans.count() >= 2
    assert set(plans.values_list("source", flat=True)) == {PlanSource.SKILLS_CHECK}
    assert plans.filter(status=PlanStatus.FOLLOWED_UP).exists()
    assert all(plan.steps.exists() for plan in plans)
    assert plans.filter(steps__appointment__isnull=False).exists()
