import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, AuditEntry
from digibank.organisations.models import Municipality, Partner, PartnerKind
from digibank.people import services
from digibank.people.models import Consent, ConsentPurpose, Person, TargetGroup
from digibank.people.tests.helpers import register
from digibank.testing import act

pytestmark = pytest.mark.django_db


def entries_for(person, action):
    return AuditEntry.objects.filter(
        object_type="people.person", object_id=str(person.pk), action=action
    )


def test_it_registers_a_person_and_audits_the_field_names(world):
    person = register(
        world.a,
        first_name="Élise",
        last_name="Van den Broeck",
        contact_method="phone",
        phone="0470 12 34 56",
        birth_year=1956,
        consents=[ConsentPurpose.REGISTRATION],
    )
    assert person.digibank == world.a.digibank
    assert person.match_key == "elise vandenbroeck"
    entry = entries_for(person, AuditAction.CREATE).get()
    assert entry.actor == world.users["coordinator"]
    assert {"first_name", "last_name", "phone", "birth_year", "consents"} <= set(entry.fields)
    assert "email" not in entry.fields


def test_it_finds_the_municipality_from_the_postcode(world):
    person = register(world.a, postcode=world.a.hub.postcode)
    assert person.municipality == world.a.hub.municipality


def test_it_leaves_the_municipality_empty_for_a_postcode_outside_the_digibank(world):
    person = register(world.a, postcode=world.b.hub.postcode)
    assert person.municipality is None


def test_it_refuses_a_postcode_of_another_municipality(world):
    with pytest.raises(DomainError) as error:
        register(world.a, postcode=world.b.hub.postcode, municipality=world.a.hub.municipality)
    assert error.value.field == "postcode"


def test_it_refuses_a_postcode_that_is_not_four_digits(world):
    with pytest.raises(DomainError) as error:
        register(world.a, postcode="28OO")
    assert error.value.field == "postcode"


@pytest.mark.parametrize("year", [1899, timezone.localdate().year + 1])
def test_it_refuses_an_impossible_year_of_birth(world, year):
    with pytest.raises(DomainError) as error:
        register(world.a, birth_year=year)
    assert error.value.field == "birth_year"


@pytest.mark.parametrize(
    ("method", "field"),
    [("phone", "phone"), ("email", "email"), ("referrer", "referrer_partner")],
)
def test_it_refuses_a_way_to_reach_without_what_it_needs(world, method, field):
    with pytest.raises(DomainError) as error:
        register(world.a, contact_method=method)
    assert error.value.field == field


def test_it_accepts_reaching_someone_through_their_referrer(world):
    person = register(world.a, contact_method="referrer", referrer_partner=world.a.partner)
    assert person.referrer_partner == world.a.partner


def test_it_refuses_a_partner_of_another_digibank(world):
    with pytest.raises(DomainError) as error:
        register(world.a, referrer_partner=world.b.partner)
    assert error.value.field == "referrer_partner"


def test_it_refuses_a_household_of_zero(world):
    with pytest.raises(DomainError) as error:
        register(world.a, household_size=0)
    assert error.value.field == "household_size"


def test_it_refuses_a_national_register_number_in_the_notes(world):
    with pytest.raises(DomainError) as error:
        register(world.a, notes="RR 85.07.30-033.28")
    assert error.value.field == "notes"
    assert not Person.objects.filter(last_name="Janssens").exists()


def test_a_referrer_always_registers_for_their_own_partner(world):
    other = Partner.objects.create(
        digibank=world.a.digibank, name="CAW", kind=PartnerKind.CIVIL_SOCIETY
    )
    person = register(world.a, by_role="referrer", referrer_partner=other)
    assert person.referrer_partner == world.a.partner
    assert person.referred_by == world.users["referrer"]


def test_a_technician_cannot_register_people(world):
    with pytest.raises(PermissionDenied):
        register(world.a, by_role="technician")


def test_a_user_of_another_digibank_cannot_register_people_here(world):
    with pytest.raises(PermissionDenied):
        services.register_person(
            digibank=world.a.digibank,
            by=act(world.other_users["coordinator"]),
            first_name="A",
            last_name="B",
            contact_method="none",
        )


def test_it_records_consents_with_who_recorded_them(world):
    person = register(world.a, consents=[ConsentPurpose.REGISTRATION, ConsentPurpose.PHOTOS])
    consents = Consent.objects.filter(person=person)
    assert {c.purpose for c in consents} == {"registration", "photos"}
    assert all(c.recorded_by == world.users["coordinator"] for c in consents)


