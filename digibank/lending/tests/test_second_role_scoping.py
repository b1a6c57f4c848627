"""A partner referrer who also holds another role still reaches only their partner's people and
requests, on the pages, in the API and in the services: a role only adds what it grants.

Technician and analyst grant no people or request permission, so they add nothing; a trainer
grants the people permissions for the whole digibank but no request permission; a hub volunteer
grants both.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from digibank.core import services as core_services
from digibank.lending import services
from digibank.lending.models import EvidenceKind
from digibank.lending.tests.helpers import make_eligible, new_request
from digibank.organisations import services as organisation_services
from digibank.organisations.models import PartnerKind
from digibank.organisations.permissions import SYSTEM, acting
from digibank.people import services as people_services

pytestmark = pytest.mark.django_db

ADDS_NOTHING = ["technician", "analyst"]


@pytest.fixture
def stranger(world):
    """A resident of digibank A referred by another partner, with a request on the waiting list."""
    partner = organisation_services.create_partner(
        by=SYSTEM, digibank=world.a.digibank, name="Buurtwerk Noord", kind=PartnerKind.CIVIL_SOCIETY
    )
    person = people_services.register_person(
        digibank=world.a.digibank,
        by=SYSTEM,
        first_name="Hanne",
        last_name="Strangerlaan",
        contact_method="referrer",
        referrer_partner=partner,
    )
    person.device_request = make_eligible(world.a, new_request(world.a, person=person))
    return person


@pytest.fixture
def theirs(world):
    """The partner's own referral, with a request on the waiting list."""
    return make_eligible(world.a, new_request(world.a, person=world.a.referred_person))


def login(client, world, second_role):
    user = world.user_with_roles("referrer", second_role)
    client.force_login(user)
    return user


def people_url(name, **kwargs):
    return reverse(f"people:{name}", kwargs={"digibank": "mechelen", **kwargs})


def lending_url(name, **kwargs):
    return reverse(f"lending:{name}", kwargs={"digibank": "mechelen", **kwargs})


@pytest.mark.parametrize("second_role", ADDS_NOTHING)
def test_the_people_list_holds_only_the_partners_referrals(client, world, stranger, second_role):
    login(client, world, second_role)
    body = client.get(people_url("list")).content.decode()
    assert "El Amrani" in body
    assert "Strangerlaan" not in body
    assert "Peeters" not in body


@pytest.mark.parametrize("second_role", ADDS_NOTHING)
def test_another_partners_person_is_a_404(client, world, stranger, second_role):
    login(client, world, second_role)
    for name in ["detail", "edit"]:
        assert client.get(people_url(name, person_id=stranger.pk)).status_code == 404
    response = client.post(
        people_url("consent_record", person_id=stranger.pk), {"purpose": "photos"}
    )
    assert response.status_code == 404
    assert client.get(people_url("detail", person_id=world.a.referred_person.pk)).status_code == 200


@pytest.mark.parametrize("second_role", [*ADDS_NOTHING, "trainer"])
def test_the_request_and_waiting_lists_hold_only_the_partners_requests(
    client, world, stranger, theirs, second_role
):
    login(client, world, second_role)
    for name in ["request_list", "waiting_list"]:
        body = client.get(lending_url(name)).content.decode()
        assert theirs.reference_display in body, name
        assert stranger.device_request.reference_display not in body, name
    url = lending_url("request_detail", request_id=stranger.device_request.pk)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("second_role", [*ADDS_NOTHING, "trainer"])
def test_the_api_answers_only_the_partners_people_and_requests(
    client, world, stranger, theirs, second_role
):
    user = world.user_with_roles("referrer", second_role)
    token = core_services.create_api_token(user=user, name="second role")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    base = "/api/digibanks/mechelen"
    requests = client.get(f"{base}/requests", **auth).json()["items"]
    assert [item["id"] for item in requests] == [theirs.pk]
    answer = client.get(f"{base}/requests/{stranger.device_request.pk}", **auth)
    assert answer.status_code == 404
    if second_role == "trainer":
        return  # a trainer reaches every resident of the digibank (see the test below)
    people = client.get(f"{base}/people", **auth).json()["items"]
    assert [item["id"] for item in people] == [world.a.referred_person.pk]
    assert client.get(f"{base}/people/{stranger.pk}", **auth).status_code == 404


@pytest.mark.parametrize("second_role", ADDS_NOTHING)
def test_the_services_refuse_another_partners_person(world, stranger, second_role):
    by = acting(world.user_with_roles("referrer", second_role), world.a.digibank)
    with pytest.raises(PermissionDenied):
        people_services.update_person(person=stranger, by=by, notes="Seen at the hub")
    with pytest.raises(PermissionDenied):
        people_services.record_consent(person=stranger, by=by, purpose="photos")
    with pytest.raises(PermissionDenied):
        services.submit_request(digibank=world.a.digibank, person=stranger, by=by, needs=["school"])
    with pytest.raises(PermissionDenied):
        services.record_evidence(
            request=stranger.device_request, by=by, kind=EvidenceKind.LIVING_WAGE
        )
    people_services.update_person(person=world.a.referred_person, by=by, notes="Seen at the hub")


def test_a_trainer_role_adds_every_resident_but_no_request(client, world, stranger, theirs):
    """The trainer role grants the people permissions for the whole digibank, so a referrer who
    is also a trainer sees every resident; it grants no request permission, so their requests stay
    their partner's."""
    login(client, world, "trainer")
    assert "Strangerlaan" in client.get(people_url("list")).content.decode()
    body = client.get(lending_url("request_list")).content.decode()
    assert stranger.device_request.reference_display not in body


def test_a_hub_volunteer_role_adds_the_whole_digibank(client, world, stranger, theirs):
    login(client, world, "hub_volunteer")
    assert "Strangerlaan" in client.get(people_url("list")).content.decode()
    body = client.get(lending_url("request_list")).content.decode()
    assert stranger.device_request.reference_display in body
    assert client.get(people_url("detail", person_id=stranger.pk)).status_code == 200
