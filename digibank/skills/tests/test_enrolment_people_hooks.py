"""Erasing or merging a person reaches their enrolments; the figures kept at enrolment stay."""

from __future__ import annotations

import pytest

from digibank.core.errors import DomainError
from digibank.organisations.permissions import SYSTEM
from digibank.people.services import delete_person, merge_people, register_person
from digibank.skills import services
from digibank.skills.models import Enrolment, EnrolmentStatus, Session
from digibank.skills.tests.sessions_helpers import enrol_public, scheduled
from digibank.testing import act

pytestmark = pytest.mark.django_db


def _twin(world):
    return register_person(
        digibank=world.a.digibank,
        by=act(world.a.users["coordinator"]),
        first_name="Marie",
        last_name="Peeters-Twin",
        birth_year=1950,
        contact_method="none",
    )


def test_erasing_cancels_open_enrolments_promotes_the_next_and_names_nobody(world):
    session = scheduled(world.a, capacity=1)
    enrolment = services.enrol(by=SYSTEM, session=session, person=world.a.person)
    groups, band = enrolment.target_groups, enrolment.age_band
    waiting = enrol_public(session, "Bo")
    delete_person(person=world.a.person, by=act(world.a.users["coordinator"]))
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    assert enrolment.person is None and enrolment.name == "" and enrolment.phone == ""
    assert enrolment.status == EnrolmentStatus.CANCELLED
    assert (enrolment.target_groups, enrolment.age_band) == (groups, band)
    assert Enrolment.objects.get(pk=waiting.pk).status == EnrolmentStatus.ENROLLED
    assert Session.objects.get(pk=session.pk).seats_taken == 1


def test_merging_moves_enrolments_to_the_record_that_stays(world):
    twin = _twin(world)
    enrolment = services.enrol(by=SYSTEM, session=scheduled(world.a), person=twin)
    merge_people(keep=world.a.person, remove=twin, by=act(world.a.users["coordinator"]))
    assert Enrolment.objects.get(pk=enrolment.pk).person == world.a.person


def test_merging_two_records_enrolled_in_one_session_is_refused(world):
    twin = _twin(world)
    session = scheduled(world.a)
    services.enrol(by=SYSTEM, session=session, person=twin)
    services.enrol(by=SYSTEM, session=session, person=world.a.person)
    with pytest.raises(DomainError):
        merge_people(keep=world.a.person, remove=twin, by=act(world.a.users["coordinator"]))
