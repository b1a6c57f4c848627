"""The check's service verbs: start, answers, completion, linking with consent."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from digibank.core.codes import looks_like_a_code
from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.organisations.permissions import PUBLIC
from digibank.skills import services
from digibank.skills.models import Answer, SkillsCheck
from digibank.skills.tests.helpers import finished_check
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_a_public_check_keeps_only_its_answers_and_code(world):
    check = services.start_check(region=world.region, by=PUBLIC, language="nl")
    assert looks_like_a_code(check.code)
    assert check.person is None and check.digibank is None and check.assisted_by is None
    assert check.version.number == 1


def test_it_refuses_a_region_without_a_check(world):
    with pytest.raises(DomainError):
        services.start_check(region=world.other_region, by=PUBLIC, language="nl")


def test_a_helper_starts_a_check_for_their_digibank(world):
    access = act(world.a.users["hub_volunteer"])
    check = services.start_check(
        region=world.region, digibank=world.a.digibank, by=access, language="nl"
    )
    assert check.digibank == world.a.digibank
    assert check.assisted_by == world.a.users["hub_volunteer"]


@pytest.mark.parametrize("role", ["technician", "analyst"])
def test_it_refuses_a_helper_who_may_not_manage_people(world, role):
    with pytest.raises(PermissionDenied):
        services.start_check(
            region=world.region,
            digibank=world.a.digibank,
            by=act(world.a.users[role]),
            language="nl",
        )


def test_it_refuses_a_helper_of_another_digibank(world):
    with pytest.raises(PermissionDenied):
        services.start_check(
            region=world.region,
            digibank=world.b.digibank,
            by=act(world.a.users["coordinator"]),
            language="nl",
        )


@pytest.mark.parametrize(
    "answers",
    [{"XX99": Answer.ALONE}, {"FS01": "maybe"}, {"K1": "9"}, {"K1": "two"}],
)
def test_it_refuses_answers_that_do_not_belong_to_the_check(world, answers):
    check = services.start_check(region=world.region, by=PUBLIC, language="nl")
    with pytest.raises(DomainError):
        services.record_answers(check=check, answers=answers, by=PUBLIC)
    check.refresh_from_db()
    assert check.answers == {}


def test_it_refuses_to_complete_a_check_with_open_questions(world):
    check = services.start_check(region=world.region, by=PUBLIC, language="nl")
    services.record_answers(check=check, answers={"FS01": Answer.ALONE}, by=PUBLIC)
    with pytest.raises(DomainError):
        services.complete_check(check=check, by=PUBLIC)


def test_a_finished_check_keeps_its_answers(world):
    check = finished_check(world.region)
    with pytest.raises(DomainError):
        services.record_answers(check=check, answers={"FS01": Answer.NOT_YET}, by=PUBLIC)


def test_it_links_a_check_with_consent_and_records_it(world):
    check = finished_check(world.region)
    access = act(world.a.users["hub_volunteer"])
    services.link_check(check=check, person=world.a.person, consent=True, by=access)
    check.refresh_from_db()
    assert check.person == world.a.person
    assert check.digibank == world.a.digibank
    assert check.consent_at is not None
    assert check.linked_by == world.a.users["hub_volunteer"]
    entry = AuditEntry.objects.get(object_type="skills.skillscheck", object_id=str(check.pk))
    assert entry.fields == ["consent_at", "person"]
    assert entry.actor == world.a.users["hub_volunteer"]


def test_it_refuses_to_link_without_consent(world):
    check = finished_check(world.region)
    access = act(world.a.users["hub_volunteer"])
    with pytest.raises(DomainError) as refused:
        services.link_check(check=check, person=world.a.person, consent=False, by=access)
    assert refused.value.field == "consent"
    check.refresh_from_db()
    assert check.person is None


def test_it_refuses_to_link_a_check_to_a_second_person(world):
    check = finished_check(world.region)
    access = act(world.a.users["coordinator"])
    services.link_check(check=check, person=world.a.person, consent=True, by=access)
    with pytest.raises(DomainError):
        services.link_check(check=check, person=world.a.referred_person, consent=True, by=access)


def test_a_referrer_links_only_their_partners_people(world):
    check = finished_check(world.region)
    referrer = act(world.a.users["referrer"])
    with pytest.raises(PermissionDenied):
        services.link_check(check=check, person=world.a.person, consent=True, by=referrer)
    services.link_check(check=check, person=world.a.referred_person, consent=True, by=referrer)


def test_the_database_refuses_a_person_without_consent(world):
    from django.db import IntegrityError, transaction

    check = finished_check(world.region)
    with pytest.raises(IntegrityError), transaction.atomic():
        SkillsCheck.objects.filter(pk=check.pk).update(person=world.a.person)


def test_answers_from_a_second_tab_add_to_those_kept(world):
    check = services.start_check(region=world.region, by=PUBLIC, language="nl")
    first_tab = SkillsCheck.objects.get(pk=check.pk)
    second_tab = SkillsCheck.objects.get(pk=check.pk)
    services.record_answers(check=first_tab, answers={"FS01": Answer.ALONE}, by=PUBLIC)
    services.record_answers(check=second_tab, answers={"IN01": Answer.HELP}, by=PUBLIC)
    check.refresh_from_db()
    assert check.answers == {"FS01": Answer.ALONE, "IN01": Answer.HELP}
