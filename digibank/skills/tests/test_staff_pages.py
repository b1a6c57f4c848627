"""Taking the check with a resident at a hub, and keeping it with their record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from digibank.skills import services
from digibank.skills.models import SkillsCheck
from digibank.skills.tests.helpers import answer_page, finished_check
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_a_helper_takes_the_check_with_a_resident_and_keeps_it_with_their_record(client, world):
    volunteer = world.a.users["hub_volunteer"]
    client.force_login(volunteer)
    slug = world.a.digibank.slug
    response = client.post(reverse("skills:assisted_start", kwargs={"digibank": slug}), follow=True)
    check = SkillsCheck.objects.get()
    assert check.assisted_by == volunteer and check.digibank == world.a.digibank
    while "action" in response.context:
        response = client.get(answer_page(client, response).url)
    response = client.post(reverse("skills:public_finish"), follow=True)
    content = response.content.decode()
    home = reverse("skills:staff_home", kwargs={"digibank": slug})
    assert f"{home}?code=" in content
    check.refresh_from_db()
    assert check.person is None  # not before the resident agrees
    link = reverse("skills:link", kwargs={"digibank": slug, "person_id": world.a.person.pk})
    response = client.post(link, {"code": check.code.lower(), "consent": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["consent"]
    response = client.post(link, {"code": check.code.lower(), "consent": "on"})
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.person == world.a.person


def test_it_finds_the_resident_to_link_a_check_to(client, world):
    client.force_login(world.a.users["coordinator"])
    url = reverse("skills:staff_home", kwargs={"digibank": world.a.digibank.slug})
    response = client.get(url, {"q": "peeters", "code": "ACDE-FHJK"})
    assert response.context["found"] == [world.a.person]
    link = reverse(
        "skills:link", kwargs={"digibank": world.a.digibank.slug, "person_id": world.a.person.pk}
    )
    assert f"{link}?code=ACDE-FHJK" in response.content.decode()


def test_a_referrer_finds_only_their_partners_people(client, world):
    client.force_login(world.a.users["referrer"])
    url = reverse("skills:staff_home", kwargs={"digibank": world.a.digibank.slug})
    assert client.get(url, {"q": "peeters"}).context["found"] == []
    assert client.get(url, {"q": "amrani"}).context["found"] == [world.a.referred_person]


def test_it_says_so_for_an_unknown_code(client, world):
    client.force_login(world.a.users["coordinator"])
    link = reverse(
        "skills:link", kwargs={"digibank": world.a.digibank.slug, "person_id": world.a.person.pk}
    )
    response = client.post(link, {"code": "ACDE-FHJK", "consent": "on"})
    assert response.context["form"].errors["code"]


def test_the_list_of_linked_checks_costs_the_same_queries_for_many(
    client, world, django_assert_max_num_queries
):
    coordinator = act(world.a.users["coordinator"])
    client.force_login(world.a.users["coordinator"])
    url = reverse("skills:staff_home", kwargs={"digibank": world.a.digibank.slug})
    services.link_check(
        check=finished_check(world.region), person=world.a.person, consent=True, by=coordinator
    )
    client.get(url)  # warm the session and the permission caches
    with django_assert_max_num_queries(8) as few:
        client.get(url)
    for _ in range(5):
        services.link_check(
            check=finished_check(world.region),
            person=world.a.referred_person,
            consent=True,
            by=coordinator,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["checks"]) == 6


def test_the_linked_checks_of_another_digibank_do_not_show(client, world):
    services.link_check(
        check=finished_check(world.region),
        person=world.b.person,
        consent=True,
        by=act(world.b.users["coordinator"]),
    )
    client.force_login(world.a.users["coordinator"])
    url = reverse("skills:staff_home", kwargs={"digibank": world.a.digibank.slug})
    assert len(client.get(url).context["checks"]) == 0
