"""The waiting list: priority of the rule first, then the longest wait, with the reasons."""

import datetime

import pytest
from django.utils import timezone

from digibank.devices.models import DeviceKind
from digibank.lending import queries, services
from digibank.lending.models import DeviceRequest
from digibank.lending.tests.helpers import new_request, ready_device, rule, waiting_request
from digibank.organisations.permissions import access_for
from digibank.testing import act

pytestmark = pytest.mark.django_db


def submitted_days_ago(request: DeviceRequest, days: int) -> DeviceRequest:
    """Waiting time is counted in calendar days from the day the request was made.

    The request is made at noon, local time, that many calendar days back: "now minus so many
    times 24 hours" lands on the day before when a change of summer time lies in between and the
    test runs late in the evening.
    """
    day = timezone.localdate() - datetime.timedelta(days=days)
    DeviceRequest.objects.filter(pk=request.pk).update(
        submitted_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    )
    request.refresh_from_db()
    return request


def test_higher_priority_comes_first_then_the_longest_wait(world):
    # living_wage and pupil have priority 1, increased_allowance and job_seeker priority 2.
    old_priority_2 = submitted_days_ago(waiting_request(world.a, code="increased_allowance"), 90)
    new_priority_1 = submitted_days_ago(waiting_request(world.a, code="living_wage"), 3)
    old_priority_1 = submitted_days_ago(waiting_request(world.a, code="pupil"), 30)
    new_priority_2 = submitted_days_ago(waiting_request(world.a, code="job_seeker"), 1)
    access = access_for(world.a.users["coordinator"], world.a.digibank)
    ordered = list(queries.waiting_order(queries.requests_for(access)))
    assert ordered == [old_priority_1, new_priority_1, old_priority_2, new_priority_2]


def test_each_place_explains_why_it_stands_there(world):
    first = submitted_days_ago(waiting_request(world.a, code="living_wage"), 20)
    same = submitted_days_ago(waiting_request(world.a, code="debt_mediation"), 10)
    lower = submitted_days_ago(waiting_request(world.a, code="job_seeker"), 40)
    ready_device(world.a)
    ready_device(world.a, kind=DeviceKind.TABLET)
    access = access_for(world.a.users["coordinator"], world.a.digibank)
    places = {
        place.request: place for place in queries.waiting_places(access, [first, same, lower])
    }
    assert [places[r].position for r in (first, same, lower)] == [1, 2, 3]
    assert places[first].total == 3
    assert (places[same].priority, places[same].higher_priority_ahead) == (1, 0)
    assert places[same].same_priority_ahead == 1
    assert places[lower].priority == 2
    assert (places[lower].higher_priority_ahead, places[lower].same_priority_ahead) == (2, 0)
    assert places[lower].days_waiting == 40
    assert places[first].ready_devices == 1  # one ready laptop; the tablet does not count


def test_a_new_rule_priority_reorders_the_list(world):
    first = submitted_days_ago(waiting_request(world.a, code="living_wage"), 5)
    second = submitted_days_ago(waiting_request(world.a, code="job_seeker"), 50)
    services.update_rule(
        rule=rule(world.a, "job_seeker"), by=act(world.a.users["coordinator"]), priority=1
    )
    access = access_for(world.a.users["coordinator"], world.a.digibank)
    assert list(queries.waiting_order(queries.requests_for(access))) == [second, first]


def test_a_referrer_sees_the_same_positions_for_the_requests_they_may_see(world):
    others = submitted_days_ago(
        waiting_request(world.a, code="living_wage", person=world.a.person), 30
    )
    theirs = submitted_days_ago(waiting_request(world.a, code="living_wage"), 10)
    access = access_for(world.a.users["referrer"], world.a.digibank)
    visible = list(queries.waiting_order(queries.requests_for(access)))
    assert visible == [theirs]
    [place] = queries.waiting_places(access, visible)
    assert place.position == 2
    assert others.pk not in {p.request.pk for p in queries.waiting_places(access, visible)}


def test_a_released_request_keeps_its_place(world):
    coordinator = world.a.users["coordinator"]
    first = submitted_days_ago(waiting_request(world.a), 10)
    second = submitted_days_ago(waiting_request(world.a), 5)
    services.allocate(request=first, device=ready_device(world.a), by=act(coordinator))
    services.release(request=first, by=act(coordinator))
    access = access_for(coordinator, world.a.digibank)
    assert list(queries.waiting_order(queries.requests_for(access))) == [first, second]


def test_the_position_alone_is_the_place_on_the_whole_list(world):
    """`waiting_position` counts in the database what `waiting_order` sorts: the same place."""
    same_moment = timezone.now() - datetime.timedelta(days=8)
    waiting = [
        submitted_days_ago(waiting_request(world.a, code="job_seeker"), 40),
        submitted_days_ago(waiting_request(world.a, code="living_wage"), 5),
        submitted_days_ago(waiting_request(world.a, code="pupil"), 12),
        submitted_days_ago(waiting_request(world.a, code="increased_allowance"), 2),
        waiting_request(world.a, code="debt_mediation"),
        waiting_request(world.a, code="living_wage"),
    ]
    # Two requests made at the same moment: the older id goes first.
    DeviceRequest.objects.filter(pk__in=[r.pk for r in waiting[-2:]]).update(
        submitted_at=same_moment
    )
    waiting_request(world.b, code="living_wage")  # another digibank's list
    new_request(world.a)  # not on the list yet
    access = access_for(world.a.users["coordinator"], world.a.digibank)
    ordered = list(queries.waiting_order(queries.requests_for(access)))
    assert len(ordered) == 6

    positions = [queries.waiting_position(request) for request in ordered]

    assert positions == [1, 2, 3, 4, 5, 6]
    assert [place.position for place in queries.waiting_places(access, ordered)] == positions
