"""Wrong API tokens are limited per client address (issue 9, point 7): past
API_TOKEN_FAILURE_LIMIT an hour, the address gets 429 with Retry-After, even with a right token,
counted in the database that every app process shares."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.test import Client
from django.utils import timezone

from digibank.core.models import ThrottledAttempt
from digibank.core.services import create_api_token
from digibank.testing import World

ME = "/api/me"
HOUR = 3600


def call(key: str, address: str = "203.0.113.9"):
    return Client(REMOTE_ADDR=address, headers={"accept-language": "en"}).get(
        ME, HTTP_AUTHORIZATION=f"Bearer {key}"
    )


def guess(times: int, address: str = "203.0.113.9") -> None:
    for number in range(times):
        assert call(f"dgb_guess-{number}", address).status_code == 401


def test_the_limit_is_ten_wrong_tokens_an_hour():
    assert settings.API_TOKEN_FAILURE_LIMIT == 10


def test_the_eleventh_try_after_ten_wrong_tokens_is_answered_429_with_retry_after(world: World):
    guess(10)

    response = call("dgb_guess-11")

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert HOUR - 5 <= int(response["Retry-After"]) <= HOUR


def test_a_right_token_from_a_throttled_address_is_refused_too(world: World):
    key = create_api_token(user=world.users["analyst"], name="report")
    guess(10)

    assert call(key).status_code == 429
    assert call(key, address="198.51.100.4").status_code == 200


def test_nine_wrong_tokens_do_not_stop_the_right_one(world: World):
    key = create_api_token(user=world.users["analyst"], name="report")
    guess(9)

    assert call(key).status_code == 200
    assert call(key).status_code == 200  # right tokens are not counted


def test_a_wrong_token_of_another_shape_counts_too(world: World):
    for number in range(10):
        assert call(f"not-a-digibank-token-{number}").status_code == 401

    assert call("dgb_anything").status_code == 429


def test_the_address_may_try_again_when_the_oldest_attempt_is_an_hour_old(world: World):
    key = create_api_token(user=world.users["analyst"], name="report")
    guess(10)
    oldest = ThrottledAttempt.objects.order_by("at").first()
    assert oldest is not None
    ThrottledAttempt.objects.filter(pk=oldest.pk).update(
        at=timezone.now() - timedelta(hours=1, seconds=1)
    )

    assert call(key).status_code == 200


def test_the_retry_after_is_when_the_oldest_counted_attempt_stops_counting(world: World):
    guess(10)
    ThrottledAttempt.objects.update(at=timezone.now() - timedelta(minutes=45))

    wait = int(call("dgb_again")["Retry-After"])

    assert 15 * 60 - 5 <= wait <= 15 * 60


def test_an_address_that_is_not_one_is_not_counted_nor_a_server_error(world: World):
    for number in range(12):
        assert call(f"dgb_guess-{number}", address="not-an-address").status_code == 401

    assert not ThrottledAttempt.objects.exists()
