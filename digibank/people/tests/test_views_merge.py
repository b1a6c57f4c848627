import pytest
from django.urls import reverse

from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, AuditEntry
from digibank.people import services
from digibank.people.models import Consent, Person
from digibank.people.tests.helpers import register

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"people:{name}", kwargs={"digibank": "mechelen", **kwargs})


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.users["coordinator"])
    return client


@pytest.fixture
def twins(world):
    keep = register(world.a, birth_year=1960, postcode="2800", consents=["registration"])
    remove = register(
        world.a,
        birth_year=1960,
        postcode="2800",
        allow_duplicate=True,
        email="anna@example.org",
        consents=["photos"],
    )
    return keep, remove


def test_the_choice_page_lists_the_possible_duplicates(coordinator, twins):
    keep, remove = twins
    body = coordinator.get(url("merge", person_id=keep.pk)).content.decode()
    assert url("merge_confirm", person_id=keep.pk, other_id=remove.pk) in body
    assert url("merge_confirm", person_id=keep.pk, other_id=keep.pk) not in body


def test_the_choice_page_finds_other_records_by_name(coordinator, world, twins):
    keep, _ = twins
    body = coordinator.get(url("merge", person_id=keep.pk), {"q": "peeters"}).content.decode()
    assert url("merge_confirm", person_id=keep.pk, other_id=world.a.person.pk) in body


def test_a_bad_search_gets_a_message(coordinator, twins):
    keep, _ = twins
    response = coordinator.get(url("merge", person_id=keep.pk), {"q": "x" * 10_000})
    assert response.status_code == 200
    assert 'id="id_q_error"' in response.content.decode()


def test_the_confirmation_page_says_what_moves(coordinator, twins):
    keep, remove = twins
    body = coordinator.get(
        url("merge_confirm", person_id=keep.pk, other_id=remove.pk)
    ).content.decode()
    assert "anna@example.org" in body
    assert "1 × " in body  # one consent moves
    assert url("merge_confirm", person_id=remove.pk, other_id=keep.pk) in body
    assert Person.objects.filter(pk=remove.pk).exists()


def test_merging_needs_the_tick(coordinator, twins):
    keep, remove = twins
    response = coordinator.post(url("merge_confirm", person_id=keep.pk, other_id=remove.pk))
    assert response.status_code == 200
    assert 'id="id_confirm_error"' in response.content.decode()
    assert Person.objects.filter(pk=remove.pk).exists()


def test_a_coordinator_merges_two_records(coordinator, twins):
    keep, remove = twins
    remove_id = remove.pk
    response = coordinator.post(
        url("merge_confirm", person_id=keep.pk, other_id=remove.pk), {"confirm": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("detail", person_id=keep.pk)
    assert not Person.objects.filter(pk=remove_id).exists()
    keep.refresh_from_db()
    assert keep.email == "anna@example.org"
    assert set(Consent.objects.filter(person=keep).values_list("purpose", flat=True)) == {
        "registration",
        "photos",
    }
    assert AuditEntry.objects.filter(action=AuditAction.MERGE).count() == 2


def test_a_record_cannot_be_merged_with_itself_or_another_digibanks(coordinator, world):
    person = world.a.person
    assert (
        coordinator.get(url("merge_confirm", person_id=person.pk, other_id=person.pk)).status_code
        == 404
    )
    assert (
        coordinator.get(
            url("merge_confirm", person_id=person.pk, other_id=world.b.person.pk)
        ).status_code
        == 404
    )


def test_a_merge_that_cannot_be_done_shows_why(coordinator, world, twins, monkeypatch):
    keep, remove = twins

    def refuse(**kwargs):
        raise DomainError("Nope, these clash.")

    monkeypatch.setattr(services, "merge_people", refuse)
    response = coordinator.post(
        url("merge_confirm", person_id=keep.pk, other_id=remove.pk), {"confirm": "on"}
    )
    assert response.status_code == 200
    assert "Nope, these clash." in response.content.decode()