def test_it_takes_target_groups_as_objects_or_codes(world):
    services.ensure_default_target_groups(world.a.digibank)
    pupils = TargetGroup.objects.get(digibank=world.a.digibank, code="pupil")
    person = register(world.a, target_groups=[pupils, "65plus"])
    assert set(person.target_groups.values_list("code", flat=True)) == {"pupil", "65plus"}


def test_it_refuses_a_target_group_of_another_digibank(world):
    services.ensure_default_target_groups(world.b.digibank)
    theirs = TargetGroup.objects.filter(digibank=world.b.digibank).first()
    with pytest.raises(DomainError) as error:
        register(world.a, target_groups=[theirs])
    assert error.value.field == "target_groups"


def test_default_target_groups_are_made_once_and_keep_their_new_names(world):
    services.ensure_default_target_groups(world.a.digibank)
    group = TargetGroup.objects.get(digibank=world.a.digibank, code="65plus")
    assert group.name == "65-plussers"
    group.name = "Senioren"
    group.save()
    services.ensure_default_target_groups(world.a.digibank)
    assert TargetGroup.objects.filter(digibank=world.a.digibank).count() == 8
    group.refresh_from_db()
    assert group.name == "Senioren"


# -- duplicates -----------------------------------------------------------------------------------


def test_it_spots_the_same_person_however_the_name_is_typed(world):
    first = register(
        world.a, first_name="Élise", last_name="Van den Broeck", birth_year=1956, postcode="2800"
    )
    with pytest.raises(services.DuplicatePerson) as error:
        register(
            world.a,
            first_name="  elise ",
            last_name="VANDEN  broeck",
            birth_year=1956,
            postcode="2800",
        )
    assert error.value.duplicates == [first]


def test_it_does_not_call_someone_born_in_another_year_a_duplicate(world):
    register(world.a, birth_year=1956, postcode="2800")
    second = register(world.a, birth_year=1957, postcode="2800")
    assert second.pk


def test_it_registers_a_namesake_when_told_it_is_someone_else(world):
    register(world.a, birth_year=1956)
    second = register(world.a, birth_year=1956, allow_duplicate=True)
    assert Person.objects.filter(match_key=second.match_key).count() == 2


def test_duplicates_are_looked_for_only_in_the_same_digibank(world):
    register(world.b, birth_year=1956)
    assert register(world.a, birth_year=1956).pk


def test_find_duplicates_can_leave_out_the_person_itself(world):
    person = register(world.a, birth_year=1956)
    found = services.find_duplicates(
        digibank=world.a.digibank,
        first_name="anna",
        last_name="janssens",
        birth_year=1956,
        postcode="",
        exclude=person,
    )
    assert not found.exists()
    assert (
        services.find_duplicates(
            digibank=world.a.digibank,
            first_name="anna",
            last_name="janssens",
            birth_year=1956,
            postcode="",
        ).get()
        == person
    )


# -- changes --------------------------------------------------------------------------------------


def test_it_audits_only_the_names_of_the_changed_fields(world):
    person = register(world.a, birth_year=1956)
    services.update_person(
        person=person,
        by=act(world.users["hub_volunteer"]),
        birth_year=1957,
        first_name="Anna",
        notes="Komt op dinsdag",
    )
    entry = entries_for(person, AuditAction.CHANGE).get()
    assert entry.fields == ["birth_year", "notes"]
    assert entry.actor == world.users["hub_volunteer"]


def test_a_change_that_changes_nothing_leaves_no_audit_entry(world):
    person = register(world.a, birth_year=1956)
    services.update_person(person=person, by=act(world.users["coordinator"]), birth_year=1956)
    assert not entries_for(person, AuditAction.CHANGE).exists()


def test_a_new_name_gives_a_new_match_key(world):
    person = register(world.a)
    services.update_person(person=person, by=act(world.users["coordinator"]), last_name="Dupré")
    person.refresh_from_db()
    assert person.match_key == "anna dupre"


def test_a_new_postcode_finds_the_municipality_again(world):
    person = register(world.a, postcode=world.b.hub.postcode)
    assert person.municipality is None
    person = services.update_person(
        person=person, by=act(world.users["coordinator"]), postcode=world.a.hub.postcode
    )
    assert person.municipality == world.a.hub.municipality


