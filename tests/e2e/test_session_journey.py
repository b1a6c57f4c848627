"""Finding a course session and enrolling without an account, in Chromium: the resident finds a
session, enrols in a full one and lands on the waiting list; someone else cancels with their code
and the resident is promoted and told. axe-core checks every page on the way."""

from __future__ import annotations

import pytest
from django.urls import reverse

from digibank.messaging.models import Message, MessageKind
from digibank.skills.models import Enrolment, EnrolmentStatus
from digibank.skills.tests.sessions_helpers import enrol_public, scheduled
from digibank.testing import World
from tests.e2e.skills_steps import find_enrolment_with_code
from tests.e2e.steps import continue_with_keyboard, enter, go, open_page, path_of, tab_to

pytestmark = pytest.mark.e2e


def test_a_resident_joins_a_full_sessions_waiting_list_and_is_promoted_after_a_cancellation(
    new_context, live_server, e2e_world: World
):
    session = scheduled(e2e_world.a, capacity=1)
    other = enrol_public(session, "An Janssens")
    page = new_context().new_page()

    open_page(page, live_server.url + reverse("portal:home"))
    tab_to(page, f'main a[href="{reverse("skills:session_finder")}"]')
    enter(page)
    go(page, lambda: page.locator("main form button[type=submit]").click())
    go(
        page,
        lambda: page.locator(
            f'main a[href="{reverse("skills:session_page", args=[session.pk])}"]'
        ).click(),
    )
    tab_to(page, f'main a[href="{reverse("skills:enrol_name", args=[session.pk])}"]')
    enter(page)
    tab_to(page, "main input[name=name]")
    page.keyboard.type("Mina Peeters")
    continue_with_keyboard(page)
    tab_to(page, "main input[name=phone]")
    page.keyboard.type("0470 12 34 56")
    continue_with_keyboard(page)
    assert path_of(page) == reverse("skills:enrol_check", args=[session.pk])
    continue_with_keyboard(page)
    assert path_of(page) == reverse("skills:enrolment_done")
    code = page.inner_text(".reference-code").strip()
    mine = Enrolment.objects.get(name="Mina Peeters")
    assert mine.status == EnrolmentStatus.WAITING
    assert code.replace("-", "") == mine.code

    # The other participant cancels with their code, in their own browser.
    theirs = new_context().new_page()
    find_enrolment_with_code(theirs, live_server.url, other.code)
    tab_to(theirs, f'main a[href="{reverse("skills:enrolment_cancel")}"]')
    enter(theirs)
    continue_with_keyboard(theirs)
    assert Enrolment.objects.get(pk=other.pk).status == EnrolmentStatus.CANCELLED

    # The resident is promoted and told through the outbox; their page says so.
    mine.refresh_from_db()
    assert mine.status == EnrolmentStatus.ENROLLED
    assert Message.objects.filter(
        kind=MessageKind.ENROLMENT_PROMOTED, recipient=mine.phone
    ).exists()
    find_enrolment_with_code(page, live_server.url, code)
    assert "ingeschreven" in page.inner_text("main")  # the status, in Dutch
