"""Issue 13's "a coordinator builds a personal plan from a skills-check result", in Chromium.

The coordinator opens a person whose skills check is kept with their record, clicks "Make a
personal plan", finds the modules of the person's weak areas ticked, picks a session, a device and
a help appointment, sends the one form and sees the plan with its three steps in their current
state; then records a follow-up. axe-core checks every page visited.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from digibank.plans.models import PersonalPlan, PlanStatus
from digibank.plans.tests.helpers import start
from digibank.testing import World
from tests.e2e.steps import dutch, go, log_in, open_page, submit

pytestmark = pytest.mark.e2e


def test_a_coordinator_builds_a_personal_plan_from_a_skills_check(
    new_context, live_server, e2e_world: World
):
    bank = e2e_world.a
    begin = start(bank)
    page = new_context().new_page()
    base = live_server.url
    log_in(page, base, bank.users["coordinator"])
    open_page(
        page,
        base
        + reverse("people:detail", kwargs={"digibank": "mechelen", "person_id": begin.person.pk}),
    )
    go(page, lambda: page.get_by_role("link", name=dutch("Make a personal plan")).first.click())

    assert page.locator(f"input[name='modules'][value='{begin.module.pk}']").is_checked()
    others = page.locator(f"input[name='modules']:not([value='{begin.module.pk}'])")
    for index in range(others.count()):
        others.nth(index).uncheck()  # one module is enough for now
    page.locator(f"input[name='session_{begin.module.pk}'][value='{begin.session.pk}']").check()
    assert page.locator("#id_request_device").is_checked()
    page.locator("#id_device_kind").select_option("laptop")
    page.locator("input[name='needs'][value='school']").check()
    assert page.locator("#id_book_appointment").is_checked()
    page.locator("#id_topic").select_option(str(begin.topic.pk))
    page.locator("#id_slot").select_option(str(begin.slot.pk))
    submit(page)

    plan = PersonalPlan.objects.get()
    assert page.url.endswith(
        reverse("plans:detail", kwargs={"digibank": "mechelen", "plan_id": plan.pk})
    )
    steps = page.locator("main table tbody tr")
    assert steps.count() == 3
    text = page.locator("main").inner_text()
    for state in ("enrolled", "submitted", "booked"):
        assert dutch(state).capitalize() in text

    page.get_by_label(dutch("What came of the plan so far")).fill("Came to the first session")
    page.get_by_label(dutch("Close the plan")).check()
    submit(page)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED
    assert "Came to the first session" in page.locator("main").inner_text()


def test_a_coordinator_chooses_the_session_of_a_step_left_for_later(
    new_context, live_server, e2e_world: World
):
    """The plan is made with 'No session yet'; later, from the plan's page, the coordinator
    sends the choice empty (the error is next to the field), then picks the session and sees the
    step enrolled."""
    bank = e2e_world.a
    begin = start(bank)
    page = new_context().new_page()
    base = live_server.url
    log_in(page, base, bank.users["coordinator"])
    open_page(
        page,
        base + reverse("plans:new", kwargs={"digibank": "mechelen", "person_id": begin.person.pk}),
    )
    others = page.locator(f"input[name='modules']:not([value='{begin.module.pk}'])")
    for index in range(others.count()):
        others.nth(index).uncheck()
    assert page.locator(f"input[name='session_{begin.module.pk}'][value='']").is_checked()
    page.locator("#id_request_device").uncheck()
    page.locator("#id_book_appointment").uncheck()
    submit(page)
    assert dutch("To enrol later") in page.locator("main table").inner_text()

    go(page, lambda: page.get_by_role("link", name=dutch("Choose a session")).click())
    submit(page)  # nothing chosen
    assert page.locator(".error-summary").is_visible()
    assert dutch("Choose a session.") in page.locator("#id_session_error").inner_text()
    page.locator(f"input[name='session'][value='{begin.session.pk}']").check()
    submit(page)

    plan = PersonalPlan.objects.get()
    assert page.url.endswith(
        reverse("plans:detail", kwargs={"digibank": "mechelen", "plan_id": plan.pk})
    )
    assert dutch("enrolled").capitalize() in page.locator("main table").inner_text()
    assert page.get_by_role("link", name=dutch("Choose a session")).count() == 0
