"""Volunteer shifts: planned by the coordinator, taken by hub volunteers, gaps shown; constant
query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digibank.core.errors import DomainError
from digibank.help.models import Shift, ShiftSignUp
from digibank.help.services.shifts import plan_shift, sign_up, withdraw
from digibank.help.tests.visit_helpers import act, client_for, shift_at
from digibank.organisations import services as organisation_services
from digibank.organisations.models import Role
from digibank.organisations.permissions import SYSTEM
from digibank.testing import make_user

pytestmark = pytest.mark.django_db


def volunteer(world, name):
    user = make_user(f"{name}-{world.a.digibank.slug}")
    organisation_services.add_member(
        by=SYSTEM, digibank=world.a.digibank, user=user, role=Role.HUB_VOLUNTEER
    )
    return user


def test_the_coordinator_plans_a_shift_from_the_page(world):
    client = client_for(world.users["coordinator"])
    url = reverse("help:shift_plan", kwargs={"digibank": world.a.digibank.slug})
    day = timezone.localdate() + datetime.timedelta(days=3)
    response = client.post(
        url,
        {
            "hub": world.a.hub.pk,
            "date": day.isoformat(),
            "starts": "13:00",
            "ends": "16:00",
            "volunteers_needed": "2",
        },
    )
    assert response.status_code == 302
    shift = Shift.objects.get()
    assert timezone.localtime(shift.starts_at).time() == datetime.time(13)
    assert shift.volunteers_needed == 2
    response = client.post(
        url,
        {
            "hub": world.a.hub.pk,
            "date": day.isoformat(),
            "starts": "16:00",
            "ends": "13:00",
            "volunteers_needed": "1",
        },
    )
    assert "ends" in response.context["form"].errors
    assert Shift.objects.count() == 1


def test_a_volunteer_signs_up_until_the_shift_is_full_and_may_withdraw(world):
    shift = shift_at(world.a, needed=1)
    first = act(world.users["hub_volunteer"])
    sign_up(shift=shift, by=first)
    with pytest.raises(DomainError):
        sign_up(shift=shift, by=first)
    with pytest.raises(DomainError):
        sign_up(shift=shift, by=act(volunteer(world, "tweede")))
    withdraw(shift=shift, by=first)
    assert not ShiftSignUp.objects.exists()
    with pytest.raises(DomainError):
        withdraw(shift=shift, by=first)


def test_a_shift_that_started_can_no_longer_be_taken(world):
    starts = timezone.now() - datetime.timedelta(hours=1)
    shift = plan_shift(
        hub=world.a.hub,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        volunteers_needed=2,
        by=SYSTEM,
    )
    with pytest.raises(DomainError):
        sign_up(shift=shift, by=act(world.users["hub_volunteer"]))


@pytest.mark.parametrize(
    ("hours", "needed", "field"),
    [(13, 1, "ends"), (3, 0, "volunteers_needed"), (3, 51, "volunteers_needed")],
)
def test_it_refuses_an_implausible_shift(world, hours, needed, field):
    with pytest.raises(DomainError) as refused:
        shift_at(world.a, hours=hours, needed=needed)
    assert refused.value.field == field


def test_only_the_coordinator_plans_and_only_desk_roles_sign_up(world):
    from django.core.exceptions import PermissionDenied

    for role in ("hub_volunteer", "referrer", "technician"):
        with pytest.raises(PermissionDenied):
            plan_shift(
                hub=world.a.hub,
                starts_at=timezone.now() + datetime.timedelta(days=1),
                ends_at=timezone.now() + datetime.timedelta(days=1, hours=2),
                volunteers_needed=1,
                by=act(world.users[role]),
            )
    shift = shift_at(world.a)
    for role in ("referrer", "technician", "trainer", "analyst"):
        with pytest.raises(PermissionDenied):
            sign_up(shift=shift, by=act(world.users[role]))
    with pytest.raises(PermissionDenied):
        sign_up(shift=shift_at(world.b), by=act(world.users["hub_volunteer"]))


def test_the_volunteer_sees_their_next_shifts_and_the_coordinator_the_gaps(world):
    covered = shift_at(world.a, days=1, needed=1)
    gap = shift_at(world.a, days=2, needed=2)
    user = world.users["hub_volunteer"]
    sign_up(shift=covered, by=act(user))
    sign_up(shift=gap, by=act(user))
    page = client_for(user).get(
        reverse("help:shift_list", kwargs={"digibank": world.a.digibank.slug})
    )
    assert [s.pk for s in page.context["mine"]] == [covered.pk, gap.pk]
    plan = client_for(world.users["coordinator"]).get(
        reverse("help:shift_plan", kwargs={"digibank": world.a.digibank.slug})
    )
    assert [s.pk for s in plan.context["gaps"]] == [gap.pk]


def test_the_shift_pages_cost_the_same_queries_with_more_shifts(world):
    slug = world.a.digibank.slug
    pages = [
        (
            client_for(world.users["hub_volunteer"]),
            reverse("help:shift_list", kwargs={"digibank": slug}),
        ),
        (
            client_for(world.users["coordinator"]),
            reverse("help:shift_plan", kwargs={"digibank": slug}),
        ),
    ]

    def counts():
        result = []
        for client, url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries.captured_queries))
        return result

    sign_up(shift=shift_at(world.a, days=1), by=act(world.users["hub_volunteer"]))
    few = counts()
    for day in range(2, 12):
        shift = shift_at(world.a, days=day, needed=3)
        if day % 2:
            sign_up(shift=shift, by=act(world.users["hub_volunteer"]))
    assert counts() == few


def test_the_coordinators_staff_home_counts_the_shifts_that_miss_volunteers(world):
    shift_at(world.a, days=1, needed=2)
    shift_at(world.a, days=2, needed=1)
    shift_at(world.b, days=1, needed=2)
    home = reverse("portal:dashboard", kwargs={"digibank": world.a.digibank.slug})
    sections = client_for(world.users["coordinator"]).get(home).context["sections"]
    lines = [line for s in sections for line in s.lines if "miss volunteers" in line.text]
    assert [line.count for line in lines] == [2]
