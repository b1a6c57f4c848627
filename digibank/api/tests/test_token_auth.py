import datetime

import pytest
from django.urls import reverse

from digibank.core.models import ApiToken
from digibank.core.services import create_api_token, revoke_api_token
from digibank.organisations.models import Role
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.services import add_member
from digibank.testing import World


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def me_url() -> str:
    return reverse("api:me")


def test_it_refuses_a_call_without_a_token(client, world: World, me_url):
    assert client.get(me_url).status_code == 401


def test_it_refuses_a_wrong_token(client, world: World, me_url):
    create_api_token(user=world.users["coordinator"], name="laptop")

    assert client.get(me_url, **bearer("dgb_not-a-real-token")).status_code == 401
    assert client.get(me_url, **bearer("something-else")).status_code == 401


def test_it_refuses_a_session_login_without_a_token(client, world: World, me_url):
    client.force_login(world.users["coordinator"])

    assert client.get(me_url).status_code == 401


def test_it_answers_with_a_valid_token_and_notes_when_it_was_used(client, world: World, me_url):
    user = world.users["coordinator"]
    key = create_api_token(user=user, name="laptop")
    assert ApiToken.objects.get(user=user).last_used_at is None

    response = client.get(me_url, **bearer(key))

    assert response.status_code == 200
    assert response.json() == {
        "username": user.username,
        "full_name": user.get_full_name(),
        "digibanks": [
            {"digibank": "mechelen", "digibank_name": "Digibank Mechelen", "roles": ["coordinator"]}
        ],
    }
    assert ApiToken.objects.get(user=user).last_used_at is not None


def test_it_notes_the_use_at_most_once_a_minute(client, world: World, me_url):
    user = world.users["coordinator"]
    key = create_api_token(user=user, name="laptop")
    client.get(me_url, **bearer(key))
    first_use = ApiToken.objects.get(user=user).last_used_at
    assert first_use is not None

    client.get(me_url, **bearer(key))
    assert ApiToken.objects.get(user=user).last_used_at == first_use

    an_hour_ago = first_use - datetime.timedelta(hours=1)
    ApiToken.objects.filter(user=user).update(last_used_at=an_hour_ago)
    client.get(me_url, **bearer(key))
    last_use = ApiToken.objects.get(user=user).last_used_at
    assert last_use is not None
    assert last_use > first_use


def test_it_keeps_only_a_hash_of_the_token(world: World):
    key = create_api_token(user=world.users["analyst"], name="report")

    token = ApiToken.objects.get(user=world.users["analyst"])
    assert token.key_hash == ApiToken.hash_key(key)
    assert key not in (token.key_hash, token.prefix, token.name)


def test_it_refuses_a_revoked_token(client, world: World, me_url):
    user = world.users["trainer"]
    key = create_api_token(user=user, name="laptop")
    assert client.get(me_url, **bearer(key)).status_code == 200

    revoke_api_token(user=user, token_id=ApiToken.objects.get(user=user).pk)

    assert client.get(me_url, **bearer(key)).status_code == 401


def test_it_refuses_the_token_of_a_deactivated_user(client, world: World, me_url):
    user = world.users["technician"]
    key = create_api_token(user=user, name="laptop")
    user.is_active = False
    user.save(update_fields=["is_active"])

    assert client.get(me_url, **bearer(key)).status_code == 401


def test_it_lists_no_digibank_for_a_user_without_a_digibank_role(client, world: World, me_url):
    key = create_api_token(user=world.region_users["region_admin"], name="region")

    response = client.get(me_url, **bearer(key))

    assert response.status_code == 200
    assert response.json()["digibanks"] == []


def test_it_lists_every_role_of_a_user_in_several_digibanks(client, world: World, me_url):
    user = world.users["trainer"]
    add_member(by=SYSTEM, digibank=world.b.digibank, user=user, role=Role.TECHNICIAN)
    add_member(by=SYSTEM, digibank=world.a.digibank, user=user, role=Role.HUB_VOLUNTEER)
    key = create_api_token(user=user, name="laptop")

    digibanks = client.get(me_url, **bearer(key)).json()["digibanks"]

    assert digibanks == [
        {"digibank": "eeklo", "digibank_name": "Digibank Eeklo", "roles": ["technician"]},
        {
            "digibank": "mechelen",
            "digibank_name": "Digibank Mechelen",
            "roles": ["hub_volunteer", "trainer"],
        },
    ]
