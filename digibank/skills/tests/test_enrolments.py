"""Enrolling, the waiting list, cancelling (the next in line is promoted and told), changing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from digibank.core.errors import DomainError
from digibank.messaging.models import Message, MessageKind
from digibank.organisations.permissions import PUBLIC, SYSTEM
from digibank.people.models import AgeBand
from digibank.skills import services
from digibank.skills.models import EnrolmentChannel, EnrolmentStatus, Session
from digibank.skills.tests.sessions_helpers import a_module, enrol_public, scheduled
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_a_seat_is_given_while_places_are_left_then_the_waiting_list(world):
    session = scheduled(world.a, capacity=2)
    first, second, third = (enrol_public(session, name) for name in ("An", "Bo", "Cas"))
    assert [first.status, second.status, third.status] == [
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.WAITING,
    ]
    assert third.queued_at is not None
    session.refresh_from_db()
    assert session.seats_taken == 2


def test_each_enrolment_gets_a_message_in_the_outbox(world):
    session = scheduled(world.a, capacity=1)
    seated = enrol_public(session, "An")
    waiting = enrol_public(session, "Bo")
    kinds = dict(
        Message.objects.filter(recipient__in=[seated.phone]).values_list("dedupe_key", "kind")
    )
    assert kinds[f"enrolment:{seated.pk}:{MessageKind.ENROLMENT_CONFIRMED}"]
    assert Message.objects.filter(
        dedupe_key=f"enrolment:{waiting.pk}:{MessageKind.ENROLMENT_WAITING}"
    ).exists()


def test_a_cancellation_promotes_the_first_in_line_and_tells_them(world):
    session = scheduled(world.a, capacity=1)
    seated = enrol_public(session, "An")
    first_in_line = enrol_public(session, "Bo")
    second_in_line = enrol_public(session, "Cas")
    promoted = services.cancel_enrolment(by=PUBLIC, enrolment=seated)
    assert [e.pk for e in promoted] == [first_in_line.pk]
    first_in_line.refresh_from_db()
    second_in_line.refresh_from_db()
    assert first_in_line.status == EnrolmentStatus.ENROLLED
    assert second_in_line.status == EnrolmentStatus.WAITING
    message = Message.objects.get(dedupe_key=f"enrolment:{first_in_line.pk}:promoted")
    assert message.kind == MessageKind.ENROLMENT_PROMOTED
    assert message.recipient == first_in_line.phone
    assert Session.objects.get(pk=session.pk).seats_taken == 1


def test_a_larger_capacity_promotes_the_waiting_list_in_order(world):
    session = scheduled(world.a, capacity=1)
    enrol_public(session, "An")
    waiting = [enrol_public(session, name) for name in ("Bo", "Cas", "Dirk")]
    services.update_session(by=SYSTEM, session=session, capacity=3)
    statuses = [type(w).objects.get(pk=w.pk).status for w in waiting]
    assert statuses == [EnrolmentStatus.ENROLLED, EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING]


def test_it_refuses_a_capacity_below_the_seats_taken(world):
    session = scheduled(world.a, capacity=2)
    enrol_public(session, "An")
    enrol_public(session, "Bo")
    with pytest.raises(DomainError, match="hold a place already"):
        services.update_session(by=SYSTEM, session=session, capacity=1)
    assert Session.objects.get(pk=session.pk).capacity == 2


def test_it_refuses_to_enrol_the_same_person_twice(world):
    session = scheduled(world.a)
    person = world.a.person
    services.enrol(by=SYSTEM, session=session, person=person)
    with pytest.raises(DomainError, match="already enrolled"):
        services.enrol(by=SYSTEM, session=session, person=person)


def test_an_enrolment_keeps_the_persons_groups_age_band_and_municipality(world):
    person = world.a.person
    enrolment = services.enrol(
        by=act(world.a.users["coordinator"]), session=scheduled(world.a), person=person
    )
    assert enrolment.target_groups == sorted(person.target_groups.values_list("code", flat=True))
    assert enrolment.age_band == person.age_band
    assert enrolment.municipality_id == person.municipality_id
    assert enrolment.channel == EnrolmentChannel.STAFF


def test_a_public_enrolment_keeps_no_age_band(world):
    enrolment = enrol_public(scheduled(world.a))
    assert (enrolment.age_band, enrolment.target_groups) == (AgeBand.UNKNOWN, [])


def test_a_referrer_enrols_only_their_partners_people(world):
    session = scheduled(world.a)
    referrer = act(world.a.users["referrer"])
    services.enrol(by=referrer, session=session, person=world.a.referred_person)
    with pytest.raises(PermissionDenied):
        services.enrol(by=referrer, session=session, person=world.a.person)


def test_staff_of_another_digibank_cannot_enrol(world):
    with pytest.raises(PermissionDenied):
        services.enrol(
            by=act(world.b.users["coordinator"]),
            session=scheduled(world.a),
            person=world.b.person,
        )


def test_a_technician_cannot_enrol(world):
    with pytest.raises(PermissionDenied):
        services.enrol(
            by=act(world.a.users["technician"]),
            session=scheduled(world.a),
            person=world.a.person,
        )


def test_it_refuses_a_cancelled_session(world):
    session = scheduled(world.a)
    services.cancel_session(by=SYSTEM, session=session)
    with pytest.raises(DomainError, match="cancelled"):
        enrol_public(session)


def test_cancelling_a_session_cancels_its_enrolments_and_tells_each(world):
    session = scheduled(world.a, capacity=1)
    seated, waiting = enrol_public(session, "An"), enrol_public(session, "Bo")
    assert services.cancel_session(by=act(world.a.users["trainer"]), session=session) == 2
    for enrolment in (seated, waiting):
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.CANCELLED
        assert Message.objects.filter(
            dedupe_key=f"enrolment:{enrolment.pk}:session-cancelled"
        ).exists()
    assert Session.objects.get(pk=session.pk).seats_taken == 0


def test_changing_keeps_the_code_and_frees_the_old_seat(world):
    old = scheduled(world.a, capacity=1)
    new = scheduled(world.a, capacity=1, days=14)
    moving = enrol_public(old, "An")
    waiting = enrol_public(old, "Bo")
    code = moving.code
    changed = services.change_enrolment(by=PUBLIC, enrolment=moving, session=new)
    assert changed.code == code
    assert changed.session_id == new.pk
    assert changed.status == EnrolmentStatus.ENROLLED
    moving.refresh_from_db()
    waiting.refresh_from_db()
    assert moving.status == EnrolmentStatus.CANCELLED
    assert moving.code != changed.code
    assert waiting.status == EnrolmentStatus.ENROLLED


def test_it_refuses_a_change_to_another_course(world):
    old = scheduled(world.a)
    other = scheduled(world.a, module=a_module(world.a, "M02"))
    with pytest.raises(DomainError, match="same course"):
        services.change_enrolment(by=PUBLIC, enrolment=enrol_public(old), session=other)
