"""The demo's journeys: a few residents of each digibank borrowed a device, are enrolled in a
session and were helped at a hub and referred on, and their page shows all three."""

import pytest
from django.urls import reverse

from digibank.core.models import User
from digibank.demo.accounts import username_for
from digibank.demo.data import DIGIBANKS
from digibank.demo.journeys import JOURNEYS
from digibank.organisations.models import Role
from digibank.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def output(demo_output):
    return demo_output


def _with_all_three_jobs(slug: str):
    return Person.objects.filter(
        digibank__slug=slug,
        loans__isnull=False,
        enrolments__isnull=False,
        help_visits__isnull=False,
        help_referrals__isnull=False,
    ).distinct()


@pytest.mark.parametrize("slug", [bank.slug for bank in DIGIBANKS])
def test_a_few_demo_residents_have_something_in_each_job(output, client, slug):
    people = list(_with_all_three_jobs(slug).order_by("pk"))
    assert len(people) >= JOURNEYS
    client.force_login(User.objects.get(username=username_for(slug, Role.COORDINATOR)))
    page = client.get(
        reverse("people:detail", kwargs={"digibank": slug, "person_id": people[0].pk})
    )
    shown = {section.name: section.context for section in page.context["sections"]}
    assert {"devices", "learning", "help"} <= set(shown)
    assert any(row.loan for row in shown["devices"]["rows"])
    assert shown["learning"]["in_progress"] or shown["learning"]["done"]
    assert shown["help"]["visits"] and shown["help"]["referrals"]
