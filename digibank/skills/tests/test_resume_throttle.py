"""Resuming a skills check by its code is limited per client address with the device request's
status look-up (issue 9, point 7): past REFERENCE_LOOKUP_FAILURE_LIMIT unknown codes an hour from
either page, the resume page answers 429 with Retry-After, even for a right code."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from digibank.skills.tests.helpers import finished_check

pytestmark = pytest.mark.django_db

RESUME = reverse("skills:public_resume")
STATUS = reverse("lending:public_status")
UNKNOWN = [f"ACD{letter}-FHJK" for letter in "EFHJKMNPQRTU"]


def browser(address: str = "203.0.113.7") -> Client:
    return Client(REMOTE_ADDR=address, headers={"accept-language": "en"})


def test_after_ten_unknown_codes_even_a_right_one_is_refused_with_429(world):
    check = finished_check(world.region)
    client = browser()
    for code in UNKNOWN[:10]:
        assert client.post(RESUME, {"code": code}).status_code == 200

    response = client.post(RESUME, {"code": check.code})

    assert response.status_code == 429
    assert 3600 - 5 <= int(response["Retry-After"]) <= 3600
    body = response.content.decode()
    assert "You entered too many codes that we could not find." in body
    assert 'class="error-summary"' in body


def test_unknown_codes_on_both_pages_count_towards_one_limit(world):
    check = finished_check(world.region)
    client = browser()
    for code in UNKNOWN[:5]:
        client.post(STATUS, {"reference": code})
    for code in UNKNOWN[5:10]:
        client.post(RESUME, {"code": code})

    assert client.post(RESUME, {"code": check.code}).status_code == 429


def test_a_right_code_from_another_address_still_resumes(world):
    check = finished_check(world.region)
    for code in UNKNOWN[:10]:
        browser().post(RESUME, {"code": code})

    response = browser("198.51.100.4").post(RESUME, {"code": check.code})

    assert response.status_code == 302
    assert response["Location"] == reverse("skills:public_result")
