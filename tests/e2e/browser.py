"""Helpers for the browser journeys: log in through the real form, run axe-core on a page."""

from __future__ import annotations

import importlib.resources
import weakref
from functools import cache
from typing import Any

from django.urls import reverse
from playwright.sync_api import BrowserContext, Page

from digibank.testing import PASSWORD

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}

# Contexts opened with JavaScript off. axe-core needs timers, which do not run there, so their
# pages are checked on a copy of their exact HTML in a context with JavaScript on.
_SCRIPTLESS: weakref.WeakSet[BrowserContext] = weakref.WeakSet()
_AXE_PAGES: weakref.WeakKeyDictionary[Any, Page] = weakref.WeakKeyDictionary()


@cache
def axe_source() -> str:
    return (
        importlib.resources.files("axe_playwright_python")
        .joinpath("axe.min.js")
        .read_text(encoding="utf-8")
    )


def mark_scriptless(context: BrowserContext) -> None:
    _SCRIPTLESS.add(context)


def _axe_page_for(page: Page) -> Page:
    browser = page.context.browser
    assert browser is not None  # a context of a launched browser, never a persistent one
    axe_page = _AXE_PAGES.get(browser)
    if axe_page is None or axe_page.is_closed():
        viewport = page.viewport_size
        axe_page = browser.new_context(viewport=viewport).new_page()
        _AXE_PAGES[browser] = axe_page
    return axe_page


def close_axe_pages() -> None:
    for axe_page in list(_AXE_PAGES.values()):
        axe_page.context.close()
    _AXE_PAGES.clear()


def _run_axe(page: Page) -> list[dict[str, Any]]:
    if page.evaluate("typeof window.axe === 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return result["violations"]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    if page.context not in _SCRIPTLESS:
        return _run_axe(page)
    html = page.content()
    url = page.url
    axe_page = _axe_page_for(page)
    if page.viewport_size:
        axe_page.set_viewport_size(page.viewport_size)

    def serve_copy(route: Any) -> None:
        route.fulfill(status=200, body=html, content_type="text/html; charset=utf-8")

    axe_page.route(url, serve_copy)
    try:
        axe_page.goto(url)
        return _run_axe(axe_page)
    finally:
        axe_page.unroute(url, serve_copy)


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:10]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node['html'][:200]}")
            if node.get("failureSummary"):
                summary = " ".join(node["failureSummary"].split())
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail with a readable list when axe-core finds any WCAG 2.2 A/AA violation on the page."""
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:\n"
        + describe_violations(violations)
    )


def fill_login_form(page: Page, username: str, password: str = PASSWORD) -> None:
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def login(page: Page, user: Any, base_url: str, password: str = PASSWORD) -> None:
    """Log in through the real log-in form, as a person would."""
    page.goto(base_url + reverse("login"))
    fill_login_form(page, user.username, password)
    assert not page.url.startswith(base_url + reverse("login")), (
        f"logging in as {user.username} failed: still on {page.url}"
    )
