"""The public status look-up is limited per client address (issue 9, point 7): past
REFERENCE_LOOKUP_FAILURE_LIMIT unknown codes an hour, the page answers 429 with Retry-After and a
translated message saying from when to try again, even for a right code."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from digibank.core.models import ThrottledAttempt
from digibank.lending.tests.helpers import new_request

pytestmark = pytest.mark.django_db

STATUS = reverse("lending:public_status")
UNKNOWN = [f"ACD{letter}-FHJK" for letter in "EFHJKMNPQRTU"]


def browser(address: str = "203.0.113.9", language: str = "en") -> Client:
    return Client(REMOTE_ADDR=address, headers={"accept-language": language})


def try_unknown_codes(client: Client, times: int) -> None:
    for code in UNKNOWN[:times]:
        response = client.post(STATUS, {"reference": code})
        assert response.status_code == 200
        assert 'class="error-summary"' in response.content.decode()


def test_the_limit_is_ten_unknown_codes_an_hour():
    assert settings.REFERENCE_LOOKUP_FAILURE_LIMIT == 10


def test_after_ten_unknown_codes_even_a_right_one_is_refused_with_429(world):
    request = new_request(world.a)
    client = browser()
    try_unknown_codes(client, 10)

    response = client.post(STATUS, {"reference": request.reference})

    assert response.status_code == 429
    assert 3600 - 5 <= int(response["Retry-After"]) <= 3600
    body = response.content.decode()
    assert "You entered too many codes that we could not find." in body
    assert "We received your request." not in body
    assert 'class="error-summary"' in body


def test_the_wait_message_says_when_to_try_again_in_dutch(world):
    client = browser(language="nl")
    try_unknown_codes(client, 10)

    body = client.post(STATUS, {"reference": UNKNOWN[10]}).content.decode()

    until = timezone.localtime(timezone.now() + timedelta(hours=1))
    assert "U hebt te vaak een code ingevuld die we niet vinden." in body
    assert f"vanaf {until:%H:%M}" in body or (
        f"vanaf {(until - timedelta(minutes=1)):%H:%M}" in body
    )


def test_nine_unknown_codes_leave_the_right_one_working(world):
    request = new_request(world.a)
    client = browser()
    try_unknown_codes(client, 9)

    response = client.post(STATUS, {"reference": request.reference})

    assert response.status_code == 200
    assert "We received your request." in response.content.decode()


def test_right_codes_are_not_counted_and_other_addresses_are_not_limited(world):
    request = new_request(world.a)
    client = browser()
    for _ in range(12):
        assert client.post(STATUS, {"reference": request.reference}).status_code == 200
    try_unknown_codes(client, 10)

    other = browser("198.51.100.4").post(STATUS, {"reference": request.reference})

    assert other.status_code == 200
    assert ThrottledAttempt.objects.filter(address="203.0.113.9").count() == 10


def test_the_page_itself_is_not_refused_while_throttled(world):
    client = browser()
    try_unknown_codes(client, 10)

    assert client.get(STATUS).status_code == 200
