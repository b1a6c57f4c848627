"""Every request says what happens next and who does it, from its state and what is missing: on
the staff request page and, in plain words, on the resident's status page."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from digibank.lending import services
from digibank.lending.models import DeviceRequest, EvidenceKind, RequestStatus
from digibank.lending.next_step import next_step
from digibank.lending.states import REQUEST_STATES
from digibank.lending.tests.helpers import (
    allow_referrers_to_decide,
    new_request,
    reserved_request,
    waiting_request,
)
from digibank.organisations.permissions import Perm
from digibank.testing import act

pytestmark = pytest.mark.django_db

R = RequestStatus


@dataclass(frozen=True)
class Case:
    status: RequestStatus
    staff: str
    who: str
    url_name: str
    perm: Perm | None
    proof_seen: bool = False
    referrers_decide: bool = False
    erased: bool = False


CASES = [
    Case(
        R.SUBMITTED,
        "Note which proof of their situation the resident shows",
        "the hub volunteer at the desk, the partner's referrer or the coordinator",
        "lending:evidence_add",
        Perm.RECORD_EVIDENCE,
    ),
    Case(
        R.SUBMITTED,
        "Decide whether the request is eligible",
        "the coordinator",
        "lending:decide",
        Perm.DECIDE_ELIGIBILITY,
        proof_seen=True,
    ),
    Case(
        R.SUBMITTED,
        "Decide whether the request is eligible",
        "the coordinator, or the partner's referrer",
        "lending:decide",
        Perm.DECIDE_ELIGIBILITY,
        proof_seen=True,
        referrers_decide=True,
    ),
    Case(
        R.ELIGIBLE,
        "Choose a device type so the request joins the waiting list.",
        "whoever helps the resident: the hub volunteer, the referrer or the coordinator",
        "lending:request_edit",
        Perm.SUBMIT_REQUESTS,
        proof_seen=True,
    ),
    Case(
        R.WAITING,
        "Reserve a device when one of this type is ready",
        "the coordinator",
        "lending:allocate",
        Perm.ALLOCATE_DEVICES,
        proof_seen=True,
    ),
    Case(
        R.REJECTED,
        "unless the resident brings a new proof",
        "the coordinator",
        "lending:decide",
        Perm.DECIDE_ELIGIBILITY,
        proof_seen=True,
    ),
    Case(
        R.RESERVED,
        "Hand the device over with the loan agreement",
        "the hub volunteer or the coordinator, at the hub where it is picked up",
        "lending:hand_over",
        Perm.HAND_OVER_DEVICES,
        proof_seen=True,
    ),
    Case(R.HANDED_OVER, "the device is handed over", "nobody", "", None, proof_seen=True),
    Case(R.CANCELLED, "the request is cancelled", "nobody", "", None),
    Case(R.HANDED_OVER, "the resident was erased", "nobody", "", None, erased=True),
    Case(R.REJECTED, "the resident was erased", "nobody", "", None, erased=True),
]


def test_every_state_of_the_request_machine_has_a_next_step():
    assert {case.status for case in CASES} == set(REQUEST_STATES.states)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.status}-{c.proof_seen}-{c.erased}")
def test_the_next_step_of_each_state(world, case):
    world.a.digibank.referrers_decide_eligibility = case.referrers_decide
    request = DeviceRequest(
        digibank=world.a.digibank,
        person=None if case.erased else world.a.referred_person,
        status=case.status,
    )
    step = next_step(request, proof_seen=case.proof_seen)
    assert case.staff in step.staff
    assert step.who == case.who
    assert (step.url_name, step.perm) == (case.url_name, case.perm)
    assert step.is_open == bool(case.url_name)
    assert step.resident and "slug" not in step.resident
    if step.url_name:  # the page exists and takes the request
        reverse(step.url_name, kwargs={"digibank": "mechelen", "request_id": 1})


def request_page(client, request):
    url = reverse(
        "lending:request_detail", kwargs={"digibank": "mechelen", "request_id": request.pk}
    )
    return client.get(url).content.decode()


def test_the_staff_request_page_says_the_next_step_and_who(client, world):
    request = new_request(world.a)
    client.force_login(world.users["hub_volunteer"])
    body = request_page(client, request)
    assert "Note which proof of their situation the resident shows" in body
    assert (
        "Who: the hub volunteer at the desk, the partner&#x27;s referrer or the coordinator."
        in body
    )
    proof = reverse(
        "lending:evidence_add", kwargs={"digibank": "mechelen", "request_id": request.pk}
    )
    assert f'<a href="{proof}">Take this step</a>' in body

    services.record_evidence(
        request=request, by=act(world.users["hub_volunteer"]), kind=EvidenceKind.LIVING_WAGE
    )
    body = request_page(client, request)
    assert "Decide whether the request is eligible" in body
    assert "Who: the coordinator." in body
    assert "Take this step" not in body  # the volunteer does not decide

    allow_referrers_to_decide(world.a)
    assert "Who: the coordinator, or the partner&#x27;s referrer." in request_page(client, request)


def test_the_status_page_says_the_next_step_in_plain_words(client, world):
    status = reverse("lending:public_status")

    def shown(request):
        return client.post(status, {"reference": request.reference}).content.decode()

    request = new_request(world.a)
    assert "Show a proof of your situation at a hub" in shown(request)
    services.record_evidence(
        request=request, by=act(world.users["coordinator"]), kind=EvidenceKind.LIVING_WAGE
    )
    assert "We saw your proof. We now decide if you can get a device." in shown(request)
    body = shown(waiting_request(world.a))
    assert "You are number 1. When a device is ready for you, we tell you where" in body
    body = shown(reserved_request(world.a, person=world.a.person))
    assert "Pick up your device. Bring your identity card and your reference code." in body
    assert f"Where: {world.a.hub.name}" in body


def test_the_status_page_says_it_in_dutch_and_french(client, world):
    request = new_request(world.a)
    status = reverse("lending:public_status")
    dutch = client.post(status, {"reference": request.reference}, HTTP_ACCEPT_LANGUAGE="nl")
    assert "Laat een bewijs van uw situatie zien" in dutch.content.decode()
    french = client.post(status, {"reference": request.reference}, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Montrez une preuve de votre situation" in french.content.decode()
