"""Referrals: sent with consent, seen and moved on by the partner's referrer only, the outcome
seen by the referring side; the state table; erasure and merge."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from digibank.core.errors import DomainError
from digibank.core.machine_checks import (
    MachineCase,
    check_allowed_move,
    check_move_needs_its_permission,
    check_refused_move,
    check_rollback_leaves_neither,
)
from digibank.core.models import AuditEntry
from digibank.help.models import Referral, ReferralEvent, ReferralStatus
from digibank.help.referral_states import REFERRAL_STATES
from digibank.help.services.referrals import update_referral
from digibank.help.tests.visit_helpers import (
    act,
    client_for,
    logged_visit,
    referral_to,
    second_partner_with_referrer,
)
from digibank.organisations.permissions import SYSTEM
from digibank.people.models import TargetGroup
from digibank.people.services import delete_person, merge_people, register_person

pytestmark = pytest.mark.django_db
S = ReferralStatus


@pytest.fixture
def case(world):
    def make(state):
        referral = referral_to(world.a)
        Referral.objects.filter(pk=referral.pk).update(status=state)
        referral.refresh_from_db()
        return referral

    return MachineCase(
        machine=REFERRAL_STATES,
        make=make,
        history=lambda referral: ReferralEvent.objects.filter(referral=referral),
        actor=world.users["referrer"],
    )


@pytest.mark.parametrize(("source", "target"), REFERRAL_STATES.moves())
def test_every_allowed_move_works_with_its_permission(case, source, target):
    check_allowed_move(case, source, target)
    check_move_needs_its_permission(case, source, target)


@pytest.mark.parametrize(("source", "target"), REFERRAL_STATES.refused_moves())
def test_every_other_move_is_refused(case, source, target):
    check_refused_move(case, source, target)


def test_a_move_and_its_history_roll_back_together(case):
    check_rollback_leaves_neither(case, S.SENT, S.ACCEPTED)


def test_a_named_person_or_contact_details_go_only_with_consent(world):
    volunteer = act(world.users["hub_volunteer"])
    with pytest.raises(DomainError) as refused:
        referral_to(world.a, by=volunteer, person=world.a.person)
    assert refused.value.field == "consent"
    with pytest.raises(DomainError):
        referral_to(world.a, by=volunteer, contact_phone="+32470123456")
    anonymous = referral_to(world.a, by=volunteer)
    assert anonymous.consent_at is None and anonymous.who == ""
    named = referral_to(world.a, by=volunteer, person=world.a.person, consent=True)
    assert named.consent_at is not None and named.who == "Marie Peeters"
    assert AuditEntry.objects.filter(object_type="help.referral", object_id=str(named.pk)).exists()


def test_a_referral_keeps_the_figures_of_the_day_from_the_person_or_the_visit(world):
    person = world.a.person
    person.target_groups.add(TargetGroup.objects.get(digibank=world.a.digibank, code="65plus"))
    named = referral_to(world.a, person=person, consent=True)
    assert named.target_groups == ["65plus"] and named.age_band == person.age_band
    visit = logged_visit(world.a, target_groups=["newcomer"], age_band="25-44")
    from_visit = referral_to(world.a, visit=visit)
    assert from_visit.target_groups == ["newcomer"] and from_visit.age_band == "25-44"
    assert from_visit.hub == world.a.hub


def test_it_refuses_a_reason_with_a_password(world):
    with pytest.raises(DomainError) as refused:
        referral_to(world.a, reason="mot de passe est soleil")
    assert refused.value.field == "reason"


def test_only_staff_who_refer_may_send(world):
    for role in ("referrer", "technician", "analyst", "trainer"):
        with pytest.raises(PermissionDenied):
            referral_to(world.a, by=act(world.users[role]))
    with pytest.raises(PermissionDenied):
        referral_to(world.b, by=act(world.users["coordinator"]))


def test_the_partners_referrer_sees_and_updates_it_and_the_hub_sees_the_outcome(world):
    referral = referral_to(
        world.a, by=act(world.users["hub_volunteer"]), person=world.a.person, consent=True
    )
    referrer = client_for(world.users["referrer"])
    slug = world.a.digibank.slug
    incoming = referrer.get(reverse("help:incoming_referrals", kwargs={"digibank": slug}))
    assert [r.pk for r in incoming.context["page"].object_list] == [referral.pk]
    detail_url = reverse(
        "help:referral_detail", kwargs={"digibank": slug, "referral_id": referral.pk}
    )
    detail = referrer.get(detail_url)
    assert "Marie Peeters" in detail.content.decode()
    response = referrer.post(detail_url, {"status": S.ACCEPTED, "response": "Afspraak dinsdag"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == S.ACCEPTED and referral.response == "Afspraak dinsdag"
    hub_side = client_for(world.users["hub_volunteer"]).get(
        reverse("help:referral_list", kwargs={"digibank": slug})
    )
    page = hub_side.content.decode()
    assert "Afspraak dinsdag" in page and str(S.ACCEPTED.label) in page


def test_another_partners_referrer_does_not_find_it(world):
    referral = referral_to(world.a)
    _partner, other_referrer = second_partner_with_referrer(world.a)
    slug = world.a.digibank.slug
    client = client_for(other_referrer)
    incoming = client.get(reverse("help:incoming_referrals", kwargs={"digibank": slug}))
    assert list(incoming.context["page"].object_list) == []
    detail_url = reverse(
        "help:referral_detail", kwargs={"digibank": slug, "referral_id": referral.pk}
    )
    assert client.get(detail_url).status_code == 404
    assert client.post(detail_url, {"status": S.DECLINED}).status_code == 404
    with pytest.raises(PermissionDenied):
        update_referral(referral=referral, to=S.DECLINED, by=act(other_referrer))
    referral.refresh_from_db()
    assert referral.status == S.SENT


def test_another_digibank_gets_nothing(world):
    referral = referral_to(world.a)
    slug_b = world.b.digibank.slug
    client = client_for(world.other_users["referrer"])
    url = reverse("help:referral_detail", kwargs={"digibank": slug_b, "referral_id": referral.pk})
    assert client.get(url).status_code == 404
    url_a = reverse(
        "help:referral_detail",
        kwargs={"digibank": world.a.digibank.slug, "referral_id": referral.pk},
    )
    assert client.get(url_a).status_code == 404
    with pytest.raises(PermissionDenied):
        update_referral(referral=referral, to=S.ACCEPTED, by=act(world.other_users["coordinator"]))


def test_a_hub_volunteer_may_send_but_not_handle(world):
    referral = referral_to(world.a)
    with pytest.raises(PermissionDenied):
        update_referral(referral=referral, to=S.ACCEPTED, by=act(world.users["hub_volunteer"]))


def test_the_lists_cost_the_same_queries_with_more_referrals(world):
    slug = world.a.digibank.slug
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pages = [
        (
            client_for(world.users["referrer"]),
            reverse("help:incoming_referrals", kwargs={"digibank": slug}),
        ),
        (
            client_for(world.users["hub_volunteer"]),
            reverse("help:referral_list", kwargs={"digibank": slug}),
        ),
    ]

    def counts():
        result = []
        for client, url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries.captured_queries))
        return result

    referral_to(world.a, person=world.a.person, consent=True)
    few = counts()
    for number in range(8):
        referral_to(world.a, person=world.a.referred_person, consent=True, hub=world.a.hub)
        referral_to(world.a, contact_name=f"Bezoeker {number}", consent=True)
    assert counts() == few


def test_erasure_waits_for_open_referrals_then_keeps_them_without_the_person(world):
    person = world.a.person
    referral = referral_to(world.a, person=person, consent=True)
    with pytest.raises(DomainError):
        delete_person(person=person, by=SYSTEM)
    update_referral(referral=referral, to=S.DECLINED, by=SYSTEM, response="Niet bereikbaar")
    delete_person(person=person, by=SYSTEM)
    referral.refresh_from_db()
    assert referral.person is None and referral.reason == "" and referral.response == ""
    assert referral.status == S.DECLINED


def test_merging_moves_the_referrals(world):
    twin = register_person(
        digibank=world.a.digibank,
        by=SYSTEM,
        first_name="Marie",
        last_name="Peeters",
        contact_method="none",
    )
    referral = referral_to(world.a, person=twin, consent=True)
    merge_people(keep=world.a.person, remove=twin, by=SYSTEM)
    referral.refresh_from_db()
    assert referral.person == world.a.person


def test_the_referrers_staff_home_counts_new_referrals_to_their_partner_only(world):
    referral_to(world.a)
    referral_to(world.a)
    other_partner, other_referrer = second_partner_with_referrer(world.a)
    referral_to(world.a, partner=other_partner)
    home = reverse("portal:dashboard", kwargs={"digibank": world.a.digibank.slug})
    sections = client_for(world.users["referrer"]).get(home).context["sections"]
    lines = [line for section in sections for line in section.lines if "referral" in line.text]
    assert [(line.text.split(":")[0], line.count) for line in lines] == [
        ("new referrals to your organisation", 2)
    ]
    other = client_for(other_referrer).get(home).context["sections"]
    counts = [line.count for section in other for line in section.lines if "referral" in line.text]
    assert counts == [1]
