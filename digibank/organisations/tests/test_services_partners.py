import pytest

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.organisations import services
from digibank.organisations.models import Partner, PartnerContact, PartnerKind
from digibank.organisations.permissions import SYSTEM
from digibank.testing import act


def test_it_creates_a_partner_and_finds_its_municipality_from_the_postcode(world):
    coordinator = world.users["coordinator"]

    partner = services.create_partner(
        digibank=world.a.digibank,
        by=act(coordinator),
        name="Basisschool De Regenboog",
        kind=PartnerKind.SCHOOL,
        street="Schoolstraat 3",
        postcode="2801",
    )

    assert partner.municipality.nis_code == "12025"
    entry = AuditEntry.objects.get(object_type="organisations.partner", object_id=partner.pk)
    assert entry.actor == coordinator and entry.action == "create"


def test_it_accepts_a_partner_without_an_address(world):
    partner = services.create_partner(
        by=SYSTEM, digibank=world.a.digibank, name="VDAB", kind=PartnerKind.EMPLOYMENT_SERVICE
    )
    assert partner.municipality is None


def test_it_accepts_a_partner_outside_the_area_served(world):
    partner = services.create_partner(
        by=SYSTEM,
        digibank=world.a.digibank,
        name="Hogeschool Gent",
        kind=PartnerKind.KNOWLEDGE,
        postcode="9000",
    )
    assert partner.municipality.name_nl == "Gent"


@pytest.mark.parametrize("postcode", ["0000", "12", "abcd"])
def test_it_refuses_an_unknown_postcode(world, postcode):
    with pytest.raises(DomainError) as refused:
        services.create_partner(
            by=SYSTEM,
            digibank=world.a.digibank,
            name="X",
            kind=PartnerKind.COMPANY,
            postcode=postcode,
        )
    assert refused.value.field == "postcode"


def test_it_refuses_a_second_partner_with_the_same_name(world):
    with pytest.raises(DomainError) as refused:
        services.create_partner(
            by=SYSTEM,
            digibank=world.a.digibank,
            name=world.a.partner.name.upper(),
            kind=PartnerKind.COMPANY,
        )
    assert refused.value.field == "name"


def test_another_digibank_may_use_the_same_partner_name(world):
    partner = services.create_partner(
        by=SYSTEM, digibank=world.b.digibank, name=world.a.partner.name, kind=PartnerKind.COMPANY
    )
    assert partner.digibank == world.b.digibank


def test_it_refuses_an_unknown_kind(world):
    with pytest.raises(DomainError) as refused:
        services.create_partner(by=SYSTEM, digibank=world.a.digibank, name="X", kind="club")
    assert refused.value.field == "kind"


def test_it_refuses_a_bad_email_address(world):
    with pytest.raises(DomainError) as refused:
        services.create_partner(
            by=SYSTEM,
            digibank=world.a.digibank,
            name="X",
            kind=PartnerKind.COMPANY,
            email="not-an-email",
        )
    assert refused.value.field == "email"


def test_changing_the_postcode_moves_the_partner_to_its_municipality(world):
    services.update_partner(partner=world.a.partner, by=SYSTEM, postcode="2800")
    partner = services.update_partner(partner=world.a.partner, by=SYSTEM, postcode="9900")
    assert partner.municipality.name_nl == "Eeklo"
    entry = AuditEntry.objects.filter(object_type="organisations.partner").latest("id")
    assert entry.fields == ["municipality", "postcode"]


def test_removing_the_postcode_removes_the_municipality(world):
    services.update_partner(partner=world.a.partner, by=SYSTEM, postcode="2800")
    partner = services.update_partner(partner=world.a.partner, by=SYSTEM, postcode="")
    assert partner.municipality is None


def test_a_partner_may_keep_its_own_name(world):
    partner = services.update_partner(
        partner=world.a.partner, by=SYSTEM, name=world.a.partner.name, description="Verwijst door"
    )
    assert partner.description == "Verwijst door"


def test_it_refuses_renaming_a_partner_to_the_name_of_another(world):
    other = services.create_partner(
        by=SYSTEM, digibank=world.a.digibank, name="CVO Mechelen", kind=PartnerKind.TRAINING
    )
    with pytest.raises(DomainError):
        services.update_partner(partner=other, by=SYSTEM, name=world.a.partner.name)
    assert Partner.objects.get(pk=other.pk).name == "CVO Mechelen"


def test_it_adds_changes_and_removes_a_contact_person_and_records_each_step(world):
    coordinator = world.users["coordinator"]

    contact = services.add_partner_contact(
        partner=world.a.partner, by=act(coordinator), name="Sofie Maes", email="sofie@ocmw.be"
    )
    services.update_partner_contact(contact=contact, by=act(coordinator), job_title="Social worker")
    services.remove_partner_contact(contact=contact, by=act(coordinator))

    assert not PartnerContact.objects.exists()
    actions = list(
        AuditEntry.objects.filter(object_type="organisations.partnercontact")
        .order_by("id")
        .values_list("action", "fields")
    )
    assert actions == [
        ("create", ["email", "name"]),
        ("change", ["job_title"]),
        ("delete", ["email", "job_title", "name", "phone"]),
    ]
    assert all(
        entry.digibank == world.a.digibank
        for entry in AuditEntry.objects.filter(object_type="organisations.partnercontact")
    )


@pytest.mark.parametrize(("field", "value"), [("name", ""), ("email", "x@"), ("name", "x" * 121)])
def test_it_refuses_a_contact_person_with_bad_details(world, field, value):
    fields = {"name": "Sofie Maes", field: value}
    with pytest.raises(DomainError) as refused:
        services.add_partner_contact(by=SYSTEM, partner=world.a.partner, **fields)
    assert refused.value.field == field
