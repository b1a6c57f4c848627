"""A referrer sees only the requests of the people their partner referred; another digibank's
request or loan is a 404, never a 403 and never a 200."""

import pytest
from django.urls import reverse

from digibank.lending.tests.helpers import allow_referrers_to_decide, handed_over, new_request

pytestmark = pytest.mark.django_db

REFERRER_PAGES = ["request_detail", "request_edit", "request_cancel", "evidence_add", "decide"]


@pytest.mark.parametrize("name", REFERRER_PAGES)
def test_a_referrer_gets_a_404_for_someone_their_partner_did_not_refer(client, world, name):
    allow_referrers_to_decide(world.a)  # else the decision page is a 403 for any request
    client.force_login(world.users["referrer"])
    theirs = new_request(world.a)
    other = new_request(world.a, person=world.a.person)
    kwargs = {"digibank": "mechelen"}
    assert (
        client.get(
            reverse(f"lending:{name}", kwargs={**kwargs, "request_id": theirs.pk})
        ).status_code
        == 200
    )
    assert (
        client.get(
            reverse(f"lending:{name}", kwargs={**kwargs, "request_id": other.pk})
        ).status_code
        == 404
    )


def test_a_referrer_cannot_start_a_request_for_someone_else(client, world):
    client.force_login(world.users["referrer"])
    url = reverse(
        "lending:request_create", kwargs={"digibank": "mechelen", "person_id": world.a.person.pk}
    )
    assert client.get(url).status_code == 404
    body = client.get(
        reverse("lending:request_choose_person", kwargs={"digibank": "mechelen"}), {"q": "peeters"}
    ).content.decode()
    assert "No resident found." in body


def test_another_digibanks_loan_is_a_404(client, world):
    client.force_login(world.users["coordinator"])
    foreign = handed_over(world.b)
    for name in ["loan_detail", "loan_agreement", "loan_return", "loan_lost", "loan_ownership"]:
        url = reverse(f"lending:{name}", kwargs={"digibank": "mechelen", "loan_id": foreign.pk})
        assert client.get(url).status_code == 404, name


def test_the_return_desk_finds_only_this_digibanks_loans(client, world):
    client.force_login(world.users["hub_volunteer"])
    foreign = handed_over(world.b)
    response = client.post(
        reverse("lending:find_loan", kwargs={"digibank": "mechelen"}),
        {"tag": foreign.device.asset_tag},
    )
    assert response.status_code == 200
    assert "No device on loan has the tag" in response.content.decode()
