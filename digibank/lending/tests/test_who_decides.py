"""Who decides eligibility: the coordinator's setting for a partner's referrers, off by default."""

import pytest
from django.urls import reverse

from digibank.core.models import AuditAction, AuditEntry
from digibank.lending.tests.helpers import new_request
from digibank.organisations.models import Digibank
from digibank.organisations.permissions import Perm, acting

pytestmark = pytest.mark.django_db

PAGE = reverse("lending:who_decides", kwargs={"digibank": "mechelen"})


def decide_page(request):
    return reverse("lending:decide", kwargs={"digibank": "mechelen", "request_id": request.pk})


def test_a_new_digibank_lets_only_the_coordinator_decide(world):
    assert not world.a.digibank.referrers_decide_eligibility
    referrer = acting(world.users["referrer"], world.a.digibank)
    assert referrer.can(Perm.RECORD_EVIDENCE)
    assert not referrer.can(Perm.DECIDE_ELIGIBILITY)
    volunteer = acting(world.users["hub_volunteer"], world.a.digibank)
    assert volunteer.can(Perm.RECORD_EVIDENCE)
    assert not volunteer.can(Perm.DECIDE_ELIGIBILITY)


def test_the_coordinator_lets_referrers_decide_and_takes_it_back(client, world):
    client.force_login(world.users["coordinator"])
    assert client.get(PAGE).status_code == 200
    response = client.post(PAGE, {"referrers_decide_eligibility": "yes"})
    assert response.status_code == 302
    assert Digibank.objects.get(pk=world.a.digibank.pk).referrers_decide_eligibility
    entry = AuditEntry.objects.filter(object_type="organisations.digibank").latest("id")
    assert (entry.action, entry.fields) == (AuditAction.CHANGE, ["referrers_decide_eligibility"])
    assert entry.actor == world.users["coordinator"]
    # Only this digibank: the other one keeps its referrers out of the decision.
    assert not Digibank.objects.get(pk=world.b.digibank.pk).referrers_decide_eligibility

    request = new_request(world.a, by_role="referrer")
    referrer = client.__class__()
    referrer.force_login(world.users["referrer"])
    assert referrer.get(decide_page(request)).status_code == 200

    client.post(PAGE, {"referrers_decide_eligibility": "no"})
    assert referrer.get(decide_page(request)).status_code == 403


def test_a_choice_is_needed(client, world):
    client.force_login(world.users["coordinator"])
    response = client.post(PAGE, {})
    assert response.status_code == 200
    assert "Choose who decides." in response.content.decode()


@pytest.mark.parametrize("role", ["hub_volunteer", "referrer", "technician", "trainer", "analyst"])
def test_only_the_coordinator_changes_who_decides(client, world, role):
    client.force_login(world.users[role])
    assert client.post(PAGE, {"referrers_decide_eligibility": "yes"}).status_code == 403
    assert not Digibank.objects.get(pk=world.a.digibank.pk).referrers_decide_eligibility
