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
