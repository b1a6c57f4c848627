from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from digibank.core.models import AuditAction, AuditEntry, User
from digibank.demo.accounts import demo_accounts, username_for
from digibank.demo.data import DEMO_PASSWORD, DIGIBANKS, MECHELEN, MEETJESLAND
from digibank.demo.tests.conftest import seed
from digibank.organisations import services
from digibank.organisations.models import (
    Digibank,
    Invitation,
    Membership,
    OpeningKind,
    PartnerKind,
    Region,
    RegionMembership,
    RegionRole,
    Role,
)
from digibank.organisations.permissions import SYSTEM
from digibank.people.models import ConsentPurpose, ContactMethod, Person, age_band_for

pytestmark = pytest.mark.django_db


def test_it_builds_a_city_and_a_rural_digibank_in_region_vlaanderen(output):
    region = Region.objects.get(slug="vlaanderen")
    city = Digibank.objects.get(slug="mechelen", region=region)
    rural = Digibank.objects.get(slug="meetjesland", region=region)

    assert city.name == "Digibank Mechelen"
    assert set(city.municipalities.values_list("nis_code", flat=True)) == {"12025"}
    assert set(rural.municipalities.values_list("nis_code", flat=True)) == {
        "43005",
        "43010",
        "43007",
        "43002",
    }
    assert city.hubs.count() == len(MECHELEN.hubs) == 5
    assert rural.hubs.count() == len(MEETJESLAND.hubs) == 4


def test_its_hubs_have_real_places_hours_walk_in_times_and_exceptions(output):
    for digibank in Digibank.objects.filter(slug__in=["mechelen", "meetjesland"]):
        served = set(digibank.municipalities.all())
        for hub in digibank.hubs.select_related("municipality"):
            assert hub.municipality in served
            assert hub.postcode in hub.municipality.postcodes
            assert Decimal("50.9") < hub.latitude < Decimal("51.3")
            assert Decimal("3.3") < hub.longitude < Decimal("4.6")
            assert hub.opening_hours.exists()
            assert hub.opening_exceptions.exists()
        kinds = set(digibank.hubs.values_list("opening_hours__kind", flat=True).distinct())
        assert kinds == {OpeningKind.OPEN, OpeningKind.WALK_IN}
        assert digibank.hubs.filter(opening_exceptions__closed=True).exists()

    def weekly_slots(slug: str) -> float:
        hubs = Digibank.objects.get(slug=slug).hubs
        return hubs.values("opening_hours").count() / hubs.count()

    # The city's hubs are open more often than the village hubs.
    assert weekly_slots("mechelen") > weekly_slots("meetjesland")


def test_it_adds_a_partner_of_every_kind_with_contact_people(output):
    for digibank in Digibank.objects.filter(slug__in=["mechelen", "meetjesland"]):
        partners = digibank.partners.prefetch_related("contacts")
        assert {partner.kind for partner in partners} == set(PartnerKind.values)
        for partner in partners:
            assert partner.contacts.exists()
            for contact in partner.contacts.all():
                assert contact.email.endswith(".example")
                assert contact.phone.startswith("+32"), "stored in E.164"


def test_it_gives_every_role_an_account_in_both_digibanks(output):
    for bank in DIGIBANKS:
        memberships = Membership.objects.filter(digibank__slug=bank.slug).select_related(
            "user", "partner"
        )
        assert sorted(m.role for m in memberships) == sorted(Role.values)
        for membership in memberships:
            assert membership.user.username == username_for(bank.slug, membership.role)
        referrer = memberships.get(role=Role.REFERRER)
        assert referrer.partner.kind == PartnerKind.LOCAL_GOVERNMENT
        assert referrer.partner.name.startswith("OCMW")
    region_roles = RegionMembership.objects.filter(region__slug="vlaanderen")
    assert sorted(region_roles.values_list("role", flat=True)) == sorted(RegionRole.values)


def test_it_registers_a_few_hundred_varied_residents(output):
    for bank in DIGIBANKS:
        digibank = Digibank.objects.get(slug=bank.slug)
        people = Person.objects.filter(digibank=digibank)
        assert people.count() > bank.residents  # plus a few deliberate duplicates
        postcodes = {code for m in digibank.municipalities.all() for code in m.postcodes}
        assert set(people.values_list("postcode", flat=True)) <= postcodes
        assert people.filter(referrer_partner__isnull=False).exists()
        assert people.filter(birth_year__gte=2005).exists()  # young people too
    mechelen = Person.objects.filter(digibank__slug="mechelen")
    languages = set(mechelen.values_list("preferred_language", flat=True))
    assert {"nl", "fr", "ar", "uk"} <= languages
    assert len(languages) >= 8
    assert set(mechelen.values_list("contact_method", flat=True)) == set(ContactMethod.values)
    elderly = [
        p for p in mechelen if p.birth_year and age_band_for(p.birth_year) in {"65-79", "80+"}
    ]
    assert len(elderly) > mechelen.count() / 3  # skewed old


