"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright's own browser download is never needed: Chromium is launched from /usr/bin/chromium.
Live-server tests use a transactional database, so the municipalities loaded by a migration are
restored for each test with a serialized rollback.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from typing import Any

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run in a
# thread with an event loop unless told that this is safe, which it is here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.db import connections
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from digibank.messaging.testing import SmtpServer, running_smtp_server
from digibank.testing import PASSWORD, World, build_world
from tests.e2e import browser as browser_helpers
from tests.e2e.browser import PHONE

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser(django_db_setup, live_server) -> Iterator[Browser]:
    # Set up after the test database and the live server, so that Chromium closes, and stops
    # asking for pages, before the live server shuts down.
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does).")
    # Django keeps database connections in a thread-local storage, but switches to a per-context
    # storage while an asyncio loop runs in the thread, and Playwright's sync API leaves its loop
    # running. Carry the connections already open (the test database, its serialized contents
    # for rollbacks, the live server's shared in-memory SQLite) over to that storage.
    open_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in open_connections.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_context_args() -> dict[str, Any]:
    """Options of the test's browser context; override this fixture in a module to change them."""
    return {"viewport": PHONE, "java_script_enabled": True, "locale": "nl-BE"}


@pytest.fixture
def new_context(
    browser: Browser, browser_context_args: dict[str, Any], django_db_serialized_rollback
):
    """`new_context(**options)` opens a browser context, closed after the test.

    Every browser test runs on a transactional database (the live server must see its data); the
    serialized rollback gives the next test back the rows that migrations loaded.
    """
    contexts: list[BrowserContext] = []

    def make(**overrides: Any) -> BrowserContext:
        options = {**browser_context_args, **overrides}
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        if not options.get("java_script_enabled", True):
            browser_helpers.mark_scriptless(context)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    browser_helpers.close_axe_pages()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context().new_page()


@pytest.fixture(scope="session")
def claim_check(tmp_path_factory, worker_id: str) -> Callable[[str], bool]:
    """`claim_check(key)` is True for the first test of the whole run that asks for `key`.

    Crawls as different users meet the same pages; each page is checked with axe once per run,
    also across pytest-xdist workers, which share the parent of their temporary directories.
    """
    root = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        root = root.parent
    claims = root / "axe-claims"
    claims.mkdir(exist_ok=True)

    def claim(key: str) -> bool:
        name = hashlib.sha256(key.encode()).hexdigest()
        try:
            os.close(os.open(claims / name, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return False
        return True

    return claim


@pytest.fixture
def e2e_world(live_server, django_db_serialized_rollback) -> World:
    """The shared test world, in the database the live server reads."""
    return build_world()


@pytest.fixture
def login(live_server) -> Callable[..., None]:
    """`login(page, user)`: log in through the real log-in form of the live server."""

    def log_in(page: Page, user: Any, password: str = PASSWORD) -> None:
        browser_helpers.login(page, user, live_server.url, password)

    return log_in


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A real SMTP server on a local port: what the worker sends during the test arrives there."""
    with running_smtp_server() as server:
        yield server
