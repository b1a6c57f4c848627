"""A device request started from a person's page, and a resident registered in the middle of a
new request: staff come back to the request they were making, with what they typed kept."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from digibank.people.models import Person
from digibank.people.tests.helpers import registration

pytestmark = pytest.mark.django_db


def people(name, **kwargs):
    return reverse(f"people:{name}", kwargs={"digibank": "mechelen", **kwargs})


def lending(name, **kwargs):
    return reverse(f"lending:{name}", kwargs={"digibank": "mechelen", **kwargs})


@pytest.mark.parametrize("role", ["coordinator", "hub_volunteer"])
def test_staff_start_a_device_request_from_a_persons_page(client, world, role):
    client.force_login(world.users[role])
    body = client.get(people("detail", person_id=world.a.person.pk)).content.decode()
    start = lending("request_create", person_id=world.a.person.pk)
    assert f'href="{start}">Request a device</a>' in body
    assert client.get(start).status_code == 200


def test_a_referrer_starts_one_only_for_their_partners_people(client, world):
    client.force_login(world.users["referrer"])
    theirs = world.a.referred_person
    body = client.get(people("detail", person_id=theirs.pk)).content.decode()
    assert lending("request_create", person_id=theirs.pk) in body


def test_a_role_that_does_not_submit_requests_sees_no_start(client, world):
    client.force_login(world.users["trainer"])
    body = client.get(people("detail", person_id=world.a.person.pk)).content.decode()
    assert "Request a device" not in body


def test_registering_from_a_new_request_comes_back_to_it_with_the_name_typed(client, world):
    client.force_login(world.users["hub_volunteer"])
    page = client.get(lending("request_choose_person"), {"q": "Fatima Benali"}).content.decode()
    register = next(
        link.split('"')[0] for link in page.split('href="')[1:] if link.startswith(people("create"))
    ).replace("&amp;", "&")
    query = parse_qs(urlsplit(register).query)
    assert query["first_name"] == ["Fatima"] and query["last_name"] == ["Benali"]
    assert query["next"] == [lending("request_choose_person") + "?q=Fatima+Benali"]

    form = client.get(register).content.decode()
    assert 'value="Fatima"' in form and 'value="Benali"' in form
    assert f'class="back-link" href="{query["next"][0]}"' in form.replace("&amp;", "&")

    registered = client.post(register, registration())
    person = Person.objects.get(first_name="Fatima", last_name="Benali")
    assert registered.status_code == 302
    assert registered["Location"] == query["next"][0] + f"&person={person.pk}"
    back = client.get(registered["Location"])
    assert back.status_code == 302
    assert back["Location"] == lending("request_create", person_id=person.pk)


def test_the_way_back_leads_only_to_this_site(client, world):
    client.force_login(world.users["hub_volunteer"])
    for elsewhere in ("https://evil.example/", "//evil.example/", "/\\evil.example/"):
        response = client.post(people("create") + f"?next={elsewhere}", registration())
        person = Person.objects.get(first_name="Fatima")
        assert response["Location"] == people("detail", person_id=person.pk), elsewhere
        Person.objects.filter(pk=person.pk).delete()


def test_coming_back_with_someone_out_of_reach_is_an_ordinary_search(client, world):
    client.force_login(world.users["referrer"])
    response = client.get(lending("request_choose_person"), {"person": world.a.person.pk})
    assert response.status_code == 200