def test_it_tags_target_groups_that_fit_the_year_of_birth(output):
    people = Person.objects.filter(digibank__slug="meetjesland").prefetch_related("target_groups")
    for person in people:
        codes = {group.code for group in person.target_groups.all()}
        if person.birth_year is None:
            continue  # staff may know someone is over 65 without their year of birth
        is_senior = age_band_for(person.birth_year) in {"65-79", "80+"}
        assert ("65plus" in codes) == is_senior, person
        if "living_alone" in codes:
            assert person.household_size == 1


def test_it_registers_residents_through_the_service_with_consent_and_audit(output):
    people = Person.objects.filter(digibank__slug="mechelen")
    for person in people.prefetch_related("consents"):
        assert ConsentPurpose.REGISTRATION in {c.purpose for c in person.consents.all()}
        assert person.match_key
    created = AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="people.person", digibank__slug="mechelen"
    )
    assert created.count() == people.count()
    referrer = User.objects.get(username="mechelen-referrer")
    assert people.filter(referred_by=referrer).exists()


def test_it_includes_a_few_duplicates_to_try_merging(output):
    from digibank.people.services import find_duplicates

    person = Person.objects.filter(digibank__slug="mechelen").order_by("pk")[7]
    duplicates = find_duplicates(
        digibank=person.digibank,
        first_name=person.first_name,
        last_name=person.last_name,
        birth_year=person.birth_year,
        postcode=person.postcode,
        exclude=person,
    )
    assert duplicates.count() == 1


def test_every_demo_account_logs_in_with_the_demo_password_and_sees_only_its_digibank(output):
    banks = {bank.name: bank.slug for bank in DIGIBANKS}
    for account in demo_accounts():
        client = Client()
        assert client.login(username=account.username, password=DEMO_PASSWORD), account
        own = banks.get(account.place)
        for slug in banks.values():
            status = client.get(reverse("portal:dashboard", kwargs={"digibank": slug})).status_code
            assert status == (200 if slug == own else 404), (account.username, slug)
        region = client.get(reverse("region:overview", kwargs={"region": "vlaanderen"}))
        assert region.status_code == (404 if own else 200), account.username


def test_it_prints_every_log_in_with_the_demo_password(output):
    assert DEMO_PASSWORD in output
    for account in demo_accounts():
        assert account.username in output
    assert len(demo_accounts()) == 2 * len(Role.values) + len(RegionRole.values)


def test_running_it_again_changes_nothing(output):
    counts = (User.objects.count(), Person.objects.count(), Digibank.objects.count())

    again = seed()

    assert "already there" in again
    assert (User.objects.count(), Person.objects.count(), Digibank.objects.count()) == counts
    assert "mechelen-coordinator" in again


def test_reset_deletes_the_demo_and_builds_the_same_one_again(output):
    def names() -> list[tuple]:
        return sorted(
            Person.objects.values_list("digibank__slug", "first_name", "last_name", "birth_year"),
            key=str,
        )

    before = names()
    coordinator_id = User.objects.get(username="mechelen-coordinator").pk

    seed("--reset")

    assert names() == before
    assert User.objects.get(username="mechelen-coordinator").pk != coordinator_id
    assert Region.objects.filter(slug="vlaanderen").count() == 1
    assert User.objects.count() == len(demo_accounts())


def test_reset_also_removes_invitations_made_on_the_demo(output):
    mechelen = Digibank.objects.get(slug="mechelen")
    services.invite_member(
        digibank=mechelen,
        email="nieuw@example.be",
        roles=[Role.REFERRER],
        partner=mechelen.partners.first(),
        by=SYSTEM,
    )

    seed("--reset")

    assert not Invitation.objects.exists()


def test_reset_keeps_what_is_not_demo_data(output):
    outsider = User.objects.create_user(username="someone-else", password="x" * 12)
    other = Digibank.objects.create(
        region=Region.objects.get(slug="vlaanderen"), name="Digibank Gent", slug="gent"
    )

    seed("--reset")

    assert User.objects.filter(pk=outsider.pk).exists()
    assert Digibank.objects.filter(pk=other.pk).exists()


def test_a_crawl_as_every_demo_account_meets_no_error_and_no_broken_link(output):
    from tests.crawler import crawl

    home = reverse("portal:home")
    problems = crawl(Client(), [home], per_name=1).problems
    for account in demo_accounts():
        client = Client()
        client.login(username=account.username, password=DEMO_PASSWORD)
        result = crawl(client, [reverse("portal:staff_home"), home], per_name=1)
        problems += [f"{account.username}: {problem}" for problem in result.problems]
        assert len(result.visited) > 3, account.username
    assert not problems, "\n".join(problems)
