"""A trainer takes attendance on a phone with JavaScript off: from the staff home to the session,
one tap per participant and one button; the participant who came completes the module, and the
certificate is downloaded by the trainer and, with the reference code, by the participant.
axe-core checks every page on the way."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from digibank.devices.tests.helpers import pdf_text
from digibank.skills.models import EnrolmentStatus, SessionDate
from digibank.skills.tests.attendance_helpers import enrolled, session_on
from digibank.testing import World
from tests.e2e.browser import PHONE
from tests.e2e.steps import dutch, go, log_in, open_page, path_of

pytestmark = pytest.mark.e2e


def _download(page: Page, selector: str) -> str:
    with page.expect_download() as download:
        page.locator(selector).first.click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF-")
    return pdf_text(content)


def test_a_trainer_takes_attendance_on_a_phone_and_a_certificate_is_issued(
    new_context, live_server, e2e_world: World
):
    trainer = e2e_world.a.users["trainer"]
    session = session_on(e2e_world.a, days=(-1,), key="M02")  # yesterday: surely started
    came = enrolled(session, person=e2e_world.a.person)
    absent = enrolled(session, name="Bob Maes")
    page = new_context(viewport=PHONE, java_script_enabled=False, accept_downloads=True).new_page()
    log_in(page, live_server.url, trainer)
    open_page(page, live_server.url + reverse("portal:dashboard", kwargs={"digibank": "mechelen"}))
    # The date that started waits for its attendance: the home's line leads to "My sessions".
    teaching = reverse("skills:teaching", kwargs={"digibank": "mechelen"})
    go(page, lambda: page.locator(f'main a[href="{teaching}"]').click())
    session_page = reverse(
        "skills:session_attendance", kwargs={"digibank": "mechelen", "session_id": session.pk}
    )
    go(page, lambda: page.locator(f'main a[href="{session_page}"]').click())
    date = SessionDate.objects.get(session=session)
    take = reverse(
        "skills:take_attendance",
        kwargs={"digibank": "mechelen", "session_id": session.pk, "date_id": date.pk},
    )
    go(page, lambda: page.locator(f'main a[href="{take}"]').click())
    boxes = page.locator("main input[type=checkbox][name=present]")
    assert boxes.count() == 2
    box = page.locator(f"#present-{came.pk}").bounding_box()
    assert box is not None and box["height"] >= 24
    page.locator(f'label[for="present-{came.pk}"]').click()  # the whole row is the target
    assert page.locator(f"#present-{came.pk}").is_checked()
    go(page, lambda: page.locator("main form button[type=submit]").click())
    assert path_of(page) == session_page
    text = page.inner_text("main")
    assert "1 persoon heeft de module afgerond" in page.content()
    assert dutch("completed") in text.lower()
    came.refresh_from_db()
    absent.refresh_from_db()
    assert (came.status, absent.status) == (EnrolmentStatus.COMPLETED, EnrolmentStatus.NO_SHOW)
    certificate = reverse(
        "skills:staff_certificate", kwargs={"digibank": "mechelen", "enrolment_id": came.pk}
    )
    staff_copy = _download(page, f'main a[href="{certificate}"]')
    assert "Attest" in staff_copy and e2e_world.a.person.last_name in staff_copy

    # The participant, in their own browser, with the reference code of the enrolment.
    resident = new_context(viewport=PHONE, accept_downloads=True).new_page()
    open_page(resident, live_server.url + reverse("skills:public_certificate"))
    resident.fill("#id_code", came.code.lower())
    own_copy = _download(resident, "main form button[type=submit]")
    assert e2e_world.a.person.last_name in own_copy
