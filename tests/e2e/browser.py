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
# WCAG 2.2 success criterion 1.4.10 (reflow): content fits 320 CSS pixels wide without scrolling
# sideways, except parts that need two dimensions (a data table), which scroll in a region of
# their own that says so (role="region", a label, and tabindex="0" to scroll with the keyboard).
REFLOW_WIDTH = 320
_REFLOW_SCRIPT = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const clipped = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  const describe = (el) => el.outerHTML.slice(0, 160).replace(/\\s+/g, ' ');
  const wide = [];
  if (root.scrollWidth > width) {
    for (const el of document.body.querySelectorAll('*')) {
      // Visually hidden texts (1 px, clipped) are read, never seen: they do not count.
      if (clipped(el) || el.getBoundingClientRect().width <= 1) continue;
      // An element wider than the screen, or one whose text (a long word) runs out of it.
      const sticksOut = el.getBoundingClientRect().right > width + 1;
      const spills = !scrolls(el) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
      if (sticksOut || spills) wide.push(el);
    }
  }
  const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
  const undeclared = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (scrolls(el) && el.scrollWidth > el.clientWidth + 1) {
      const labelled = el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');
      if (el.getAttribute('role') !== 'region' || !labelled || el.tabIndex < 0) {
        undeclared.push(describe(el));
      }
    }
  }
  return {
    scrollWidth: root.scrollWidth,
    width: width,
    wide: innermost.slice(0, 8).map(describe),
    undeclared: undeclared.slice(0, 8),
  };
}"""
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


def _reflow_violations(page: Page) -> list[dict[str, Any]]:
    """The page at 320 px wide, in the shape of axe's violations: nothing may stick out sideways
    (`scrollWidth <= clientWidth`), and whatever scrolls sideways is a declared scroll region."""
    size = page.viewport_size or DESKTOP
    width, height = size["width"], size["height"]
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": height})
    try:
        found = page.evaluate(_REFLOW_SCRIPT)
    finally:
        page.set_viewport_size({"width": width, "height": height})
    violations = []
    if found["scrollWidth"] > found["width"]:
        violations.append(
            {
                "id": "reflow-320",
                "impact": "serious",
                "help": (
                    f"the page is {found['scrollWidth']} px wide at {REFLOW_WIDTH} px "
                    "(WCAG 1.4.10): it must not scroll sideways"
                ),
                "nodes": [{"target": ["sticks out"], "html": html} for html in found["wide"]],
            }
        )
    if found["undeclared"]:
        violations.append(
            {
                "id": "reflow-scroll-region",
                "impact": "serious",
                "help": (
                    f"at {REFLOW_WIDTH} px this scrolls sideways without saying so: wrap it in "
                    'role="region" with a label and tabindex="0"'
                ),
                "nodes": [{"target": ["scrolls"], "html": html} for html in found["undeclared"]],
            }
        )
    return violations


def _run_axe(page: Page) -> list[dict[str, Any]]:
    if page.evaluate("typeof window.axe === 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [*result["violations"], *_reflow_violations(page)]


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
    """Fail with a readable list when axe-core finds any WCAG 2.2 A/AA violation on the page, or
    when the page does not reflow at 320 px wide (see `_reflow_violations`)."""
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
