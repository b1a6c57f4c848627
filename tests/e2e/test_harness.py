"""The browser harness itself: axe-core really runs, with JavaScript on and off."""

from __future__ import annotations

import pytest
from playwright.sync_api import Route

from tests.e2e.browser import assert_accessible

pytestmark = pytest.mark.e2e

BROKEN = """<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main>
<h1>Broken</h1><img src="/static/digibank/favicon.svg"><form><input name="q"></form>
<p style="color:#aaa;background:#fff">Pale text</p></main></body></html>"""
CLEAN = """<!DOCTYPE html><html lang="en"><head><title>Clean</title></head><body><main>
<h1>Clean</h1><img src="/static/digibank/favicon.svg" alt="Digibank"><form>
<label for="q">Search</label><input id="q" name="q"></form></main></body></html>"""


def serve(body: str):
    def handler(route: Route) -> None:
        route.fulfill(body=body, content_type="text/html")

    return handler


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_axe_reports_each_violation_with_rule_and_element(new_context, live_server, javascript):
    page = new_context(java_script_enabled=javascript).new_page()
    for name, body in [("broken", BROKEN), ("clean", CLEAN)]:
        page.route(f"{live_server.url}/{name}/", serve(body))
    page.goto(f"{live_server.url}/broken/")
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    report = str(failure.value)
    for rule, element in [("image-alt", "img"), ("label", "input"), ("color-contrast", "p")]:
        assert f"- {rule} " in report, report
        assert f"at {element}" in report, report
    assert page.url == f"{live_server.url}/broken/"

    page.goto(f"{live_server.url}/clean/")
    assert_accessible(page)
