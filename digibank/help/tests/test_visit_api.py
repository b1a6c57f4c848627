"""The API: visits as figures only, the referrals of the token user's partner and their status."""

import datetime

import pytest
from django.test import Client

from digibank.core import services as core_services
from digibank.help.models import Outcome, Referral, ReferralStatus
from digibank.help.tests.visit_helpers import (
    logged_visit,
    referral_to,
    second_partner_with_referrer,
    topic,
)

pytestmark = pytest.mark.django_db


def api(user):
    token = core_services.create_api_token(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def base(world):
    return f"/api/digibanks/{world.a.digibank.slug}/help"


def test_visit_counts_are_figures_only(world):
    logged_visit(world.a, topics=[topic(world.a, "H01"), topic(world.a, "H07")], minutes=20)
    logged_visit(world.a, outcome=Outcome.REFERRED, how="referred", minutes=10)
    logged_visit(world.b)
    answer = api(world.users["analyst"]).get(f"{base(world)}/visit-counts")
    assert answer.status_code == 200
    body = answer.json()
    assert body["visits"] == 2 and body["minutes"] == 30
    assert body["by_outcome"] == {"solved": 1, "referred": 1}
    assert body["by_how"] == {"explained": 1, "referred": 1}
    assert {row["code"]: row["visits"] for row in body["by_topic"]} == {"H01": 2, "H07": 1}
    assert "notes" not in answer.content.decode() and "person" not in body


def test_visit_counts_refuse_a_period_upside_down_or_too_long(world):
    client = api(world.users["coordinator"])
    today = datetime.date.today()
    upside_down = {"since": today.isoformat(), "until": (today - datetime.timedelta(1)).isoformat()}
    assert client.get(f"{base(world)}/visit-counts", upside_down).status_code == 422
    too_long = {"since": "2000-01-01", "until": today.isoformat()}
    assert client.get(f"{base(world)}/visit-counts", too_long).status_code == 422


def test_a_referrer_lists_and_moves_only_their_partners_referrals(world):
    mine = referral_to(world.a, person=world.a.person, consent=True)
    other_partner, other_referrer = second_partner_with_referrer(world.a)
    theirs = referral_to(world.a, partner=other_partner)
    client = api(world.users["referrer"])
    listed = client.get(f"{base(world)}/referrals").json()["items"]
    assert [item["id"] for item in listed] == [mine.pk]
    assert listed[0]["who"] == "Marie Peeters"
    moved = client.post(
        f"{base(world)}/referrals/{mine.pk}/status",
        {"status": "accepted", "response": "Afspraak gemaakt"},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["status"] == "accepted"
    refused = client.post(
        f"{base(world)}/referrals/{theirs.pk}/status",
        {"status": "accepted"},
        content_type="application/json",
    )
    assert refused.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ReferralStatus.SENT
    assert api(other_referrer).get(f"{base(world)}/referrals").json()["items"][0]["id"] == theirs.pk


def test_a_move_outside_the_table_or_a_code_in_the_note_answers_422(world):
    referral = referral_to(world.a)
    client = api(world.users["referrer"])
    url = f"{base(world)}/referrals/{referral.pk}/status"
    answer = client.post(url, {"status": "done"}, content_type="application/json")
    assert answer.status_code == 422
    answer = client.post(
        url, {"status": "accepted", "response": "pin 4821"}, content_type="application/json"
    )
    assert answer.status_code == 422 and "response" in answer.json()["error"]["fields"]
    assert Referral.objects.get().status == ReferralStatus.SENT
