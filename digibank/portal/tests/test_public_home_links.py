"""The public home page leads residents on: the status look-up, and places for courses or help."""

import pytest
from django.urls import reverse

from digibank.organisations import services
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.helpers import english

pytestmark = pytest.mark.django_db


def test_the_home_page_links_the_status_look_up(world):
    body = english().get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("lending:public_status")}"' in body


def test_the_help_card_opens_the_hub_finder_on_help(world):
    body = english().get(reverse("portal:home")).content.decode()
    link = f"{reverse('organisations:public_hub_list')}?service=help"
    assert f'href="{link}"' in body
    found = english().get(link)
    assert found.status_code == 200
    assert found.context["form"].cleaned_data["service"] == "help"


def test_the_learn_card_leads_to_the_skills_check_and_the_session_finder(world):
    body = english().get(reverse("portal:home")).content.decode()
    for name in ("skills:public_start", "skills:session_finder"):
        assert f'href="{reverse(name)}"' in body
        assert english().get(reverse(name)).status_code == 200


def test_the_help_card_finds_help_near_the_postcode_typed(world):
    body = english().get(reverse("portal:home")).content.decode()
    assert f'action="{reverse("organisations:public_hub_list")}"' in body
    assert '<input type="hidden" name="service" value="help">' in body
    assert 'name="place"' in body
    services.update_hub(hub=world.a.hub, by=SYSTEM, services=["help"])
    found = english().get(
        reverse("organisations:public_hub_list"), {"service": "help", "place": "2800"}
    )
    assert [result.hub for result in found.context["found"]] == [world.a.hub]
