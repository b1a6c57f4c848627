import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_tells_residents_what_they_can_get_and_where(client, world):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>" in body
    assert world.a.hub.name in body


def test_a_staff_page_asked_anonymously_redirects_to_log_in(client, world):
    response = client.get(reverse("portal:dashboard", kwargs={"digibank": "mechelen"}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_digibanks_dashboard_is_a_404(client, world):
    client.force_login(world.users["coordinator"])
    assert client.get(reverse("portal:dashboard", kwargs={"digibank": "eeklo"})).status_code == 404
    assert (
        client.get(reverse("portal:dashboard", kwargs={"digibank": "mechelen"})).status_code == 200
    )


def test_my_account_shows_password_and_tokens_also_to_a_user_of_one_digibank(client, world):
    client.force_login(world.users["hub_volunteer"])
    assert client.get(reverse("portal:staff_home")).status_code == 302
    dashboard = client.get(reverse("portal:dashboard", kwargs={"digibank": "mechelen"}))
    assert reverse("portal:account") in dashboard.content.decode()
    assert f"{reverse('portal:account')}?digibank=mechelen" in dashboard.content.decode()
    page = client.get(reverse("portal:account"), {"digibank": "mechelen"}).content.decode()
    assert 'class="site-nav"' in page
    assert (
        'class="site-nav"'
        not in client.get(reverse("portal:account"), {"digibank": "eeklo"}).content.decode()
    )
    assert reverse("password_change") in page
    assert reverse("portal:api_tokens") in page
    assert world.a.digibank.name in page


def test_the_dashboard_counts_active_hubs_partners_and_people_in_one_query(
    client, world, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from digibank.organisations.permissions import SYSTEM
    from digibank.organisations.services.hubs import create_hub, deactivate_hub
    from digibank.organisations.services.partners import create_partner
    from digibank.organisations.tests.helpers import hub_fields
    from digibank.people.tests.helpers import register

    client.force_login(world.a.users["coordinator"])
    dashboard = reverse("portal:dashboard", kwargs={"digibank": "mechelen"})
    with CaptureQueriesContext(connection) as before:
        first = client.get(dashboard)
    counting = [
        q["sql"].upper()
        for q in before.captured_queries
        if "COUNT(" in q["sql"].upper() and "PEOPLE_COUNT" in q["sql"].upper()
    ]
    assert len(counting) == 1
    assert "HUBS_COUNT" in counting[0] and "PARTNERS_COUNT" in counting[0]
    assert "JOIN" not in counting[0]  # joined, hubs × partners × people rows would be counted

    for number in range(3):
        create_hub(
            by=SYSTEM, **hub_fields(world.a, name=f"Buurthuis {number}"), digibank=world.a.digibank
        )
        create_partner(
            by=SYSTEM, digibank=world.a.digibank, name=f"Partner {number}", kind="company"
        )
        register(world.a, first_name=["Anna", "Bert", "Chris"][number])
    deactivate_hub(
        hub=create_hub(
            by=SYSTEM, **hub_fields(world.a, name="Gesloten"), digibank=world.a.digibank
        ),
        by=SYSTEM,
    )
    register(world.b, first_name="Elsewhere")

    with django_assert_num_queries(len(before.captured_queries)):
        second = client.get(dashboard)
    assert second.context["counts"] == {
        "hubs": first.context["counts"]["hubs"] + 3,
        "partners": first.context["counts"]["partners"] + 3,
        "people": first.context["counts"]["people"] + 3,
    }
    assert first.context["counts"]["hubs"] >= 1


@pytest.mark.parametrize(
    ("language", "name"), [("nl", "Uw werk"), ("fr", "Votre travail"), ("en", "Your work")]
)
def test_the_menu_names_the_staff_home_as_its_heading_does(client, world, language, name):
    client.force_login(world.users["coordinator"])
    client.cookies["digibank_language"] = language
    body = client.get(
        reverse("portal:dashboard", kwargs={"digibank": "mechelen"}),
        HTTP_ACCEPT_LANGUAGE=language,
    ).content.decode()
    assert f"<h1>{name}</h1>" in body
    assert f'aria-current="page">{name}</a>' in body
