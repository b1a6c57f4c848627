"""What a person does in the browser journeys: move with the keyboard, follow a link, send a form.

Every step that lands on a new page runs axe-core on it, so a journey checks each page it visits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import translation
from playwright.sync_api import APIResponse, Page, Route

from digibank.devices.tests.helpers import pdf_text
from digibank.testing import PASSWORD
from tests.e2e.browser import assert_accessible, fill_login_form


def dutch(text: Any) -> str:
    """The Dutch (the browsers ask for Dutch pages) of an English source text or a label."""
    with translation.override("nl"):
        return translation.gettext(str(text))


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def focused(page: Page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement?.matches(s) ?? false", selector)


def tab_to(page: Page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, selector):
            return
    raise AssertionError(f"{selector} never received the focus after {limit} Tab presses")


def press_enter_and_wait(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def enter(page: Page) -> None:
    """Press Enter (a focused link or button, or a text field that sends its form); check axe."""
    press_enter_and_wait(page)
    assert_accessible(page)


def answer_text(page: Page, name: str, value: str) -> None:
    """Tab to the field named `name` and type `value` in it."""
    tab_to(page, f"main [name={name}]")
    page.keyboard.type(value)


def continue_with_keyboard(page: Page) -> None:
    """Tab to the form's button and press Enter."""
    tab_to(page, "main form button[type=submit]")
    enter(page)


def go(page: Page, action: Callable[[], object]) -> None:
    """Do `action` (a click), wait for the page it opens and check that page with axe."""
    with page.expect_navigation():
        action()
    assert_accessible(page)


def open_page(page: Page, url: str) -> None:
    """Type an address in the browser (or follow a bookmark) and check the page with axe."""
    page.goto(url)
    assert_accessible(page)


def open_pdf(page: Page, click: Callable[[], object]) -> str:
    """Click a link or button that opens a PDF, as a person does, then come back to the page.

    Returns the text of the PDF. Chromium shows a PDF in its viewer, which hides the bytes the
    server sent; the request of the click is passed on unchanged and its answer kept on the way.
    The viewer is not a web page of ours, so axe does not check it.
    """
    answers: list[APIResponse] = []
    here = page.url

    def keep_the_answer(route: Route) -> None:
        answer = route.fetch()
        answers.append(answer)
        route.fulfill(response=answer)

    page.route("**/*.pdf", keep_the_answer)
    try:
        with page.expect_navigation():
            click()
    finally:
        page.unroute("**/*.pdf", keep_the_answer)
    assert len(answers) == 1
    answer = answers[0]
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    content = answer.body()
    assert content.startswith(b"%PDF-")
    page.go_back()
    assert page.url == here, "the back button did not lead back to the page of the PDF's link"
    return pdf_text(content)


def submit(page: Page) -> None:
    """Send the page's main form with its last button."""
    go(page, lambda: page.locator("main form button[type=submit]").last.click())


def log_in(page: Page, base_url: str, user: Any, password: str = PASSWORD) -> None:
    """Log in through the log-in page; both it and the page it leads to are checked with axe."""
    open_page(page, base_url + reverse("login"))
    fill_login_form(page, user.username, password)
    assert path_of(page) != reverse("login"), f"logging in as {user.username} failed"
    assert_accessible(page)
