"""The demo's skills checks: finished, stopped halfway and kept with a resident's record."""

import pytest

from digibank.demo.data import REGION_SLUG
from digibank.skills.models import CheckVersion, Module, SkillsCheck
from digibank.skills.report import report_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def output(demo_output):
    return demo_output


def test_the_demo_region_has_its_check_and_modules(output):
    assert CheckVersion.objects.filter(
        region__slug=REGION_SLUG, published_at__isnull=False
    ).exists()
    assert Module.objects.filter(region__slug=REGION_SLUG).count() == 17


def test_the_demo_has_finished_stopped_and_linked_checks(output):
    checks = SkillsCheck.objects.filter(region__slug=REGION_SLUG)
    assert checks.filter(completed_at__isnull=False, person=None).count() >= 6
    stopped = checks.filter(completed_at=None)
    assert stopped.count() >= 3
    assert all(check.answers for check in stopped)
    linked = checks.filter(person__isnull=False)
    assert linked.count() >= 4
    assert all(check.consent_at and check.assisted_by_id for check in linked)


def test_the_demo_checks_lead_to_different_recommendations(output):
    finished = SkillsCheck.objects.filter(region__slug=REGION_SLUG, completed_at__isnull=False)
    advice = {tuple(a.module.key for a in report_for(check).modules) for check in finished}
    assert len(advice) >= 3
