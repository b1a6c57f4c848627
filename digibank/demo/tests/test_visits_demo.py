"""The demo's help at the hubs: visits over months, referrals in each state, shifts and a queue."""

import pytest
from django.db.models import Max, Min
from django.utils import timezone

from digibank.demo.data import REGION_SLUG
from digibank.help.models import Arrival, Referral, ReferralStatus, Shift, ShiftSignUp, Visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def output(demo_output):
    return demo_output


def test_the_demo_has_visits_over_several_months_mostly_anonymous(output):
    visits = Visit.objects.filter(digibank__region__slug=REGION_SLUG)
    assert visits.count() >= 300
    span = visits.aggregate(first=Min("visited_at"), last=Max("visited_at"))
    assert (span["last"] - span["first"]).days >= 120
    linked = visits.filter(person__isnull=False)
    assert 0 < linked.count() < visits.count() / 10
    assert all(visit.consent_at for visit in linked)
    assert visits.exclude(target_groups=[]).filter(person=None).exists()


def test_the_demo_has_referrals_in_every_state(output):
    referrals = Referral.objects.filter(digibank__region__slug=REGION_SLUG)
    assert set(referrals.values_list("status", flat=True)) == set(ReferralStatus.values)
    assert referrals.exclude(response="").exists()


def test_the_demo_referrals_are_sent_at_their_visit_and_moved_on_after_it(output):
    referrals = Referral.objects.filter(digibank__region__slug=REGION_SLUG).select_related("visit")
    span = referrals.aggregate(first=Min("created_at"), last=Max("created_at"))
    assert (span["last"] - span["first"]).days >= 90
    now = timezone.now()
    for referral in referrals:
        assert referral.created_at == referral.visit.visited_at
        moves = [event.at for event in referral.events.all()]
        assert moves == sorted(moves)
        assert all(referral.created_at < at <= now for at in moves)
        if referral.consent_at is not None:
            assert referral.consent_at == referral.created_at
    named = referrals.filter(person=None).exclude(contact_name="")
    assert named.exists() and not named.filter(contact_name__startswith="Bezoeker").exists()


def test_the_demo_volunteers_gave_hours_over_the_months_of_visits(output):
    past = ShiftSignUp.objects.filter(
        shift__digibank__region__slug=REGION_SLUG, shift__ends_at__lte=timezone.now()
    )
    assert past.count() >= 50
    span = past.aggregate(first=Min("shift__starts_at"), last=Max("shift__starts_at"))
    assert (span["last"] - span["first"]).days >= 120
    assert all(
        signup.created_at < signup.shift.starts_at for signup in past.select_related("shift")
    )


def test_the_demo_has_shifts_with_gaps_and_a_queue(output):
    shifts = Shift.objects.filter(digibank__region__slug=REGION_SLUG)
    assert shifts.count() >= 12
    assert ShiftSignUp.objects.filter(shift__in=shifts).exists()
    assert Arrival.objects.filter(digibank__region__slug=REGION_SLUG, finished_at=None).count() >= 2
