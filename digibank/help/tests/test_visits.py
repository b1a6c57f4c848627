"""Logging a visit through the service: the rules, linking with consent, and what erasing or
merging a person does to their visits."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.help.models import Outcome, Visit
from digibank.help.tests.visit_helpers import act, client_for, logged_visit, topic
from digibank.organisations.permissions import SYSTEM
from digibank.people.models import TargetGroup
from digibank.people.services import delete_person, merge_people, register_person

pytestmark = pytest.mark.django_db


def test_a_visit_linked_with_consent_keeps_the_figures_of_the_day(world):
    person = world.a.person
    person.target_groups.add(TargetGroup.objects.get(digibank=world.a.digibank, code="65plus"))
    volunteer = act(world.users["hub_volunteer"])
    visit = logged_visit(world.a, by=volunteer, person=person, consent=True)
    assert visit.person == person and visit.consent_at is not None
    assert visit.target_groups == ["65plus"]
    assert visit.age_band == person.age_band
    assert visit.municipality == person.municipality
    assert AuditEntry.objects.filter(object_type="help.visit", object_id=str(visit.pk)).exists()


def test_it_refuses_to_link_without_consent(world):
    volunteer = act(world.users["hub_volunteer"])
    with pytest.raises(DomainError) as refused:
        logged_visit(world.a, by=volunteer, person=world.a.person, consent=False)
    assert refused.value.field == "consent"
    assert not Visit.objects.exists()


def test_an_anonymous_visit_is_not_in_the_audit_trail(world):
    logged_visit(world.a, by=act(world.users["hub_volunteer"]))
    assert not AuditEntry.objects.filter(object_type="help.visit").exists()


def test_it_refuses_a_person_or_hub_of_another_digibank(world):
    volunteer = act(world.users["hub_volunteer"])
    with pytest.raises(PermissionDenied):
        logged_visit(world.a, by=volunteer, person=world.b.person, consent=True)
    with pytest.raises(PermissionDenied):
        logged_visit(world.b, by=volunteer, topics=[topic(world.a)])


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"topics": []}, "topics"),
        ({"outcome": "magic"}, "outcome"),
        ({"how": "did_it_for_them"}, "how"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": 481}, "minutes"),
        ({"notes": "wachtwoord: Zomer2024"}, "notes"),
        ({"notes": "x" * 1001}, "notes"),
        ({"target_groups": ["not_a_group"]}, "target_groups"),
    ],
)
def test_it_refuses_what_the_log_cannot_hold(world, overrides, field):
    with pytest.raises(DomainError) as refused:
        logged_visit(world.a, by=act(world.users["hub_volunteer"]), **overrides)
    assert refused.value.field == field
    assert not Visit.objects.exists()


def test_roles_without_the_quick_log_are_refused(world):
    for role in ("technician", "referrer", "analyst", "trainer"):
        with pytest.raises(PermissionDenied):
            logged_visit(world.a, by=act(world.users[role]))


def test_erasing_the_person_keeps_the_visit_for_the_figures_without_naming_them(world):
    person = world.a.person
    person.target_groups.add(TargetGroup.objects.get(digibank=world.a.digibank, code="65plus"))
    visit = logged_visit(
        world.a, by=SYSTEM, person=person, consent=True, notes="kleinzoon helpt thuis"
    )
    delete_person(person=person, by=SYSTEM)
    visit.refresh_from_db()
    assert visit.person is None and visit.consent_at is None and visit.notes == ""
    assert visit.target_groups == ["65plus"] and visit.outcome == Outcome.SOLVED


def test_merging_moves_the_visits_to_the_kept_record(world):
    twin = register_person(
        digibank=world.a.digibank,
        by=SYSTEM,
        first_name="Marie",
        last_name="Peeters",
        contact_method="none",
    )
    visit = logged_visit(world.a, by=SYSTEM, person=twin, consent=True)
    merge_people(keep=world.a.person, remove=twin, by=SYSTEM)
    visit.refresh_from_db()
    assert visit.person == world.a.person


def test_the_person_page_offers_to_log_a_visit_and_it_links_with_consent(world):
    client = client_for(world.users["hub_volunteer"])
    person = world.a.person
    page = client.get(
        reverse("people:detail", kwargs={"digibank": world.a.digibank.slug, "person_id": person.pk})
    )
    log_url = reverse(
        "help:visit_new_for_person",
        kwargs={"digibank": world.a.digibank.slug, "person_id": person.pk},
    )
    assert log_url in page.content.decode()
    data = {
        "topics": [topic(world.a).pk],
        "outcome": Outcome.SOLVED,
        "minutes": "15",
        "how": "together",
        "hub": world.a.hub.pk,
    }
    response = client.post(log_url, data)
    assert response.status_code == 200 and "consent" in response.context["extra"].errors
    assert not Visit.objects.exists()
    assert client.post(log_url, {**data, "consent": "on"}).status_code == 302
    assert Visit.objects.get().person == person
