"""One journey per person: the person page brings devices, learning and help together, each part
shown only to the roles whose permissions show it elsewhere, each look audited, in a fixed number
of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digibank.core.models import AuditAction, AuditEntry
from digibank.help.tests.visit_helpers import referral_to, second_partner_with_referrer
from digibank.lending.models import RequestStatus
from digibank.lending.tests.helpers import waiting_request
from digibank.people.tests.journey_helpers import journey_of
from digibank.testing import ROLES

pytestmark = pytest.mark.django_db

ALL_HELP = {"visits", "appointments", "referrals"}
# role -> the sections of the page it sees, and the parts of the help section; None: no page.
VISIBLE: dict[str, tuple[set[str], set[str]] | None] = {
    "coordinator": ({"devices", "learning", "help", "personal_plans"}, ALL_HELP),
    "hub_volunteer": ({"devices", "learning", "help"}, ALL_HELP),
    "referrer": ({"devices", "learning", "help"}, {"referrals"}),
    "trainer": ({"learning"}, set()),
    "technician": None,
    "analyst": None,
}


def page_of(person, slug="mechelen"):
    return reverse("people:detail", kwargs={"digibank": slug, "person_id": person.pk})


def shown_sections(response) -> dict[str, dict]:
    return {shown.name: shown.context for shown in response.context["sections"]}


def test_the_table_names_every_role():
    assert set(VISIBLE) == set(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_only_the_parts_its_permissions_show(client, world, role):
    person = world.a.referred_person  # referred by the partner of A's referrer
    journey_of(world.a, person)
    client.force_login(world.a.users[role])
    response = client.get(page_of(person))
    expected = VISIBLE[role]
    if expected is None:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    sections, help_parts = expected
    shown = shown_sections(response)
    assert set(shown) == sections
    text = response.content.decode()
    assert 'id="consents"' in text  # the people app's own part, for all who open the page
    for name, marker in [
        ("devices", 'id="devices"'),
        ("learning", 'id="learning"'),
        ("help", 'id="help"'),
    ]:
        assert (marker in text) == (name in sections)
    if "help" in shown:
        parts = {part for part in ALL_HELP if shown["help"][part] is not None}
        assert parts == help_parts


def test_another_digibanks_coordinator_and_a_referrer_of_another_partner_get_a_404(client, world):
    journey_of(world.a, world.a.referred_person)
    client.force_login(world.b.users["coordinator"])
    assert client.get(page_of(world.a.referred_person)).status_code == 404
    assert client.get(page_of(world.a.referred_person, slug="eeklo")).status_code == 404
    # A's referrer reaches only the people their partner referred.
    client.force_login(world.a.users["referrer"])
    assert client.get(page_of(world.a.person)).status_code == 404


def test_a_referrer_sees_only_the_referrals_sent_to_their_partner(client, world):
    person = world.a.referred_person
    journey_of(world.a, person)
    other_partner, _ = second_partner_with_referrer(world.a)
    to_other = referral_to(world.a, other_partner, person=person, consent=True)
    client.force_login(world.a.users["referrer"])
    referrals = shown_sections(client.get(page_of(person)))["help"]["referrals"]
    assert referrals and all(r.partner_id == world.a.partner.pk for r in referrals)
    assert to_other not in referrals
    client.force_login(world.a.users["coordinator"])
    assert to_other in shown_sections(client.get(page_of(person)))["help"]["referrals"]


def test_the_page_tells_each_jobs_story(client, world):
    person = world.a.referred_person
    journey = journey_of(world.a, person)
    waiting = waiting_request(world.a, person=person)
    client.force_login(world.a.users["coordinator"])
    response = client.get(page_of(person))
    text = response.content.decode()
    rows = {row.request.pk: row for row in shown_sections(response)["devices"]["rows"]}
    assert rows[waiting.pk].request.status == RequestStatus.WAITING
    assert rows[waiting.pk].position is not None and "Place in line" in text
    loan = journey.loans[0]
    assert reverse("lending:loan_detail", kwargs={"digibank": "mechelen", "loan_id": loan.pk}) in (
        text
    )
    # The completed module met the starter-course condition of the loan.
    assert [met is not None for _, met in rows[loan.request_id].conditions] == [True]
    certificate = reverse(
        "skills:staff_certificate",
        kwargs={"digibank": "mechelen", "enrolment_id": journey.enrolments[0].pk},
    )
    assert certificate in text
    visit = journey.visits[0]
    assert visit.hub.name in text and "Referred to a partner" in text
    referral = journey.referrals[0]
    assert referral.partner.name in text and "Sent" in text
    assert (
        reverse("help:referral_detail", kwargs={"digibank": "mechelen", "referral_id": referral.pk})
        in text
    )
    # A hub volunteer hands devices over but neither takes attendance nor handles referrals.
    client.force_login(world.a.users["hub_volunteer"])
    text = client.get(page_of(person)).content.decode()
    assert certificate not in text and "referrals/" not in text.split('id="help"')[1]


def test_every_look_is_audited_with_the_parts_shown(client, world):
    person = world.a.referred_person
    journey_of(world.a, person)
    for role in ("coordinator", "trainer"):
        client.force_login(world.a.users[role])
        client.get(page_of(person))
    entries = AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_type="people.person", object_id=str(person.pk)
    ).order_by("pk")
    coordinator, trainer = entries
    assert coordinator.actor == world.a.users["coordinator"]
    assert {"consents", "devices", "learning", "help"} <= set(coordinator.fields)
    assert trainer.actor == world.a.users["trainer"]
    assert "learning" in trainer.fields
    assert not {"devices", "help"} & set(trainer.fields)


def test_the_referral_page_linked_from_the_person_page_is_audited(client, world):
    referral = journey_of(world.a, world.a.referred_person).referrals[0]
    client.force_login(world.a.users["referrer"])
    url = reverse(
        "help:referral_detail", kwargs={"digibank": "mechelen", "referral_id": referral.pk}
    )
    assert client.get(url).status_code == 200
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW,
        object_type="help.referral",
        object_id=str(referral.pk),
        actor=world.a.users["referrer"],
    ).exists()


def _queries_for(client, url) -> int:
    client.get(url)  # warm the caches a first request fills
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["coordinator", "referrer"])
def test_the_page_reads_in_the_same_number_of_queries_for_a_longer_journey(client, world, role):
    one, many = world.a.referred_person, world.a.person
    if role == "referrer":
        many.referrer_partner = world.a.partner
        many.save(update_fields=["referrer_partner"])
    journey_of(world.a, one, times=1)
    waiting_request(world.a, person=one)
    journey_of(world.a, many, times=10)
    waiting_request(world.a, person=many)
    client.force_login(world.a.users[role])
    assert _queries_for(client, page_of(one)) == _queries_for(client, page_of(many))
