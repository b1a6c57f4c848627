"""The figures of the insights dashboards equal a direct count over the demo data, and their
query count stays the same with `--scale` data."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.db.models import Count, Sum
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digibank.demo.tests.conftest import seed
from digibank.devices.models import Device, DeviceEvent, DeviceState
from digibank.help.models import (
    Appointment,
    AppointmentStatus,
    Outcome,
    Referral,
    ShiftSignUp,
    Visit,
    VisitTopic,
)
from digibank.insights.figures import dashboard, devices, learning, people
from digibank.insights.figures import help as help_at_hubs
from digibank.insights.period import Period
from digibank.insights.sources import Window
from digibank.lending.models import DeviceRequest, Loan, RequestStatus
from digibank.organisations.models import (
    Digibank,
    Membership,
    Municipality,
    RegionMembership,
    Role,
)
from digibank.people.models import Person
from digibank.skills.models import Enrolment, EnrolmentStatus, Session, SessionStatus, SkillsCheck

pytestmark = pytest.mark.django_db

START = timezone.make_aware(datetime.datetime(2000, 1, 1))
END = timezone.now() + datetime.timedelta(days=1)


def window(bank: Digibank) -> Window:
    return Window(digibank_ids=(bank.pk,), start=START, end=END)


def _events(bank: Digibank) -> list[tuple[int | None, object, list[str], str, int | None]]:
    """Every event that reaches a person, read row by row (the test's own, independent count):
    (person id, reach key, target groups, age band, municipality id)."""
    fields = ("person_id", "reach_key", "target_groups", "age_band", "municipality_id")
    sources = [
        Loan.objects.filter(
            digibank=bank, person__isnull=False, handed_over_at__gte=START, handed_over_at__lt=END
        ),
        Enrolment.objects.filter(
            digibank=bank,
            person__isnull=False,  # a resident who enrolled on the public site is not registered
            status__in=[EnrolmentStatus.ATTENDED, EnrolmentStatus.COMPLETED],
            session__starts_at__gte=START,
            session__starts_at__lt=END,
        ),
        Visit.objects.filter(
            digibank=bank, person__isnull=False, visited_at__gte=START, visited_at__lt=END
        ),
        SkillsCheck.objects.filter(
            digibank=bank, person__isnull=False, completed_at__gte=START, completed_at__lt=END
        ),
    ]
    return [row for rows in sources for row in rows.values_list(*fields)]


def test_the_demo_reaches_people_through_every_source(output) -> None:
    """So the direct count below exercises each of them."""
    banks = Digibank.objects.all()
    assert Loan.objects.filter(digibank__in=banks).exists()
    attended = Enrolment.objects.filter(digibank__in=banks, status=EnrolmentStatus.ATTENDED)
    assert attended.filter(person__isnull=False).exists()
    assert Visit.objects.filter(digibank__in=banks, person__isnull=False).exists()
    assert Visit.objects.filter(digibank__in=banks, person__isnull=True).exists()
    assert SkillsCheck.objects.filter(digibank__in=banks, person__isnull=False).exists()


def test_people_reached_equal_the_people_of_loans_courses_visits_and_linked_checks(
    output,
) -> None:
    for bank in Digibank.objects.all():
        events = _events(bank)
        ids = {person_id for person_id, *_rest in events if person_id is not None}
        assert {key for _id, key, *_rest in events} == set(
            Person.objects.filter(pk__in=ids).values_list("reach_key", flat=True)
        )
        assert people.reached_total(window(bank)) == len(ids)
        pairs = {(key, code) for _id, key, groups, *_rest in events for code in groups}
        by_group = Counter(code for _key, code in pairs)
        found = {code: n for code, _name, n in people.reached_by_target_group(window(bank))}
        assert found == dict(by_group)
        bands = Counter(band for _key, band in {(key, band) for _id, key, _g, band, _m in events})
        assert people.reached_by_age_band(window(bank)) == dict(bands)
        places = Counter(
            place for _key, place in {(key, place) for _id, key, _g, _b, place in events}
        )
        found_places = {code: n for code, _name, n in people.reached_by_municipality(window(bank))}
        nis = dict(Municipality.objects.values_list("pk", "nis_code"))
        assert found_places == {(nis[place] if place else ""): n for place, n in places.items()}


def test_device_stages_equal_the_history_of_the_demo(output) -> None:
    for bank in Digibank.objects.all():
        counts = devices.device_counts(window(bank))
        assert counts.by_stage.get("received", 0) == Device.objects.filter(digibank=bank).count()
        events = DeviceEvent.objects.filter(device__digibank=bank)
        for state in devices.MOVES:
            assert counts.by_stage.get(state, 0) == events.filter(to_state=state).count(), state
        handed = events.filter(
            from_state=DeviceState.RESERVED, to_state__in=(DeviceState.LOANED, DeviceState.GIFTED)
        ).count()
        assert counts.by_stage.get("handed_over", 0) == handed
        # The device history holds every hand-over (the devices demo moves some devices there
        # without a loan), so there are at least as many as loans.
        assert handed >= Loan.objects.filter(digibank=bank).count() > 0


def test_the_waiting_list_and_its_median_equal_a_direct_count(output) -> None:
    for bank in Digibank.objects.all():
        waiting = DeviceRequest.objects.filter(digibank=bank, status=RequestStatus.WAITING)
        found = devices.waiting_list(window(bank))
        assert found.length == waiting.count()
        if found.length:
            times = sorted(
                (timezone.now() - submitted).days
                for submitted in waiting.values_list("submitted_at", flat=True)
            )
            assert found.median_days in {times[(len(times) - 1) // 2], times[len(times) // 2]}


def test_the_skills_checks_equal_a_direct_count(output) -> None:
    for bank in Digibank.objects.all():
        board = dashboard(window(bank), Period("x", "x", START, END))
        completed = SkillsCheck.objects.filter(digibank=bank, completed_at__isnull=False).count()
        assert board.headlines.checks.value == completed


def _coordinator_client(bank: Digibank) -> Client:
    client = Client()
    coordinator = Membership.objects.filter(digibank=bank, role=Role.COORDINATOR).first()
    assert coordinator is not None
    client.force_login(coordinator.user)
    return client


def _region_client(bank: Digibank) -> Client:
    client = Client()
    member = RegionMembership.objects.filter(region=bank.region).first()
    assert member is not None
    client.force_login(member.user)
    return client


def test_the_dashboards_cost_the_same_queries_with_scaled_data(
    output, django_assert_num_queries
) -> None:
    bank = Digibank.objects.order_by("pk").first()
    assert bank is not None
    pages = [
        (_coordinator_client(bank), reverse("insights:dashboard", kwargs={"digibank": bank.slug})),
        (
            _region_client(bank),
            reverse("insights:region_dashboard", kwargs={"region": bank.region.slug}),
        ),
    ]
    counted = []
    for client, url in pages:
        with CaptureQueriesContext(connection) as before:
            assert client.get(url).status_code == 200
        counted.append(len(before))
    seed("--scale", "3")
    assert Person.objects.filter(digibank=bank).count() > 0
    for (client, url), expected in zip(pages, counted, strict=True):
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200
    by_status = dict(DeviceRequest.objects.values_list("status").annotate(n=Count("id")).order_by())
    assert by_status  # the demo has requests to count


def test_the_sessions_and_enrolments_equal_a_direct_count(output) -> None:
    counted = 0
    for bank in Digibank.objects.all():
        held = Session.objects.filter(digibank=bank, starts_at__lt=timezone.now()).exclude(
            status=SessionStatus.CANCELLED
        )
        found = learning.sessions_by_level(window(bank))
        assert sum(level.sessions for level in found) == held.count()
        assert sum(level.seats_offered for level in found) == (
            held.aggregate(seats=Sum("capacity"))["seats"] or 0
        )
        by_level = learning.enrolments_by_level(window(bank))
        for status, _label in learning.OUTCOMES:
            direct = Enrolment.objects.filter(session__in=held, status=status).count()
            assert sum(level.get(status, 0) for level in by_level.values()) == direct, status
        taken = held.aggregate(taken=Sum("seats_taken"))["taken"] or 0
        assert sum(sum(level.values()) for level in by_level.values()) == taken
        counted += held.count()
    assert counted  # the demo holds sessions that took place


def test_the_help_figures_equal_a_direct_count(output) -> None:
    counted = 0
    for bank in Digibank.objects.all():
        visits = Visit.objects.filter(digibank=bank)
        topics = {code: n for code, _name, n in help_at_hubs.visits_by_topic(window(bank))}
        direct_topics = dict(
            VisitTopic.objects.filter(visit__digibank=bank)
            .values_list("topic__code")
            .annotate(n=Count("visit_id"))
            .order_by()
        )
        assert topics == direct_topics
        by_hub = help_at_hubs.visits_by_hub_and_outcome(window(bank))
        for outcome in Outcome.values:
            found = sum(row["n"] for row in by_hub if row["outcome"] == outcome)
            assert found == visits.filter(outcome=outcome).count(), outcome
        assert sum(row["minutes"] for row in by_hub) == (
            visits.aggregate(m=Sum("minutes"))["m"] or 0
        )
        appointments = help_at_hubs.appointments_by_status(window(bank))
        direct = Appointment.objects.filter(digibank=bank, slot__starts_at__lt=END)
        for status in AppointmentStatus.values:
            assert appointments.get(status, 0) == direct.filter(status=status).count(), status
        referrals = help_at_hubs.referrals_by_kind_and_status(window(bank))
        for kind, statuses in referrals.items():
            for status, n in statuses.items():
                assert (
                    n
                    == Referral.objects.filter(
                        digibank=bank, partner__kind=kind, status=status
                    ).count()
                )
        assert sum(sum(s.values()) for s in referrals.values()) == (
            Referral.objects.filter(digibank=bank).count()
        )
        shifts = help_at_hubs.shift_hours_by_hub(window(bank))
        worked = ShiftSignUp.objects.filter(
            shift__digibank=bank, shift__ends_at__lte=timezone.now()
        ).select_related("shift")
        assert sum(n for _name, n, _time in shifts.values()) == worked.count()
        assert sum((time for _name, _n, time in shifts.values()), datetime.timedelta()) == sum(
            (signup.shift.ends_at - signup.shift.starts_at for signup in worked),
            datetime.timedelta(),
        )
        counted += visits.count()
    assert counted  # the demo holds help visits
