import re

import pytest
from django.core import mail
from django.urls import reverse

from digibank.organisations import services
from digibank.organisations.models import Digibank, Invitation, Membership, Municipality, Role
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


def same_shape(page: str, email: str) -> str:
    """The page with the address, the form tokens and the invitation's id taken out."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return re.sub(r"/invitations/\d+/", "/invitations/ID/", page.replace(email, "ADDRESS"))


def url(name, world, **kwargs):
    return reverse(f"region:{name}", kwargs={"region": world.region.slug, **kwargs})


@pytest.fixture
def admin(world):
    return logged_in(world.region_users["region_admin"])


def digibank_data(**overrides):
    data = {
        "name": "Digibank Gent",
        "slug": "gent",
        "email": "",
        "phone": "",
        "website": "",
        "municipalities_text": "44021\n9050\nMerelbeke-Melle",
    }
    data.update(overrides)
    return data


def test_the_overview_shows_counts_and_never_names_of_residents(world):
    client = logged_in(world.region_users["region_analyst"])
    response = client.get(url("overview", world))
    content = response.content.decode()
    rows = {d.slug: d for d in response.context["digibanks"]}
    assert rows["mechelen"].hub_count == 1
    assert rows["mechelen"].partner_count == 1
    assert rows["mechelen"].resident_count == 2
    assert world.a.person.last_name not in content
    assert world.a.referred_person.last_name not in content
    assert "Add a digibank" not in content


def test_the_overview_counts_only_active_hubs(world, admin):
    services.deactivate_hub(hub=world.a.hub, by=SYSTEM)
    response = admin.get(url("overview", world))
    rows = {d.slug: d for d in response.context["digibanks"]}
    assert rows["mechelen"].hub_count == 0
    assert response.context["totals"]["hub_count"] == 1


def test_the_overview_needs_the_same_queries_for_more_digibanks(
    world, admin, django_assert_max_num_queries
):
    # 8 for the page, 6 for the headline figures registered by insights.
    with django_assert_max_num_queries(14) as few:
        admin.get(url("overview", world))
    for n in range(10):
        services.create_digibank(
            by=SYSTEM, region=world.region, name=f"Digibank {n}", slug=f"bank-{n}"
        )
    with django_assert_max_num_queries(14) as many:
        admin.get(url("overview", world))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_it_makes_a_digibank_from_nis_codes_postcodes_and_names(world, admin):
    response = admin.post(url("digibank_create", world), digibank_data())
    digibank = Digibank.objects.get(slug="gent")
    assert response.url == url("coordinator_invite", world, digibank_id=digibank.pk)
    assert sorted(m.nis_code for m in digibank.municipalities.all()) == ["44021", "44088"]
    assert digibank.region == world.region


@pytest.mark.parametrize("slug", ["account", "mechelen"])
def test_it_refuses_a_slug_that_is_reserved_or_taken(world, admin, slug):
    response = admin.post(url("digibank_create", world), digibank_data(slug=slug))
    assert_error_next_to(response, "slug", slug)


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
def test_a_bad_short_name_is_explained_without_jargon(world, admin, language):
    admin.cookies["digibank_language"] = language
    response = admin.post(url("digibank_create", world), digibank_data(slug="Gent stad!"))
    assert_error_next_to(response, "slug", "Gent stad!")
    errors = " ".join(response.context["form"].errors["slug"])
    assert "slug" not in errors.lower()
    assert "digibank-gent" in errors


def test_it_names_what_it_does_not_understand_in_the_municipalities(world, admin):
    response = admin.post(
        url("digibank_create", world), digibank_data(municipalities_text="44021, 99999, Atlantis")
    )
    assert_error_next_to(response, "municipalities_text")
    content = response.content.decode()
    assert "99999" in content and "Atlantis" in content
    assert not Digibank.objects.filter(slug="gent").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", EMPTY),
        ("name", TOO_LONG),
        ("slug", SCRIPT),
        ("slug", EMOJI),
        ("email", RIGHT_TO_LEFT),
        ("municipalities_text", EMPTY),
        ("municipalities_text", TOO_LONG),
        ("municipalities_text", SCRIPT),
        ("municipalities_text", RIGHT_TO_LEFT),
    ],
)
def test_it_refuses_bad_input_next_to_the_field(world, admin, field, value):
    response = admin.post(url("digibank_create", world), digibank_data(**{field: value}))
    assert_error_next_to(response, field)
    assert not Digibank.objects.filter(name="Digibank Gent").exists()


def test_it_changes_the_municipalities_of_a_digibank(world, admin):
    digibank = world.a.digibank
    form = admin.get(url("digibank_edit", world, digibank_id=digibank.pk)).content.decode()
    assert "12025 Mechelen" in form
    response = admin.post(
        url("digibank_edit", world, digibank_id=digibank.pk),
        digibank_data(name="Digibank Mechelen", slug="mechelen", municipalities_text="12025\n2820"),
    )
    assert response.status_code == 302
    assert sorted(m.name_nl for m in digibank.municipalities.all()) == ["Bonheiden", "Mechelen"]


def test_it_refuses_to_drop_a_municipality_with_a_hub(world, admin):
    response = admin.post(
        url("digibank_edit", world, digibank_id=world.a.digibank.pk),
        digibank_data(name="Digibank Mechelen", slug="mechelen", municipalities_text="2820"),
    )
    assert_error_next_to(response, "municipalities_text", "2820")
    assert world.a.hub.name in response.content.decode()


def test_the_detail_page_lists_coordinators_and_municipalities(world, admin):
    content = admin.get(
        url("digibank_detail", world, digibank_id=world.a.digibank.pk)
    ).content.decode()
    assert "coordinator-mechelen" in content
    assert "12025" in content


def test_it_invites_a_coordinator_who_has_no_role_until_accepting(world, admin):
    digibank = services.create_digibank(
        by=SYSTEM, region=world.region, name="Digibank Gent", slug="gent"
    )
    response = admin.post(
        url("coordinator_invite", world, digibank_id=digibank.pk), {"email": "Bram@Gent.be"}
    )
    assert response.url == url("digibank_detail", world, digibank_id=digibank.pk)
    assert not Membership.objects.filter(digibank=digibank).exists()
    invitation = Invitation.objects.get(digibank=digibank)
    assert (invitation.email, invitation.roles) == ("bram@gent.be", [Role.COORDINATOR])
    assert mail.outbox[-1].to == ["bram@gent.be"]
    page = admin.get(response.url).content.decode()
    assert "The invitation is sent to bram@gent.be" in page
    assert "invited, not yet accepted" in page


def test_an_address_with_an_account_elsewhere_gets_the_same_answer(world, admin):
    answers = []
    for email in ("trainer-mechelen@digibank.example", "nobody@gent.be"):
        response = admin.post(
            url("coordinator_invite", world, digibank_id=world.b.digibank.pk), {"email": email}
        )
        page = admin.get(response.url).content.decode()
        answers.append((response.status_code, response.url, same_shape(page, email)))
        # The next address meets the same list: this one's row goes.
        services.withdraw_invitation(invitation=Invitation.objects.get(email=email), by=SYSTEM)
    assert answers[0] == answers[1]
    assert "Trainer Tester" not in answers[0][2]
    assert not Membership.objects.filter(
        user=world.users["trainer"], digibank=world.b.digibank
    ).exists()


def test_it_refuses_someone_who_is_coordinator_already(world, admin):
    response = admin.post(
        url("coordinator_invite", world, digibank_id=world.a.digibank.pk),
        {"email": "coordinator-mechelen@digibank.example"},
    )
    assert response.status_code == 200
    assert "already has the role" in response.content.decode()


def test_the_admin_sends_an_invitation_again_and_withdraws_it(world, admin):
    admin.post(
        url("coordinator_invite", world, digibank_id=world.b.digibank.pk),
        {"email": "bram@gent.be"},
    )
    invitation = Invitation.objects.get(email="bram@gent.be")
    kwargs = {"digibank_id": world.b.digibank.pk, "invitation_id": invitation.pk}
    admin.post(url("invitation_resend", world, **kwargs))
    assert len(mail.outbox) == 2
    admin.post(url("invitation_withdraw", world, **kwargs))
    invitation.refresh_from_db()
    assert invitation.status == "withdrawn"
    page = admin.get(url("digibank_detail", world, digibank_id=world.b.digibank.pk))
    assert "invited, not yet accepted" not in page.content.decode()


def test_a_digibank_of_another_region_is_not_found(world, admin):
    gent = Municipality.objects.get(nis_code="44021")
    elsewhere = services.create_digibank(
        by=SYSTEM,
        region=world.other_region,
        name="Digibank Brussel",
        slug="brussel",
        municipalities=[gent],
    )
    for name in ("digibank_detail", "digibank_edit", "coordinator_invite"):
        response = admin.get(url(name, world, digibank_id=elsewhere.pk))
        assert response.status_code == 404, name


def test_the_lookup_finds_municipalities_by_name_or_postcode(world, admin):
    by_name = admin.get(url("municipality_lookup", world), {"q": "Gand"}).content.decode()
    by_postcode = admin.get(url("municipality_lookup", world), {"q": "2811"}).content.decode()
    assert "44021" in by_name
    assert "12025" in by_postcode


def test_the_lookup_survives_odd_input(world, admin):
    response = admin.get(url("municipality_lookup", world), {"q": TOO_LONG})
    assert response.status_code == 200
    assert 'id="id_q_error"' in response.content.decode()