def test_changing_target_groups_is_audited(world):
    services.ensure_default_target_groups(world.a.digibank)
    person = register(world.a)
    services.update_person(
        person=person, by=act(world.users["coordinator"]), target_groups=["pupil"]
    )
    assert entries_for(person, AuditAction.CHANGE).get().fields == ["target_groups"]
    assert list(person.target_groups.values_list("code", flat=True)) == ["pupil"]


def test_it_refuses_to_change_an_unknown_field(world):
    person = register(world.a)
    with pytest.raises(TypeError):
        services.update_person(person=person, by=act(world.users["coordinator"]), digibank=None)


def test_a_referrer_cannot_change_someone_their_partner_did_not_refer(world):
    with pytest.raises(PermissionDenied):
        services.update_person(
            person=world.a.person, by=act(world.users["referrer"]), first_name="Maria"
        )


def test_a_referrer_cannot_hand_a_person_to_another_partner(world):
    other = Partner.objects.create(
        digibank=world.a.digibank, name="CAW", kind=PartnerKind.CIVIL_SOCIETY
    )
    person = services.update_person(
        person=world.a.referred_person, by=act(world.users["referrer"]), referrer_partner=other
    )
    assert person.referrer_partner == world.a.partner


def test_the_checks_also_apply_to_changes(world):
    person = register(world.a)
    with pytest.raises(DomainError) as error:
        services.update_person(
            person=person, by=act(world.users["coordinator"]), contact_method="email"
        )
    assert error.value.field == "email"


# -- erasure --------------------------------------------------------------------------------------


def test_a_coordinator_erases_a_person_and_their_consents(world):
    person = register(world.a, consents=[ConsentPurpose.REGISTRATION])
    person_id = person.pk
    services.delete_person(person=person, by=act(world.users["coordinator"]))
    assert not Person.objects.filter(pk=person_id).exists()
    assert not Consent.objects.filter(person_id=person_id).exists()
    entry = AuditEntry.objects.get(action=AuditAction.DELETE, object_id=str(person_id))
    assert "first_name" in entry.fields


@pytest.mark.parametrize("role", ["hub_volunteer", "trainer", "referrer"])
def test_only_a_coordinator_may_erase_a_person(world, role):
    with pytest.raises(PermissionDenied):
        services.delete_person(person=world.a.referred_person, by=act(world.users[role]))
    assert Person.objects.filter(pk=world.a.referred_person.pk).exists()


# -- consent --------------------------------------------------------------------------------------


def test_a_consent_is_given_once_and_withdrawn_once(world):
    person = register(world.a)
    consent = services.record_consent(
        person=person, by=act(world.users["hub_volunteer"]), purpose=ConsentPurpose.PHOTOS
    )
    with pytest.raises(DomainError):
        services.record_consent(
            person=person, by=act(world.users["hub_volunteer"]), purpose=ConsentPurpose.PHOTOS
        )
    consent = services.withdraw_consent(consent=consent, by=act(world.users["trainer"]))
    assert consent.withdrawn_at is not None
    assert consent.withdrawn_by == world.users["trainer"]
    with pytest.raises(DomainError):
        services.withdraw_consent(consent=consent, by=act(world.users["trainer"]))
    again = services.record_consent(
        person=person, by=act(world.users["hub_volunteer"]), purpose=ConsentPurpose.PHOTOS
    )
    assert again.is_active
    actions = AuditEntry.objects.filter(object_type="people.consent").values_list(
        "action", flat=True
    )
    assert sorted(actions) == ["change", "create", "create"]


def test_it_refuses_an_unknown_consent_purpose(world):
    with pytest.raises(DomainError):
        services.record_consent(
            person=world.a.person, by=act(world.users["coordinator"]), purpose="marketing"
        )


def test_a_referrer_records_consent_only_for_their_partners_people(world):
    with pytest.raises(PermissionDenied):
        services.record_consent(
            person=world.a.person, by=act(world.users["referrer"]), purpose=ConsentPurpose.PHOTOS
        )
    consent = services.record_consent(
        person=world.a.referred_person,
        by=act(world.users["referrer"]),
        purpose=ConsentPurpose.PHOTOS,
    )
    assert consent.person == world.a.referred_person


# -- merging --------------------------------------------------------------------------------------


