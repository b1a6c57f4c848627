"""Crawl every page reachable from the home page (anonymously) and from the staff home (as every
role of digibank A and as the region users): no server error, no broken link, menus that mark the
current page once, and each kind of page passes axe-core in Chromium, including each form shown
back with its errors.

Links are followed with Django's test client (fast); then one URL per URL name is opened in
Chromium. A page already checked with axe in this run, as another user, is checked again only
when its main content has another shape for this user (other elements, not just other data), so
the axe part stays fast while every kind of page is still checked.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext, Response

from digibank.testing import REGION_ROLES, ROLES, World
from tests.crawler import (
    CrawlResult,
    crawl,
    forms_to_fill,
    menu_problems,
    start_urls,
    url_name_of,
)
from tests.e2e.browser import PHONE, axe_violations, describe_violations

pytestmark = pytest.mark.e2e

IDENTITIES = ["anonymous", *ROLES, *REGION_ROLES]

# Pages each kind of user must reach, so that a crawl which silently stops early fails.
EXPECTED = {
    "anonymous": {
        "portal:home",
        "portal:accessibility",
        "portal:privacy",
        "login",
        "organisations:public_hub_list",
        "organisations:public_hub_detail",
    },
    "staff": {"portal:dashboard", "portal:api_tokens", "password_change"},
    "region": {"region:overview", "portal:api_tokens", "password_change"},
}


def kind_of(identity: str) -> str:
    if identity == "anonymous":
        return "anonymous"
    return "region" if identity in REGION_ROLES else "staff"


def crawl_as(identity: str, world: World) -> tuple[Client, CrawlResult]:
    client = Client()
    user = world.user_for(identity)
    if user is not None:
        client.force_login(user)
    result = crawl(client, start_urls(identity), per_name=2)
    assert not result.problems, f"crawling as {identity}:\n" + "\n".join(result.problems)
    missing = EXPECTED[kind_of(identity)] - {page.url_name for page in result.pages}
    assert not missing, f"as {identity}, the crawl never reached {sorted(missing)}"
    misleading = menu_problems(result.pages)
    assert not misleading, f"menus as {identity}:\n" + "\n".join(misleading)
    return client, result


def browser_as(client: Client, live_server, new_context) -> BrowserContext:
    """A browser with the session of the test client's user."""
    # Mobile first: a phone-sized screen is where content overflows and tables scroll.
    context = new_context(viewport=PHONE)
    session = client.cookies.get(settings.SESSION_COOKIE_NAME)
    if session is not None:
        context.add_cookies([{"name": session.key, "value": session.value, "url": live_server.url}])
    return context


@pytest.mark.parametrize("identity", IDENTITIES)
def test_every_reachable_page_works_and_passes_axe(
    identity: str, e2e_world: World, live_server, new_context, claim_check
):
    client, result = crawl_as(identity, e2e_world)
    page = browser_as(client, live_server, new_context).new_page()
    failures = []
    for (url_name, shape), url in sorted(result.first_per_name_and_shape().items()):
        if not claim_check(f"page {url_name} {shape}"):
            continue  # checked as another user: the same page with the same elements
        response = page.goto(live_server.url + url)
        assert response is not None and response.status == 200, f"{url} in Chromium"
        violations = axe_violations(page)
        if violations:
            failures.append(f"{url_name} ({url}):\n{describe_violations(violations)}")
    assert not failures, f"axe-core violations as {identity}:\n" + "\n\n".join(failures)


@pytest.mark.parametrize("identity", ["anonymous", "coordinator", "region_admin"])
def test_every_form_shown_back_with_errors_passes_axe(
    identity: str, e2e_world: World, live_server, new_context, claim_check
):
    """Each form, submitted with its text fields emptied, comes back with its errors; that page
    (error summary, messages next to the fields, aria-describedby links) must pass axe too."""
    client, result = crawl_as(identity, e2e_world)
    forms = forms_to_fill(result.pages)
    assert forms, f"as {identity}, the crawl found no form to fill"
    page = browser_as(client, live_server, new_context).new_page()
    failures = []
    for form in forms:
        key = f"errors of {url_name_of(form.action_path)}"
        if not claim_check(key):
            continue
        page.goto(live_server.url + form.page_url)
        in_browser = page.locator("form").nth(form.index)
        for field in form.text_fields:
            control = in_browser.locator(f'[name="{field.name}"]')
            if control.count() == 1 and control.is_editable():
                control.fill("")
        with page.expect_navigation() as navigation:
            in_browser.locator(
                "button[type=submit], button:not([type]), input[type=submit]"
            ).first.click()
        # None when the form did not navigate at all (its type does not say so).
        response: Response | None = navigation.value
        status = response.status if response is not None else 0
        assert status < 500, f"{key}: emptied form answered {status}"
        if page.locator(".error-summary").count() == 0:
            continue  # every field may be left empty: the form was saved
        violations = axe_violations(page)
        if violations:
            failures.append(f"{key} ({form.page_url}):\n{describe_violations(violations)}")
    assert not failures, f"axe-core violations as {identity}:\n" + "\n\n".join(failures)
