"""The trainer's pages: their sessions, taking attendance in one form, the participants and the
certificates, for staff and, with the reference code, for the participant."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from digibank.core.codes import display_code
from digibank.core.models import ThrottledAttempt
from digibank.organisations.permissions import SYSTEM
from digibank.skills.models import EnrolmentStatus
from digibank.skills.services.attendance import record_attendance
from digibank.skills.tests.attendance_helpers import dates_of, enrolled, session_on

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"skills:{name}", kwargs={"digibank": "mechelen", **kwargs})


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def test_the_trainer_takes_attendance_in_one_form_and_gets_the_certificates(client, world):
    session = session_on(world.a, days=(0,))
    ann, bob = enrolled(session, name="Ann Peeters"), enrolled(session, name="Bob Maes")
    (today,) = dates_of(session)
    client.force_login(world.a.users["trainer"])
    page = client.get(url("take_attendance", session_id=session.pk, date_id=today.pk))
    text = page.content.decode()
    assert text.count('type="checkbox" name="present"') == 2 and "Ann Peeters" in text
    done = client.post(
        url("take_attendance", session_id=session.pk, date_id=today.pk),
        {"present": [ann.pk]},
        follow=True,
    )
    text = done.content.decode()
    assert "Attendance saved: 1 present, 1 absent." in text
    assert "1 person completed the module" in text
    ann.refresh_from_db(), bob.refresh_from_db()
    assert (ann.status, bob.status) == (EnrolmentStatus.COMPLETED, EnrolmentStatus.NO_SHOW)
    certificate = url("staff_certificate", enrolment_id=ann.pk)
    assert certificate in text
    assert url("staff_certificate", enrolment_id=bob.pk) not in text
    pdf = client.get(certificate)
    assert pdf["Content-Type"] == "application/pdf"
    assert "Ann Peeters" in pdf_text(pdf.content)
    assert client.get(url("staff_certificate", enrolment_id=bob.pk)).status_code == 404


def test_the_form_shows_what_was_taken_and_refuses_a_stranger(client, world):
    session = session_on(world.a, days=(0,))
    ann = enrolled(session)
    (today,) = dates_of(session)
    record_attendance(session_date=today, present=[ann.pk], by=SYSTEM)
    client.force_login(world.a.users["coordinator"])
    address = url("take_attendance", session_id=session.pk, date_id=today.pk)
    text = client.get(address).content.decode()
    assert "checked" in text and "Attendance was taken for this date already" in text
    stranger = enrolled(session_on(world.a, days=(0,)))
    refused = client.post(address, {"present": [stranger.pk]})
    assert refused.status_code == 422
    assert "not a participant of the session" in refused.content.decode()
    assert client.post(address, {"present": ["x"]}).status_code == 422


def test_a_date_still_to_come_cannot_be_taken(client, world):
    session = session_on(world.a, days=(2,))
    (later,) = dates_of(session)
    client.force_login(world.a.users["trainer"])
    refused = client.post(url("take_attendance", session_id=session.pk, date_id=later.pk), {})
    assert "on the day of the session" in refused.content.decode()
    overview = client.get(url("session_attendance", session_id=session.pk)).content.decode()
    assert "still to come" in overview


def test_a_trainer_sees_their_own_sessions_and_all_on_request(client, world):
    own = session_on(world.a, days=(1,))
    other = session_on(world.a, days=(1,), key="M03", trainer=world.a.users["coordinator"])
    client.force_login(world.a.users["trainer"])
    mine = client.get(url("teaching")).content.decode()
    assert url("session_attendance", session_id=own.pk) in mine
    assert url("session_attendance", session_id=other.pk) not in mine
    every = client.get(url("teaching") + "?all=yes").content.decode()
    assert url("session_attendance", session_id=other.pk) in every


def test_the_session_page_lists_participants_waiting_list_and_materials(client, world):
    session = session_on(world.a, days=(0,), capacity=1)
    session.module.materials = "Bring your own smartphone"
    session.module.save(update_fields=["materials"])
    enrolled(session, name="Ann Peeters")
    waiting = enrolled(session_on(world.a, days=(0,)), name="Cas Claes")
    type(waiting).objects.filter(pk=waiting.pk).update(
        session=session, status=EnrolmentStatus.WAITING
    )
    client.force_login(world.a.users["trainer"])
    text = client.get(url("session_attendance", session_id=session.pk)).content.decode()
    assert "Ann Peeters" in text and "Cas Claes" in text
    assert "Bring your own smartphone" in text and "1 of 1" in text


@pytest.mark.parametrize("name", ["teaching", "session_attendance"])
def test_the_trainers_lists_cost_the_same_queries_for_more_rows(
    client, world, django_assert_max_num_queries, name
):
    session = session_on(world.a, days=(-1, 0))
    first, _last = dates_of(session)
    kwargs = {"session_id": session.pk} if name == "session_attendance" else {}
    client.force_login(world.a.users["trainer"])
    enrolled(session)
    client.get(url(name, **kwargs))
    with django_assert_max_num_queries(30) as small:
        client.get(url(name, **kwargs))
    people = [enrolled(session) for _ in range(4)]
    record_attendance(session_date=first, present=[p.pk for p in people], by=SYSTEM)
    for _ in range(3):
        enrolled(session_on(world.a, days=(1, 2)))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url(name, **kwargs)).status_code == 200


def test_the_participant_downloads_the_certificate_with_the_reference_code(client, world):
    session = session_on(world.a, days=(0,))
    ann, bob = enrolled(session, name="Ann Peeters"), enrolled(session, name="Bob Maes")
    (today,) = dates_of(session)
    record_attendance(session_date=today, present=[ann.pk], by=SYSTEM)
    address = reverse("skills:public_certificate")
    assert client.get(address).status_code == 200
    pdf = client.post(address, {"code": display_code(ann.code).lower()})
    assert pdf["Content-Type"] == "application/pdf"
    assert "Ann Peeters" in pdf_text(pdf.content)
    not_yet = client.post(address, {"code": bob.code}).content.decode()
    assert "There is no certificate for this enrolment yet." in not_yet
    assert not ThrottledAttempt.objects.exists()
    unknown = client.post(address, {"code": "ACDEFHJK"})
    assert "We cannot find an enrolment with this code." in unknown.content.decode()
    assert ThrottledAttempt.objects.count() == 1


def test_too_many_unknown_codes_are_refused(client, world, settings):
    settings.REFERENCE_LOOKUP_FAILURE_LIMIT = 2
    address = reverse("skills:public_certificate")
    for _ in range(2):
        client.post(address, {"code": "ACDEFHJK"})
    refused = client.post(address, {"code": "ACDEFHJK"})
    assert refused.status_code == 429 and refused["Retry-After"]


def test_the_enrolment_page_found_with_the_code_offers_the_certificate(client, world):
    session = session_on(world.a, days=(0,))
    ann = enrolled(session, name="Ann Peeters")
    (today,) = dates_of(session)
    certificate = reverse("skills:enrolment_certificate")
    assert client.get(certificate).status_code == 302
    client.post(reverse("skills:enrolment_find"), {"code": ann.code})
    manage = reverse("skills:enrolment_manage")
    assert certificate not in client.get(manage).content.decode()
    assert client.get(certificate).status_code == 302
    record_attendance(session_date=today, present=[ann.pk], by=SYSTEM)
    assert certificate in client.get(manage).content.decode()
    pdf = client.get(certificate)
    assert pdf["Content-Type"] == "application/pdf"
    assert "Ann Peeters" in pdf_text(pdf.content)
