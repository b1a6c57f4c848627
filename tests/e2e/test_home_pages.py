"""Each role logs in, finds its work on the staff home page and follows every line to the page
where that work is done; axe-core checks every page on the way."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from digibank.lending.tests.helpers import new_request, reserved_request
from digibank.organisations.models import Role
from digibank.portal.tests.worklist_data import (
    coordinator_work,
    freeze_today,
    later_than_every_due_date,
    technician_work,
)
from digibank.testing import World
from tests.e2e.browser import DESKTOP, assert_accessible
from tests.e2e.steps import go, log_in, open_page

pytestmark = pytest.mark.e2e


@pytest.fixture
def browser_context_args():
    return {"viewport": DESKTOP, "java_script_enabled": True, "locale": "nl-BE"}


def section_links(page: Page, role: str) -> list[str]:
    """The links of a role's section on the staff home page, in their order."""
    section = page.locator(f'main section[aria-labelledby="work-{role}"]')
    assert section.count() == 1, f"no section for the role {role} on {page.url}"
    return [link.get_attribute("href") or "" for link in section.locator("ul.worklist a").all()]


def follow_every_line(page: Page, base_url: str, role: str) -> list[str]:
    """Click each line of the section; each opens the page its link names, which passes axe."""
    home = page.url
    links = section_links(page, role)
    for href in links:

        def click(href: str = href) -> None:
            page.locator(f'main a[href="{href}"]').first.click()

        go(page, click)
        reached = urlsplit(page.url)
        wanted = urlsplit(base_url + href)
        assert (reached.path, reached.query) == (wanted.path, wanted.query), href
        assert page.locator("main h1").count() == 1
        page.goto(home)
    return links


def url(name: str, **kwargs: int) -> str:
    return reverse(name, kwargs={"digibank": "mechelen", **kwargs})


def test_the_coordinator_finds_every_kind_of_work_and_reaches_it(
    page: Page, live_server, e2e_world: World
):
    work = coordinator_work(e2e_world.a)
    log_in(page, live_server.url, e2e_world.a.users["coordinator"])
    assert urlsplit(page.url).path == url("portal:dashboard")

    # Every page is then asked on a day when the loans made above are overdue.
    with freeze_today(later_than_every_due_date()):
        page.reload()
        links = follow_every_line(page, live_server.url, Role.COORDINATOR)
    assert url("lending:offer", device_id=work.ready_tablet.pk) in links
    assert url("lending:overdue_list") + "?reminded=yes" in links
    assert url("messaging:list") + "?status=failed" in links
    assert len(links) >= 9

    # The line of the ready tablet leads to its offer page, which proposes the first in line.
    open_page(page, live_server.url + url("lending:offer", device_id=work.ready_tablet.pk))
    assert work.first_in_line.reference_display in page.inner_text("main")


def test_the_technician_finds_the_blocked_device_and_the_workshop_queue(
    page: Page, live_server, e2e_world: World
):
    work = technician_work(e2e_world.a)
    log_in(page, live_server.url, e2e_world.a.users["technician"])
    links = follow_every_line(page, live_server.url, Role.TECHNICIAN)
    assert links[0] == url("devices:detail", device_id=work.blocked.pk)
    assert url("devices:work_queue") + "?state=received" in links
    assert url("devices:donation_list") + "?status=accepted" in links


def test_the_hub_volunteer_finds_the_hand_overs_at_the_hub_and_the_proofs_to_see(
    page: Page, live_server, e2e_world: World
):
    reserved = reserved_request(e2e_world.a, pickup_on=timezone.localdate())
    reserved_request(e2e_world.a)  # not planned: no hand-over today
    new_request(e2e_world.a, person=e2e_world.a.person)
    log_in(page, live_server.url, e2e_world.a.users["hub_volunteer"])
    hub = e2e_world.a.hub.pk
    hub_link = f"{url('lending:request_list')}?status=reserved&hub={hub}&pickup=today"
    assert hub_link in follow_every_line(page, live_server.url, Role.HUB_VOLUNTEER)
    open_page(page, live_server.url + hub_link)
    assert reserved.reference_display in page.inner_text("main")


def test_the_referrer_finds_their_partners_referrals(page: Page, live_server, e2e_world: World):
    referral = new_request(e2e_world.a)
    log_in(page, live_server.url, e2e_world.a.users["referrer"])
    links = follow_every_line(page, live_server.url, Role.REFERRER)
    assert len(links) == 1
    open_page(page, live_server.url + links[0])
    assert referral.reference_display in page.inner_text("main")


def test_the_trainer_lands_on_their_own_part_of_the_work(page: Page, live_server, e2e_world: World):
    log_in(page, live_server.url, e2e_world.a.users[Role.TRAINER])
    section = page.locator(f'main section[aria-labelledby="work-{Role.TRAINER}"]')
    assert section.count() == 1
    assert section.locator("p.hint").count() == 0  # no "comes later" any more
    assert_accessible(page)


def test_the_region_admin_finds_the_headline_figures_and_the_dashboard(
    page: Page, live_server, e2e_world: World
):
    log_in(page, live_server.url, e2e_world.region_users["region_admin"])
    assert urlsplit(page.url).path == reverse("region:overview", kwargs={"region": "vlaanderen"})
    figures = reverse("insights:region_dashboard", kwargs={"region": "vlaanderen"})
    assert page.locator(f'main a[href="{figures}"]').count() == 1
    assert_accessible(page)


def test_the_analyst_finds_the_headline_figures_and_the_dashboard(
    page: Page, live_server, e2e_world: World
):
    log_in(page, live_server.url, e2e_world.a.users[Role.ANALYST])
    section = page.locator(f'main section[aria-labelledby="work-{Role.ANALYST}"]')
    assert section.locator("ul.worklist li").count() == 4
    assert_accessible(page)


def test_a_user_with_two_roles_finds_the_work_of_both(page: Page, live_server, e2e_world: World):
    technician_work(e2e_world.a)
    reserved_request(e2e_world.a, pickup_on=timezone.localdate())
    user = e2e_world.user_with_roles(Role.HUB_VOLUNTEER, Role.TECHNICIAN)
    log_in(page, live_server.url, user)
    assert follow_every_line(page, live_server.url, Role.HUB_VOLUNTEER)
    assert follow_every_line(page, live_server.url, Role.TECHNICIAN)
    assert_accessible(page)
