"""Region pages have the staff navigation: overview, (for an admin) a new digibank, the
municipality look-up and the user's own account."""

import pytest
from django.urls import reverse

from digibank.organisations.tests.helpers import logged_in

pytestmark = pytest.mark.django_db


def region_url(name, world):
    return reverse(f"region:{name}", kwargs={"region": world.region.slug})


@pytest.mark.parametrize(
    ("role", "may_create"), [("region_admin", True), ("region_analyst", False)]
)
def test_region_pages_have_navigation_and_an_account_link(world, role, may_create):
    client = logged_in(world.region_users[role])
    body = client.get(region_url("overview", world)).content.decode()
    nav = body[body.index('<nav class="site-nav"') : body.index("</nav>")]
    assert f'href="{region_url("overview", world)}" aria-current="page"' in nav
    assert f'href="{region_url("municipality_lookup", world)}"' in nav
    assert f'href="{reverse("portal:account")}"' in nav
    assert (f'href="{region_url("digibank_create", world)}"' in nav) is may_create
