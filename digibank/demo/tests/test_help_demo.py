"""The demo's help appointments: times in the coming weeks, bookings, past no-shows."""

import pytest
from django.db.models import F
from django.utils import timezone

from digibank.demo.data import REGION_SLUG
from digibank.help.models import Appointment, AppointmentStatus, HelpTopic, Slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def output(demo_output):
    return demo_output


def test_the_demo_region_has_its_help_topics(output):
    assert HelpTopic.objects.filter(region__slug=REGION_SLUG, digibank=None).count() == 19


def test_the_demo_has_coming_times_bookings_and_past_no_shows(output):
    demo = Slot.objects.filter(digibank__region__slug=REGION_SLUG)
    now = timezone.now()
    assert demo.filter(starts_at__gt=now).count() >= 20
    assert not demo.filter(booked__gt=F("capacity")).exists()
    appointments = Appointment.objects.filter(digibank__region__slug=REGION_SLUG)
    assert appointments.filter(status=AppointmentStatus.BOOKED, slot__starts_at__gt=now).exists()
    assert appointments.filter(person__isnull=False).exists()
    past = appointments.filter(slot__starts_at__lt=now)
    assert past.filter(status=AppointmentStatus.NO_SHOW).exists()
    assert past.filter(status=AppointmentStatus.ATTENDED).exists()
    assert not past.filter(status=AppointmentStatus.BOOKED).exists()


def test_the_demo_has_region_guides_with_versions_a_stale_one_and_a_local_one(output):
    from digibank.help.models import Guide

    region = Guide.objects.filter(region__slug=REGION_SLUG, digibank=None)
    assert region.count() >= 7
    codes = set(region.values_list("topic__code", flat=True))
    assert {"H01", "H04", "H05", "H06", "H07", "H13", "H18"} <= codes
    assert region.filter(version__gte=3).exists()
    assert [guide.title for guide in region if guide.is_stale] == [
        "Tax-on-web: het voorstel van aangifte nakijken"
    ]
    local = Guide.objects.filter(region__slug=REGION_SLUG, digibank__isnull=False)
    assert local.count() == 1 and local.get().versions.count() == 2
    assert all(guide.owner is not None for guide in Guide.objects.all())
