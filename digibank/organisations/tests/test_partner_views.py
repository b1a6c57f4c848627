import pytest
from django.urls import reverse

from digibank.organisations import services
from digibank.organisations.models import Partner, PartnerContact, PartnerKind, Role
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.helpers import (
    EMOJI,
    EMPTY,
    RIGHT_TO_LEFT,
    SCRIPT,
    TOO_LONG,
    assert_error_next_to,
    logged_in,
)
from digibank.testing import make_user


def url(name, bank, **kwargs):
    return reverse(f"organisations:{name}", kwargs={"digibank": bank.digibank.slug, **kwargs})


@pytest.fixture
def coordinator(world):
    return logged_in(world.users["coordinator"])


def partner_data(**overrides):
    data = {
        "name": "Basisschool De Regenboog",
        "kind": PartnerKind.SCHOOL,
        "description": "",
        "email": "",
        "phone": "",
        "website": "",
        "street": "",
        "postcode": "",
    }
    data.update(overrides)
    return data


def test_the_list_can_be_filtered_by_kind(world, coordinator):
    services.create_partner(
        by=SYSTEM, digibank=world.a.digibank, name="Bakkerij", kind=PartnerKind.COMPANY
    )
    everything = coordinator.get(url("partner_list", world.a)).content.decode()
    companies = coordinator.get(url("partner_list", world.a), {"kind": "company"}).content.decode()
    assert "Bakkerij" in everything and world.a.partner.name in everything
    assert "Bakkerij" in companies and world.a.partner.name not in companies
    assert world.b.partner.name not in everything


def test_an_unknown_kind_in_the_filter_gets_a_message(world, coordinator):
    response = coordinator.get(url("partner_list", world.a), {"kind": SCRIPT})
    assert response.status_code == 200
    assert 'id="id_kind_error"' in response.content.decode()


def test_the_list_needs_the_same_queries_for_3_or_33_partners(
    world, coordinator, django_assert_max_num_queries
):
    for n in range(3):
        partner = services.create_partner(
            by=SYSTEM, digibank=world.a.digibank, name=f"Partner {n}", kind=PartnerKind.COMPANY
        )
        services.add_partner_contact(by=SYSTEM, partner=partner, name="Jan")
    with django_assert_max_num_queries(12) as few:
        coordinator.get(url("partner_list", world.a))
    for n in range(30):
        partner = services.create_partner(
            by=SYSTEM, digibank=world.a.digibank, name=f"More {n}", kind=PartnerKind.COMPANY
        )
        services.add_partner_contact(by=SYSTEM, partner=partner, name="Jan")
    with django_assert_max_num_queries(12) as many:
        coordinator.get(url("partner_list", world.a), {"kind": "company", "page": "2"})
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_detail_page_shows_contacts_and_the_staff_who_work_there(world):
    services.add_partner_contact(
        by=SYSTEM, partner=world.a.partner, name="Sofie Maes", job_title="Boss"
    )
    client = logged_in(world.users["trainer"])
    content = client.get(
        url("partner_detail", world.a, partner_id=world.a.partner.pk)
    ).content.decode()
    assert "Sofie Maes" in content and "Boss" in content
    assert world.users["referrer"].get_full_name() in content
    assert "Add a contact person" not in content


def test_it_adds_a_partner(world, coordinator):
    response = coordinator.post(url("partner_create", world.a), partner_data(postcode="2800"))
    partner = Partner.objects.get(name="Basisschool De Regenboog")
    assert response.status_code == 302
    assert response.url == url("partner_detail", world.a, partner_id=partner.pk)
    assert partner.municipality.name_nl == "Mechelen"


def test_it_refuses_a_partner_name_that_is_taken(world, coordinator):
    response = coordinator.post(
        url("partner_create", world.a), partner_data(name=world.a.partner.name)
    )
    assert_error_next_to(response, "name", world.a.partner.name)


