"""Issue 11's whole learning journey in Chromium, from the skills check to the certificate.

A resident takes the public skills check with the keyboard only and gets recommendations; from
the result page they follow a recommended module's next session, which is full, and land on its
waiting list; the person holding the seat cancels with their code and the resident is promoted
and told through the outbox; the trainer records attendance for every date of the session; the
resident downloads their certificate with the reference code. axe-core checks every page visited.

The check with JavaScript off is `test_skills_journey.test_the_skills_check_completes_with_
javascript_off`; it is not repeated here.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.db.models import F
from django.urls import reverse

from digibank.devices.tests.helpers import pdf_text
from digibank.messaging.models import Message, MessageKind
from digibank.organisations.permissions import SYSTEM
from digibank.skills import services
from digibank.skills.models import Enrolment, EnrolmentStatus, Session, SessionDate, SkillsCheck
from digibank.skills.tests.sessions_helpers import a_module, enrol_public, next_week
from digibank.testing import World
from tests.e2e.skills_steps import (
    answer_with_the_keyboard,
    find_enrolment_with_code,
    on_a_question_page,
)
from tests.e2e.steps import (
    continue_with_keyboard,
    dutch,
    enter,
    go,
    log_in,
    open_page,
    path_of,
    tab_to,
)

pytestmark = pytest.mark.e2e

RESIDENT = "Mina Peeters"
VIDEO_CALLING = "M03"  # recommended when every communication statement is answered "not yet"


def _move_into_the_past(session: Session, days: int) -> None:
    """Every date of the session `days` earlier, as if the course had taken place."""
    shift = datetime.timedelta(days=days)
    SessionDate.objects.filter(session=session).update(
        starts=F("starts") - shift, ends=F("ends") - shift
    )
    Session.objects.filter(pk=session.pk).update(
        starts_at=F("starts_at") - shift, ends_at=F("ends_at") - shift
    )


def test_a_resident_goes_from_the_skills_check_to_a_certificate(
    new_context, live_server, e2e_world: World
):
    bank = e2e_world.a
    trainer = bank.users["trainer"]
    session = services.schedule_session(
        by=SYSTEM,
        digibank=bank.digibank,
        module=a_module(bank, VIDEO_CALLING),
        dates=[next_week(7), next_week(8)],
        capacity=1,
        hub=bank.hub,
        trainer=trainer,
    )
    other = enrol_public(session, "An Janssens")  # the only seat: the session is full
    assert other.status == EnrolmentStatus.ENROLLED

    # The skills check, keyboard only: Tab, Space, arrows and Enter.
    page = new_context(accept_downloads=True).new_page()
    open_page(page, live_server.url + reverse("portal:home"))
    tab_to(page, f'main a[href="{reverse("skills:public_start")}"]')
    enter(page)
    continue_with_keyboard(page)
    assert path_of(page) == reverse("skills:public_step", kwargs={"step": "1"})
    while on_a_question_page(page):
        answer_with_the_keyboard(page)
    assert path_of(page) == reverse("skills:public_finish")
    continue_with_keyboard(page)
    assert path_of(page) == reverse("skills:public_result")
    check = SkillsCheck.objects.get()
    assert check.is_complete and check.person is None

    # The recommendations name the module, with its next session, full.
    modules = page.locator("main .module-list__item")
    assert 1 <= modules.count() <= 3
    session_link = f'a[href="{reverse("skills:session_page", args=[session.pk])}"]'
    video = modules.filter(has=page.locator(session_link))
    assert video.count() == 1
    assert "Videobellen" in video.inner_text()
    assert dutch("full: waiting list") in video.inner_text()
    tab_to(page, f"main {session_link}")
    enter(page)

    # Enrolling in the full session puts the resident on the waiting list.
    tab_to(page, f'main a[href="{reverse("skills:enrol_name", args=[session.pk])}"]')
    enter(page)
    tab_to(page, "main input[name=name]")
    page.keyboard.type(RESIDENT)
    continue_with_keyboard(page)
    tab_to(page, "main input[name=phone]")
    page.keyboard.type("0470 12 34 56")
    continue_with_keyboard(page)
    assert path_of(page) == reverse("skills:enrol_check", args=[session.pk])
    continue_with_keyboard(page)
    assert path_of(page) == reverse("skills:enrolment_done")
    code = page.inner_text(".reference-code").strip()
    mine = Enrolment.objects.get(name=RESIDENT)
    assert mine.session_id == session.pk
    assert mine.status == EnrolmentStatus.WAITING
    assert code.replace("-", "") == mine.code
    assert not Message.objects.filter(kind=MessageKind.ENROLMENT_PROMOTED).exists()

    # The person holding the seat cancels with their code, in their own browser.
    theirs = new_context().new_page()
    find_enrolment_with_code(theirs, live_server.url, other.code)
    tab_to(theirs, f'main a[href="{reverse("skills:enrolment_cancel")}"]')
    enter(theirs)
    continue_with_keyboard(theirs)
    assert Enrolment.objects.get(pk=other.pk).status == EnrolmentStatus.CANCELLED

    # The resident is promoted and told through the outbox.
    mine.refresh_from_db()
    assert mine.status == EnrolmentStatus.ENROLLED
    promoted = Message.objects.filter(kind=MessageKind.ENROLMENT_PROMOTED)
    assert list(promoted.values_list("recipient", flat=True)) == [mine.phone]

    # The course takes place; the trainer records attendance for every date.
    _move_into_the_past(session, days=10)
    staff = new_context().new_page()
    log_in(staff, live_server.url, trainer)
    slug = bank.digibank.slug
    open_page(staff, live_server.url + reverse("skills:teaching", kwargs={"digibank": slug}))
    session_page = reverse(
        "skills:session_attendance", kwargs={"digibank": slug, "session_id": session.pk}
    )
    go(staff, lambda: staff.locator(f'main a[href="{session_page}"]').click())
    dates = list(SessionDate.objects.filter(session=session).order_by("starts"))
    assert len(dates) == 2
    for date in dates:
        take = reverse(
            "skills:take_attendance",
            kwargs={"digibank": slug, "session_id": session.pk, "date_id": date.pk},
        )
        link = staff.locator(f'main a[href="{take}"]')
        go(staff, link.click)
        boxes = staff.locator("main input[type=checkbox][name=present]")
        assert boxes.count() == 1  # the cancelled participant is not on the list
        staff.locator(f'label[for="present-{mine.pk}"]').click()
        assert staff.locator(f"#present-{mine.pk}").is_checked()
        go(staff, lambda: staff.locator("main form button[type=submit]").click())
        assert path_of(staff) == session_page
    mine.refresh_from_db()
    assert mine.status == EnrolmentStatus.COMPLETED

    # The certificate, downloaded by the resident with their reference code.
    open_page(page, live_server.url + reverse("skills:public_certificate"))
    tab_to(page, "#id_code")
    page.keyboard.type(code)
    with page.expect_download() as download:
        page.locator("main form button[type=submit]").click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF-")
    assert RESIDENT in pdf_text(content)
