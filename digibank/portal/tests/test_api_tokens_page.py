"""The API-token page: a token is made with the lifetime chosen (at most a year), its key shown
once; the list says until when each token works, or why it stopped."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from digibank.core.models import ApiToken, TokenRevocation
from digibank.core.services import create_api_token
from digibank.testing import World

TOKENS = reverse("portal:api_tokens")


def page_of(world: World) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(world.users["analyst"])
    return client


def test_it_makes_a_token_for_the_chosen_lifetime_and_shows_the_key_once(world: World):
    client = page_of(world)

    response = client.post(TOKENS, {"name": "report", "days": "180"})

    token = ApiToken.objects.get()
    lifetime = token.expires_at - token.created_at
    assert timedelta(days=180) - timedelta(seconds=5) < lifetime <= timedelta(days=180)
    body = response.content.decode()
    assert "Your new token" in body and f"dgb_{token.prefix}" in body
    assert "Your new token" not in client.get(TOKENS).content.decode()


def test_it_offers_lifetimes_up_to_a_year_with_ninety_days_chosen(world: World):
    body = page_of(world).get(TOKENS).content.decode()

    for days in ("30", "90", "180", "365"):
        assert f'value="{days}"' in body
    assert 'value="90" id="id_days_1" checked' in body


def test_it_refuses_a_lifetime_over_a_year_or_none(world: World):
    client = page_of(world)

    for days in ("400", ""):
        body = client.post(TOKENS, {"name": "forever", "days": days}).content.decode()
        assert 'class="error-summary"' in body

    assert not ApiToken.objects.exists()


def test_the_list_says_until_when_a_token_works_or_why_it_stopped(world: World):
    user = world.users["analyst"]
    create_api_token(user=user, name="working", days=30)
    create_api_token(user=user, name="expired", days=30)
    create_api_token(user=user, name="stopped", days=30)
    ApiToken.objects.filter(name="expired").update(expires_at=timezone.now() - timedelta(days=1))
    ApiToken.objects.filter(name="stopped").update(
        revoked_at=timezone.now(), revoked_reason=TokenRevocation.PASSWORD
    )

    body = page_of(world).get(TOKENS).content.decode()

    assert "Expired on" in body
    assert "Stopped on" in body and "your password changed" in body
    working = ApiToken.objects.get(name="working")
    assert reverse("portal:revoke_api_token", kwargs={"token_id": working.pk}) in body
    for name in ("expired", "stopped"):
        token = ApiToken.objects.get(name=name)
        assert reverse("portal:revoke_api_token", kwargs={"token_id": token.pk}) not in body


def test_revoking_on_the_page_stops_the_token_and_twice_is_not_found(world: World):
    key = create_api_token(user=world.users["analyst"], name="report")
    token = ApiToken.objects.get()
    client = page_of(world)
    url = reverse("portal:revoke_api_token", kwargs={"token_id": token.pk})

    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 404
    answer = Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert answer.status_code == 401
