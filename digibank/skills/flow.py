"""The public skills check on the question-flow engine (`digibank.core.question_flow`).

Each page asks a few statements of one area (or a few practical questions), so the check stays
short pages with a progress line ("page 4 of 14"). Unlike the device request, the answers are kept
in the database as they are given, on the check itself: the visitor can stop and come back with
the check's reference code, on another day or another device. The session only holds which check
this browser is taking (`SESSION_KEY`) or has finished (`DONE_KEY`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.sessions.backends.base import SessionBase
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form
from digibank.core.question_flow import Answers, FlowUrls, QuestionFlow, Step
from digibank.organisations.permissions import PUBLIC
from digibank.skills import services
from digibank.skills.models import Answer, KnowledgeItem, SkillsCheck, Statement

SESSION_KEY = "skills_check"
DONE_KEY = "skills_check_done"
STATEMENTS_PER_PAGE = 5
ITEMS_PER_PAGE = 3

URLS = FlowUrls(
    start="skills:public_start",
    step="skills:public_step",
    check="skills:public_finish",
    sent="skills:public_result",
)


class StatementsForm(Form):
    """One radio group per statement: alone / with some help / not yet."""

    def __init__(self, *args: Any, statements: Sequence[Statement] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for statement in statements:
            self.fields[statement.key] = forms.ChoiceField(
                label=statement.text,
                choices=Answer.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one answer for this sentence.")},
            )


class KnowledgeForm(Form):
    """One radio group per practical question; the value is the option's position."""

    def __init__(self, *args: Any, items: Sequence[KnowledgeItem] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in items:
            self.fields[item.key] = forms.ChoiceField(
                label=item.question,
                choices=[(str(i), text) for i, text in enumerate(item.options_in_language())],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one answer for this question.")},
            )


@dataclass(frozen=True)
class Page:
    title: str
    statements: tuple[Statement, ...] = ()
    items: tuple[KnowledgeItem, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.statements) + tuple(i.key for i in self.items)


def _chunks(rows: Sequence[Any], size: int) -> list[tuple[Any, ...]]:
    count = -(-len(rows) // size)  # pages of about the same length: 7 → 4 + 3, not 5 + 2
    if not count:
        return []
    per_page = -(-len(rows) // count)
    return [tuple(rows[i : i + per_page]) for i in range(0, len(rows), per_page)]


def pages_of(statements: Sequence[Statement], items: Sequence[KnowledgeItem]) -> list[Page]:
    """Statements grouped by area, a few per page, then the practical questions."""
    pages: list[Page] = []
    by_area: dict[int, list[Statement]] = {}
    for statement in statements:
        by_area.setdefault(statement.area_id, []).append(statement)
    for area_statements in by_area.values():
        title = area_statements[0].area.name
        pages += [
            Page(title, statements=chunk) for chunk in _chunks(area_statements, STATEMENTS_PER_PAGE)
        ]
    pages += [
        Page(str(_("A few practical questions")), items=chunk)
        for chunk in _chunks(list(items), ITEMS_PER_PAGE)
    ]
    return pages


def _step(number: int, page: Page) -> Step:
    if page.items:
        return Step(
            slug=str(number),
            form_class=KnowledgeForm,
            title=page.title,
            heading=page.title,
            keys=page.keys,
            form_kwargs=lambda answers: {"items": page.items},
        )
    return Step(
        slug=str(number),
        form_class=StatementsForm,
        title=page.title,
        heading=page.title,
        keys=page.keys,
        form_kwargs=lambda answers: {"statements": page.statements},
    )


class CheckFlow(QuestionFlow):
    """The flow of one check: its version's pages, its answers kept on the check."""

    def __init__(self, check: SkillsCheck) -> None:
        statements = list(
            Statement.objects.filter(version_id=check.version_id).select_related("area")
        )
        items = list(KnowledgeItem.objects.filter(version_id=check.version_id))
        steps = [_step(n, page) for n, page in enumerate(pages_of(statements, items), start=1)]
        super().__init__(steps, session_key=SESSION_KEY, done_key=DONE_KEY, urls=URLS)
        self.check = check

    def answers(self, session: SessionBase) -> Answers:
        return dict(self.check.answers)

    def save(self, session: SessionBase, answers: Answers) -> None:
        services.record_answers(check=self.check, answers=answers, by=PUBLIC)

    def answered_pages(self) -> int:
        return sum(1 for step in self.steps if step.is_done(self.check.answers))


def taking(session: SessionBase) -> SkillsCheck | None:
    """The unfinished check this browser is taking, if any."""
    check_id = session.get(SESSION_KEY)
    if check_id is None:
        return None
    return (
        SkillsCheck.objects.select_related("version", "region")
        .filter(pk=check_id, completed_at__isnull=True)
        .first()
    )


def finished(session: SessionBase) -> SkillsCheck | None:
    check_id = session.get(DONE_KEY)
    if check_id is None:
        return None
    return (
        SkillsCheck.objects.select_related("region", "digibank")
        .filter(pk=check_id, completed_at__isnull=False)
        .first()
    )


def take(session: SessionBase, check: SkillsCheck) -> None:
    """This browser now takes (or reads the result of) `check`."""
    session.pop(DONE_KEY, None)
    session.pop(SESSION_KEY, None)
    if check.is_complete:
        session[DONE_KEY] = check.pk
    else:
        session[SESSION_KEY] = check.pk