def test_it_refuses_an_unknown_postcode_next_to_the_field(world, coordinator):
    response = coordinator.post(url("partner_create", world.a), partner_data(postcode="0001"))
    assert_error_next_to(response, "postcode", "0001")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", EMPTY),
        ("name", TOO_LONG),
        ("kind", EMOJI),
        ("kind", EMPTY),
        ("email", SCRIPT),
        ("phone", RIGHT_TO_LEFT),
        ("website", RIGHT_TO_LEFT),
        ("postcode", SCRIPT),
        ("street", TOO_LONG),
        ("description", TOO_LONG),
    ],
)
def test_it_refuses_bad_input_next_to_the_field(world, coordinator, field, value):
    response = coordinator.post(url("partner_create", world.a), partner_data(**{field: value}))
    assert_error_next_to(response, field)
    assert not Partner.objects.filter(name="Basisschool De Regenboog").exists()


@pytest.mark.parametrize("name", [SCRIPT, EMOJI, RIGHT_TO_LEFT])
def test_it_accepts_names_in_any_script(world, coordinator, name):
    response = coordinator.post(url("partner_create", world.a), partner_data(name=name))
    assert response.status_code == 302
    assert Partner.objects.filter(name=name).exists()


def test_it_changes_a_partner(world, coordinator):
    page = coordinator.get(url("partner_edit", world.a, partner_id=world.a.partner.pk))
    assert f'value="{world.a.partner.name}"' in page.content.decode()
    response = coordinator.post(
        url("partner_edit", world.a, partner_id=world.a.partner.pk),
        partner_data(
            name=world.a.partner.name, kind=PartnerKind.LOCAL_GOVERNMENT, phone="015 12 34 56"
        ),
    )
    world.a.partner.refresh_from_db()
    assert response.status_code == 302
    assert world.a.partner.phone == "+3215123456"


def test_it_adds_changes_and_removes_a_contact_person(world, coordinator):
    partner = world.a.partner
    coordinator.post(
        url("partner_contact_add", world.a, partner_id=partner.pk),
        {"name": "Sofie Maes", "job_title": "", "email": "sofie@ocmw.be", "phone": ""},
    )
    contact = PartnerContact.objects.get(partner=partner)
    coordinator.post(
        url("partner_contact_edit", world.a, partner_id=partner.pk, contact_id=contact.pk),
        {"name": "Sofie Maes", "job_title": "Social worker", "email": "", "phone": ""},
    )
    contact.refresh_from_db()
    assert contact.job_title == "Social worker" and contact.email == ""

    confirm = coordinator.get(
        url("partner_contact_remove", world.a, partner_id=partner.pk, contact_id=contact.pk)
    )
    assert "Yes, remove" in confirm.content.decode()
    assert PartnerContact.objects.filter(pk=contact.pk).exists()
    response = coordinator.post(
        url("partner_contact_remove", world.a, partner_id=partner.pk, contact_id=contact.pk)
    )
    assert response.status_code == 302
    assert not PartnerContact.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", EMPTY), ("name", TOO_LONG), ("email", EMOJI), ("phone", SCRIPT)],
)
def test_it_refuses_a_bad_contact_person_next_to_the_field(world, coordinator, field, value):
    data = {"name": "Sofie Maes", "job_title": "", "email": "", "phone": "", field: value}
    response = coordinator.post(
        url("partner_contact_add", world.a, partner_id=world.a.partner.pk), data
    )
    assert_error_next_to(response, field)
    assert not PartnerContact.objects.exists()


def test_a_contact_person_of_another_partner_is_not_found(world, coordinator):
    other = services.create_partner(
        by=SYSTEM, digibank=world.a.digibank, name="Bakkerij", kind=PartnerKind.COMPANY
    )
    contact = services.add_partner_contact(by=SYSTEM, partner=other, name="Jan")
    response = coordinator.get(
        url(
            "partner_contact_edit",
            world.a,
            partner_id=world.a.partner.pk,
            contact_id=contact.pk,
        )
    )
    assert response.status_code == 404


def test_a_partner_of_another_digibank_is_not_found(world, coordinator):
    for name in ("partner_detail", "partner_edit", "partner_contact_add"):
        response = coordinator.get(url(name, world.a, partner_id=world.b.partner.pk))
        assert response.status_code == 404, name


def test_the_partner_page_lists_only_its_own_staff(world, coordinator):
    services.add_member(
        by=SYSTEM,
        digibank=world.b.digibank,
        user=make_user("elsewhere"),
        role=Role.REFERRER,
        partner=world.b.partner,
    )
    content = coordinator.get(
        url("partner_detail", world.a, partner_id=world.a.partner.pk)
    ).content.decode()
    assert "Elsewhere" not in content
