"""The steps of learning that several browser journeys share: answering the skills check's
question pages with the keyboard, and finding an enrolment with its reference code.

Every step that lands on a new page checks it with axe-core (through `tests.e2e.steps`)."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import Page

from digibank.skills.models import KnowledgeItem
from tests.e2e.steps import continue_with_keyboard, open_page, path_of, tab_to

ALONE, WITH_HELP, NOT_YET = 0, 1, 2


def question_groups(page: Page) -> list[str]:
    """The names of the radio groups on the question page, in page order."""
    return page.eval_on_selector_all(
        "main form fieldset input[type=radio]:first-of-type",
        "inputs => [...new Set(inputs.map(input => input.name))]",
    )


def choice_for(name: str) -> int:
    """Communication: not yet; everything else alone; practical questions answered right."""
    if name.startswith("K") and name[1:].isdigit():
        return KnowledgeItem.objects.filter(key=name).latest("pk").correct
    return NOT_YET if name.startswith("CO") else ALONE


def answer_with_the_keyboard(page: Page) -> None:
    """Answer every question of the page with Tab, Space and the arrows, then continue."""
    for name in question_groups(page):
        tab_to(page, f"main input[name={name}]")
        page.keyboard.press("Space")  # the first choice
        for _ in range(choice_for(name)):
            page.keyboard.press("ArrowDown")
        checked = page.locator(f"main input[name={name}]:checked")
        assert checked.count() == 1, f"no answer chosen for {name}"
    continue_with_keyboard(page)


def on_a_question_page(page: Page) -> bool:
    return path_of(page).startswith("/skills-check/questions/")


def find_enrolment_with_code(page: Page, base_url: str, code: str) -> None:
    """Type an enrolment's reference code on the page that finds it."""
    open_page(page, base_url + reverse("skills:enrolment_find"))
    tab_to(page, "main input[name=code]")
    page.keyboard.type(code)
    continue_with_keyboard(page)
    assert path_of(page) == reverse("skills:enrolment_manage")
