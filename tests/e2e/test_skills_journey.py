"""The skills check in Chromium: a resident takes it keyboard-only, stops, comes back with the
code (in another browser) and gets their result; and it also works with JavaScript off. axe-core
checks every page on the way."""

from __future__ import annotations

import pytest
from django.urls import reverse

from digibank.skills.models import SkillsCheck
from digibank.testing import World
from tests.e2e.browser import assert_accessible
from tests.e2e.skills_steps import (
    answer_with_the_keyboard,
    choice_for,
    on_a_question_page,
    question_groups,
)
from tests.e2e.steps import continue_with_keyboard, enter, open_page, path_of, submit, tab_to

pytestmark = pytest.mark.e2e

STOP_AFTER = 3  # pages answered before the resident stops


def test_a_resident_takes_the_skills_check_with_the_keyboard_stops_and_resumes(
    new_context, live_server, e2e_world: World
):
    page = new_context().new_page()
    open_page(page, live_server.url + reverse("portal:home"))
    tab_to(page, f'main a[href="{reverse("skills:public_start")}"]')
    enter(page)
    tab_to(page, "main form button[type=submit]")
    enter(page)
    assert path_of(page) == reverse("skills:public_step", kwargs={"step": "1"})
    total = SkillsCheck.objects.get().version.statements.count()
    assert total == 45
    assert "Pagina 1 van" in page.inner_text("main")

    for _ in range(STOP_AFTER):
        answer_with_the_keyboard(page)
    assert path_of(page) == reverse("skills:public_step", kwargs={"step": str(STOP_AFTER + 1)})
    tab_to(page, f'main a[href="{reverse("skills:public_pause")}"]')
    enter(page)
    code = page.inner_text(".reference-code--large").strip()
    assert len(code) == 9 and code[4] == "-"

    # Another day, another browser: only the code links the resident to their answers.
    page = new_context().new_page()
    open_page(page, live_server.url + reverse("skills:public_start"))
    tab_to(page, f'main a[href="{reverse("skills:public_resume")}"]')
    enter(page)
    tab_to(page, "main input[name=code]")
    page.keyboard.type(code.replace("-", "").lower())
    enter(page)
    assert path_of(page) == reverse("skills:public_step", kwargs={"step": str(STOP_AFTER + 1)})

    while on_a_question_page(page):
        answer_with_the_keyboard(page)
    assert path_of(page) == reverse("skills:public_finish")
    continue_with_keyboard(page)
    assert path_of(page) == reverse("skills:public_result")
    result = page.inner_text("main")
    assert code in result
    assert "Ik kan een laptop, tablet of smartphone aanzetten en uitzetten." in result
    modules = page.locator("main .module-list__item")
    assert 1 <= modules.count() <= 3
    assert "Videobellen" in modules.first.inner_text()
    check = SkillsCheck.objects.get()
    assert check.is_complete and check.person is None


def test_the_skills_check_completes_with_javascript_off(new_context, live_server, e2e_world):
    page = new_context(java_script_enabled=False).new_page()
    open_page(page, live_server.url + reverse("skills:public_start"))
    submit(page)
    while on_a_question_page(page):
        for name in question_groups(page):
            page.locator(f"main input[name={name}]").nth(choice_for(name)).check()
        submit(page)
    assert path_of(page) == reverse("skills:public_finish")
    submit(page)
    assert path_of(page) == reverse("skills:public_result")
    assert page.locator("main .module-list__item").count() >= 1
    assert_accessible(page)