def test_merging_moves_consents_and_unites_target_groups(world):
    services.ensure_default_target_groups(world.a.digibank)
    keep = register(world.a, birth_year=1956, consents=["registration"], target_groups=["pupil"])
    remove = register(
        world.a,
        birth_year=1956,
        allow_duplicate=True,
        consents=["registration", "photos"],
        target_groups=["pupil", "newcomer"],
    )
    withdrawn = services.record_consent(
        person=remove, by=act(world.users["coordinator"]), purpose=ConsentPurpose.SURVEY
    )
    services.withdraw_consent(consent=withdrawn, by=act(world.users["coordinator"]))

    kept = services.merge_people(keep=keep, remove=remove, by=act(world.users["coordinator"]))

    assert not Person.objects.filter(pk=remove.pk).exists()
    purposes = sorted(kept.consents.values_list("purpose", flat=True))
    assert purposes == ["photos", "registration", "survey"]
    assert kept.consents.filter(purpose="registration").count() == 1
    assert kept.consents.get(purpose="survey").withdrawn_at is not None
    assert set(kept.target_groups.values_list("code", flat=True)) == {"pupil", "newcomer"}


def test_merging_fills_only_the_empty_fields_of_the_kept_record(world):
    keep = register(world.a, contact_method="phone", phone="0470 11 11 11", notes="Eerste")
    remove = register(
        world.a,
        allow_duplicate=True,
        contact_method="phone",
        phone="0470 22 22 22",
        email="anna@example.org",
        household_size=3,
        referrer_partner=world.a.partner,
        notes="Tweede",
    )
    kept = services.merge_people(keep=keep, remove=remove, by=act(world.users["coordinator"]))
    assert kept.phone == "0470 11 11 11"
    assert kept.email == "anna@example.org"
    assert kept.household_size == 3
    assert kept.referrer_partner == world.a.partner
    assert kept.notes == "Eerste\n\nTweede"


def test_merging_is_audited_on_both_records_without_values(world):
    keep = register(world.a)
    remove = register(world.a, allow_duplicate=True, email="anna@example.org")
    removed_id = remove.pk
    services.merge_people(keep=keep, remove=remove, by=act(world.users["coordinator"]))
    kept_entry = entries_for(keep, AuditAction.MERGE).get()
    removed_entry = AuditEntry.objects.get(action=AuditAction.MERGE, object_id=str(removed_id))
    assert "email" in kept_entry.fields
    assert kept_entry.note == f"#{removed_id}"
    assert removed_entry.note == f"#{keep.pk}"
    for entry in AuditEntry.objects.all():
        assert "anna@example.org" not in f"{entry.fields} {entry.note} {entry.object_id}"


def test_it_refuses_to_merge_records_of_two_digibanks(world):
    with pytest.raises(DomainError):
        services.merge_people(
            keep=world.a.person, remove=world.b.person, by=act(world.users["coordinator"])
        )


def test_it_refuses_to_merge_a_record_with_itself(world):
    with pytest.raises(DomainError):
        services.merge_people(
            keep=world.a.person, remove=world.a.person, by=act(world.users["coordinator"])
        )


def test_only_a_coordinator_merges(world):
    with pytest.raises(PermissionDenied):
        services.merge_people(
            keep=world.a.person,
            remove=world.a.referred_person,
            by=act(world.users["hub_volunteer"]),
        )
    assert Person.objects.filter(pk=world.a.referred_person.pk).exists()


# -- target group settings ------------------------------------------------------------------------


def test_a_coordinator_adds_renames_and_switches_off_target_groups(world):
    group = services.add_target_group(
        digibank=world.a.digibank, by=act(world.users["coordinator"]), name="Mantelzorgers"
    )
    assert group.code == "mantelzorgers"
    with pytest.raises(DomainError):
        services.add_target_group(
            digibank=world.a.digibank, by=act(world.users["coordinator"]), name="mantelzorgers"
        )
    group = services.rename_target_group(
        group=group, by=act(world.users["coordinator"]), name="Mantelzorgers thuis"
    )
    assert group.name == "Mantelzorgers thuis"
    group = services.set_target_group_active(
        group=group, by=act(world.users["coordinator"]), active=False
    )
    assert not group.active


def test_a_volunteer_cannot_add_target_groups(world):
    with pytest.raises(PermissionDenied):
        services.add_target_group(
            digibank=world.a.digibank, by=act(world.users["hub_volunteer"]), name="Mantelzorgers"
        )


def test_municipality_is_kept_when_the_postcode_matches(world):
    municipality = Municipality.objects.get(nis_code="12025")
    person = register(world.a, postcode=municipality.postcodes[0], municipality=municipality)
    assert person.municipality == municipality
