"""The plan pages: the proposal pre-filled, one form made into a plan, refusals next to their
field with nothing typed lost, the plan with its steps' live state, the follow-up, the section of
the person's page and the line on the coordinator's staff home."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from digibank.help import services as help_services
from digibank.help.tests.helpers import book
from digibank.organisations.permissions import Perm, access_for
from digibank.plans.models import PersonalPlan, PlanStatus
from digibank.plans.tests.helpers import make, start
from digibank.skills.tests.sessions_helpers import enrol_public
from digibank.testing import ROLES, act

pytestmark = pytest.mark.django_db


def new_url(person):
    return reverse("plans:new", kwargs={"digibank": "mechelen", "person_id": person.pk})


def plan_url(plan):
    return reverse("plans:detail", kwargs={"digibank": "mechelen", "plan_id": plan.pk})


def filled(begin, **extra):
    data = {
        "modules": [str(begin.module.pk)],
        f"session_{begin.module.pk}": str(begin.session.pk),
        "request_device": "on",
        "device_kind": "laptop",
        "needs": ["school"],
        "book_appointment": "on",
        "topic": str(begin.topic.pk),
        "slot": str(begin.slot.pk),
        "follow_up_on": str(timezone.localdate() + datetime.timedelta(days=14)),
        "note": "Wants to follow the course with her neighbour",
    }
    data.update(extra)
    return data


def test_the_page_proposes_the_recommended_modules_ticked_with_their_sessions(client, world):
    begin = start(world.a)
    client.force_login(world.a.users["coordinator"])
    page = client.get(new_url(begin.person))
    form = page.context["form"]
    assert begin.module.pk in form.initial["modules"]
    assert form.initial["request_device"] is True
    assert form.initial["book_appointment"] is True
    text = page.content.decode()
    assert "Areas to work on" in text
    assert f'name="session_{begin.module.pk}" value="{begin.session.pk}"' in text


def test_one_form_makes_the_plan_and_the_plan_page_shows_each_step_live(client, world):
    begin = start(world.a)
    client.force_login(world.a.users["coordinator"])
    response = client.post(new_url(begin.person), filled(begin))
    plan = PersonalPlan.objects.get()
    assert response.status_code == 302 and response.url == plan_url(plan)
    text = client.get(plan_url(plan)).content.decode()
    assert "Enrolled" in text and "Submitted" in text and "Booked" in text
    maker = world.a.users["coordinator"]
    assert f"by {maker.get_full_name()}" in text and maker.username not in text
    appointment = plan.steps.get(kind="appointment").appointment
    help_services.cancel_appointment(appointment=appointment, by=act(world.a.users["coordinator"]))
    assert "Cancelled" in client.get(plan_url(plan)).content.decode()


def test_a_taken_time_is_said_next_to_the_field_and_the_typed_values_stay(client, world):
    begin = start(world.a)
    book(world.a, begin.slot)
    client.force_login(world.a.users["coordinator"])
    page = client.get(new_url(begin.person))
    assert page.status_code == 200
    book(world.a, begin.slot)  # the last seat goes while the form is open
    response = client.post(new_url(begin.person), filled(begin))
    assert response.status_code == 200
    text = response.content.decode()
    assert text.index('class="error-summary"') < text.index('name="modules"')
    assert "This time is fully booked" in text
    assert 'href="#id_slot"' in text
    assert "Wants to follow the course with her neighbour" in text
    assert f'value="{begin.session.pk}" id="id_session_{begin.module.pk}_1" checked' in text
    assert not PersonalPlan.objects.exists()


def test_a_full_session_is_said_next_to_its_field(client, world):
    begin = start(world.a, capacity=1)
    enrol_public(begin.session)
    client.force_login(world.a.users["coordinator"])
    response = client.post(new_url(begin.person), filled(begin))
    assert response.status_code == 200
    assert "This session is full" in response.content.decode()
    assert response.context["form"].errors[f"session_{begin.module.pk}"]
    assert not PersonalPlan.objects.exists()


def test_bad_input_keeps_what_was_typed(client, world):
    begin = start(world.a)
    client.force_login(world.a.users["coordinator"])
    response = client.post(
        new_url(begin.person), filled(begin, needs=[], slot="", follow_up_on="not a date")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"needs", "slot", "follow_up_on"}
    assert "Wants to follow the course with her neighbour" in response.content.decode()
    assert not PersonalPlan.objects.exists()


def test_the_follow_up_is_recorded_and_a_bad_date_is_refused(client, world):
    plan = make(world.a, start(world.a))
    client.force_login(world.a.users["coordinator"])
    url = reverse("plans:follow_up", kwargs={"digibank": "mechelen", "plan_id": plan.pk})
    refused = client.post(url, {"note": "Called her"})
    assert refused.status_code == 200 and "Called her" in refused.content.decode()
    assert "Give the date of the next follow-up" in refused.content.decode()
    assert client.post(url, {"note": "Called her", "close": "on"}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED


def test_the_plan_page_costs_the_same_queries_with_more_steps(
    client, world, django_assert_max_num_queries
):
    begin = start(world.a)
    small = make(world.a, begin, device=None, appointment=None)
    client.force_login(world.a.users["coordinator"])
    client.get(plan_url(small))
    with django_assert_max_num_queries(40) as counted:
        client.get(plan_url(small))
    big = make(world.a, begin, modules=[])
    with django_assert_max_num_queries(len(counted.captured_queries)):
        client.get(plan_url(big))


def test_the_person_page_shows_the_plans_to_the_coordinator_only(client, world):
    plan = make(world.a, start(world.a))
    person_url = reverse(
        "people:detail", kwargs={"digibank": "mechelen", "person_id": plan.person.pk}
    )
    client.force_login(world.a.users["coordinator"])
    text = client.get(person_url).content.decode()
    assert "plans-heading" in text and plan_url(plan) in text
    assert new_url(plan.person) in text
    client.force_login(world.a.users["hub_volunteer"])
    text = client.get(person_url).content.decode()
    assert "plans-heading" not in text and new_url(plan.person) not in text


def test_plans_due_appear_on_the_coordinator_home(client, world):
    plan = make(world.a, start(world.a))
    PersonalPlan.objects.filter(pk=plan.pk).update(follow_up_on=timezone.localdate())
    client.force_login(world.a.users["coordinator"])
    home = client.get(reverse("portal:dashboard", kwargs={"digibank": "mechelen"}))
    assert "personal plan due for a follow-up" in home.content.decode()
    listing = client.get(reverse("plans:list", kwargs={"digibank": "mechelen"}))
    assert plan_url(plan) in listing.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_menu_leads_to_the_plans_for_the_roles_that_make_them(client, world, role):
    user = world.a.users[role]
    client.force_login(user)
    home = client.get(reverse("portal:dashboard", kwargs={"digibank": "mechelen"}))
    link = f'<a href="{reverse("plans:list", kwargs={"digibank": "mechelen"})}"'
    may = access_for(user, world.a.digibank).can(Perm.MANAGE_PLANS)
    assert home.status_code == 200
    assert (link in home.content.decode()) is may
    assert may is (role == "coordinator")
    if may:
        listing = client.get(reverse("plans:list", kwargs={"digibank": "mechelen"}))
        assert f'{link} aria-current="page">Personal plans</a>' in listing.content.decode()
