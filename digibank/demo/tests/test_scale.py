import pytest

from digibank.core.models import AuditAction, AuditEntry, User
from digibank.demo.data import DEMO_PASSWORD, MECHELEN, MEETJESLAND, SCALE_SLUG_PREFIX
from digibank.demo.scale import ScalePlan, plan_scale, scale_demo
from digibank.demo.tests.conftest import seed
from digibank.organisations.models import Digibank, Membership, PartnerKind, Role
from digibank.people.models import ConsentPurpose, Person, match_key_for

pytestmark = pytest.mark.django_db


def residents(slug: str) -> int:
    return Person.objects.filter(digibank__slug=slug).count()


def test_scale_2_doubles_the_residents_of_both_digibanks(output):
    base = {slug: residents(slug) for slug in ("mechelen", "meetjesland")}

    output = seed("--scale", "2")

    assert residents("mechelen") == 2 * MECHELEN.residents
    assert residents("meetjesland") == 2 * MEETJESLAND.residents
    added = 2 * MECHELEN.residents + 2 * MEETJESLAND.residents - sum(base.values())
    assert f"Added {added} residents" in output


def test_scale_writes_the_rows_the_service_would_write(output):
    seed("--scale", "2")

    people = Person.objects.filter(digibank__slug="meetjesland").prefetch_related(
        "consents", "target_groups"
    )
    audited = set(
        AuditEntry.objects.filter(
            action=AuditAction.CREATE, object_type="people.person"
        ).values_list("object_id", flat=True)
    )
    for person in people:
        assert person.match_key == match_key_for(person.first_name, person.last_name)
        assert str(person.pk) in audited
        assert ConsentPurpose.REGISTRATION in {c.purpose for c in person.consents.all()}
        assert person.postcode in person.municipality.postcodes
        if person.birth_year and person.birth_year <= 1950:
            assert "65plus" in {group.code for group in person.target_groups.all()}
    keys = list(people.values_list("match_key", "birth_year", "postcode"))
    assert len(keys) - len(set(keys)) == 1  # only the one deliberate duplicate of the demo


def test_scale_again_adds_nothing(output):
    seed("--scale", "2")
    count = Person.objects.count()

    output = seed("--scale", "2")

    assert Person.objects.count() == count
    assert "Added 0 residents" in output


def test_a_large_scale_adds_synthetic_digibanks_with_every_role(output):
    plan = plan_scale(20)
    synthetic = [bank for bank in plan.banks if bank.slug.startswith(SCALE_SLUG_PREFIX)]
    assert len(synthetic) == 2
    assert plan.targets[synthetic[0].slug] == 20 * synthetic[0].residents
    # Carry the plan out with small targets to keep the test fast.
    scale_demo(ScalePlan(banks=plan.banks, targets=dict.fromkeys(plan.targets, 260)))

    for bank in synthetic:
        digibank = Digibank.objects.get(slug=bank.slug)
        assert digibank.region.slug == "vlaanderen"
        assert residents(bank.slug) == 260
        assert {p.kind for p in digibank.partners.all()} == set(PartnerKind.values)
        roles = Membership.objects.filter(digibank=digibank).values_list("role", flat=True)
        assert sorted(roles) == sorted(Role.values)
        coordinator = User.objects.get(username=f"{bank.slug}-coordinator")
        assert coordinator.check_password(DEMO_PASSWORD)

    seed("--reset")
    assert not Digibank.objects.filter(slug__startswith=SCALE_SLUG_PREFIX).exists()
    assert not User.objects.filter(username__startswith=SCALE_SLUG_PREFIX).exists()


def test_it_refuses_a_scale_below_one(output):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        seed("--scale", "0")
