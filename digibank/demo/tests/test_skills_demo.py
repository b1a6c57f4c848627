"""The demo's skills checks: finished, stopped halfway and kept with a resident's record."""

import pytest
from django.utils import timezone

from digibank.demo.data import REGION_SLUG
from digibank.skills.demo_sessions import MODULES
from digibank.skills.models import (
    HOLDS_A_SEAT,
    CheckVersion,
    EnrolmentStatus,
    Module,
    Session,
    SessionStatus,
    SkillsCheck,
)
from digibank.skills.report import report_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def output(demo_output):
    return demo_output


def test_the_demo_region_has_its_check_and_modules(output):
    assert CheckVersion.objects.filter(
        region__slug=REGION_SLUG, published_at__isnull=False
    ).exists()
    assert Module.objects.filter(region__slug=REGION_SLUG).count() == 17 + len(MODULES)


def test_the_demo_has_past_upcoming_full_and_cancelled_sessions(output):
    now = timezone.now()
    sessions = Session.objects.filter(digibank__region__slug=REGION_SLUG)
    assert sessions.filter(ends_at__lt=now, enrolments__isnull=False).exists()
    upcoming = sessions.filter(starts_at__gt=now, status=SessionStatus.SCHEDULED)
    assert upcoming.count() >= 10
    full = [s for s in upcoming if s.is_full]
    assert full
    assert all(s.enrolments.filter(status=EnrolmentStatus.WAITING).exists() for s in full)
    assert sessions.filter(status=SessionStatus.CANCELLED).exists()
    assert sessions.filter(hub__isnull=True).exists()
    for session in sessions:
        held = session.enrolments.filter(status__in=sorted(HOLDS_A_SEAT)).count()
        assert session.seats_taken == held


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
