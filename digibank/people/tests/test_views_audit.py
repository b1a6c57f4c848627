import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digibank.organisations.permissions import SYSTEM
from digibank.people import services
from digibank.people.tests.helpers import register
from digibank.testing import act

pytestmark = pytest.mark.django_db


def url():
    return reverse("people:audit", kwargs={"digibank": "mechelen"})


def rows(response):
    """The table of entries only (the actor filter lists names too)."""
    body = response.content.decode()
    return body.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in body else ""


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.users["coordinator"])
    return client


def test_it_tells_an_entry_of_a_deleted_account_from_one_of_the_system(coordinator, world):
    by_volunteer = register(world.a, by_role="hub_volunteer", last_name="Volunteer")
    by_system = services.register_person(
        digibank=world.a.digibank,
        by=SYSTEM,
        first_name="Bram",
        last_name="System",
        contact_method="none",
    )
    world.users["hub_volunteer"].delete()

    body = rows(coordinator.get(url(), {"action": "create", "object_type": "people.person"}))

    volunteer_row = next(tr for tr in body.split("<tr>") if f"#{by_volunteer.pk}</a>" in tr)
    system_row = next(tr for tr in body.split("<tr>") if f"#{by_system.pk}</a>" in tr)
    assert "A deleted account" in volunteer_row
    assert "The system" not in volunteer_row
    assert "The system" in system_row
    assert "A deleted account" not in system_row


def test_it_shows_who_did_what_to_which_record_newest_first(coordinator, world):
    person = register(world.a, first_name="Zoë", phone="0499 88 77 66", contact_method="phone")
    services.update_person(person=person, by=act(world.users["hub_volunteer"]), household_size=2)
    body = rows(coordinator.get(url()))
    detail = reverse("people:detail", kwargs={"digibank": "mechelen", "person_id": person.pk})
    assert f'href="{detail}"' in body
    assert body.index("Hub_volunteer Tester") < body.index(
        "Coordinator Tester"
    )  # the change came last
    assert "household size" in body
    assert "Zoë" not in body
    assert "0499" not in body


def test_it_filters_by_action_kind_and_actor(coordinator, world):
    person = register(world.a)
    services.update_person(person=person, by=act(world.users["hub_volunteer"]), household_size=2)
    services.record_consent(person=person, by=act(world.users["trainer"]), purpose="photos")
    body = rows(coordinator.get(url(), {"action": "change"}))
    assert "Hub_volunteer Tester" in body
    assert "Trainer Tester" not in body
    body = rows(coordinator.get(url(), {"object_type": "people.consent"}))
    assert "Trainer Tester" in body
    assert "Hub_volunteer Tester" not in body
    body = rows(coordinator.get(url(), {"actor": world.users["trainer"].pk}))
    assert "Trainer Tester" in body
    assert "Hub_volunteer Tester" not in body


def test_a_consent_entry_links_to_its_person(coordinator, world):
    services.record_consent(person=world.a.person, by=act(world.users["trainer"]), purpose="photos")
    body = coordinator.get(url(), {"object_type": "people.consent"}).content.decode()
    detail = reverse(
        "people:detail", kwargs={"digibank": "mechelen", "person_id": world.a.person.pk}
    )
    assert f'href="{detail}"' in body


def test_an_erased_person_is_named_without_a_link(coordinator, world):
    person = register(world.a)
    person_id = person.pk
    services.delete_person(person=person, by=act(world.users["coordinator"]))
    body = coordinator.get(url()).content.decode()
    assert f"#{person_id}" in body
    assert f"/people/{person_id}/" not in body


def test_other_digibanks_entries_stay_out(coordinator, world):
    register(world.b, by_role="hub_volunteer")
    body = rows(coordinator.get(url()))
    assert "Hub_volunteer Tester" not in body


@pytest.mark.parametrize(
    "params", [{"action": "<script>"}, {"actor": "abc"}, {"page": "x" * 10_000}]
)
def test_bad_filters_never_break_the_page(coordinator, params):
    assert coordinator.get(url(), params).status_code == 200


def test_the_trail_needs_the_same_queries_for_few_or_many_entries(
    coordinator, world, django_assert_max_num_queries
):
    person = register(world.a)
    services.record_consent(person=person, by=act(world.users["trainer"]), purpose="photos")
    with CaptureQueriesContext(connection) as few:
        assert coordinator.get(url()).status_code == 200
    for number in range(30):
        other = register(world.a, by_role="hub_volunteer", birth_year=1940 + number)
        services.record_consent(person=other, by=act(world.users["trainer"]), purpose="survey")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert coordinator.get(url()).status_code == 200


def test_only_a_coordinator_reads_the_trail(client, world):
    client.force_login(world.users["hub_volunteer"])
    assert client.get(url()).status_code == 403
