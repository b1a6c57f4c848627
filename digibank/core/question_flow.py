"""Citizen forms as GOV.UK question pages: one question per page, the answers kept in the session.

A `QuestionFlow` is an ordered list of `Step`s. Each step asks one question (its form) and fills
some keys of the answers. A step may not apply: `applies` reads the answers given so far (the
address page only when we pick devices up). The visitor cannot skip ahead: a step whose earlier
steps are not answered sends them back to the first open one. Nothing is saved in the database
until they accept on the "Check your answers" page; then the answers are forgotten and only the id
of what was made stays in the session, for the page that shows its reference.

The public "I want to donate devices" and "I need a device" pages are built on it. Both start with
the postcode and, where several digibanks serve it, ask which one: those two steps know digibanks,
so they live in the tenancy layer (`digibank.organisations.postcode_steps`), not in this base.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django import forms
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from digibank.core.errors import DomainError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Answers = dict[str, Any]


def _always(answers: Answers) -> bool:
    return True


def _nothing_more(answers: Answers) -> dict[str, Any]:
    return {}


def _unchanged(answers: Answers) -> Answers:
    return answers


class Made(Protocol):
    """What a flow's answers made (a donation offer, a request): known by its primary key."""

    @property
    def pk(self) -> Any: ...


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type[forms.BaseForm]
    title: StrOrPromise
    keys: tuple[str, ...]
    applies: Callable[[Answers], bool] = _always
    # Several fields on one page need their own heading; one field uses its label as heading.
    heading: StrOrPromise | None = None
    # What the form needs besides its data, for example the postcode given before.
    form_kwargs: Callable[[Answers], dict[str, Any]] = _nothing_more
    # Only where the answers are not kept as the form takes them (a yes/no kept as a bool).
    initial_from: Callable[[Answers], dict[str, Any]] | None = None
    answers_from: Callable[[Any], Answers] | None = None
    # Gets the new answers (a copy) after the step is stored; may forget what it made pointless.
    then: Callable[[Answers], Answers] = _unchanged

    def is_done(self, answers: Answers) -> bool:
        return all(key in answers for key in self.keys)

    def form(self, answers: Answers, data: Mapping[str, Any] | None = None) -> forms.BaseForm:
        """The bound form for `data`, or else the empty form filled with the earlier answers."""
        if data is not None:
            return self.form_class(data, **self.form_kwargs(answers))
        return self.form_class(initial=self.initial(answers), **self.form_kwargs(answers))

    def initial(self, answers: Answers) -> dict[str, Any]:
        if self.initial_from is not None:
            return self.initial_from(answers)
        return {key: answers[key] for key in self.keys if key in answers}

    def store(self, answers: Answers, form: forms.BaseForm) -> Answers:
        """New answers with this step's values from a valid form; `answers` stays as it was."""
        updated = dict(answers)
        if self.answers_from is not None:
            updated.update(self.answers_from(form))
        else:
            updated.update({key: form.cleaned_data.get(key) for key in self.keys})
        return self.then(updated)


@dataclass(frozen=True)
class FlowUrls:
    """The URL names of a flow's pages. The step page takes the step's slug as `step`."""

    start: str
    step: str
    check: str
    sent: str


class QuestionFlow:
    """The steps of one flow and where its answers live in the session.

    `session_key` holds the answers while they are given; `done_key` holds the id of what the
    answers made, once accepted.
    """

    def __init__(
        self, steps: Iterable[Step], *, session_key: str, done_key: str, urls: FlowUrls
    ) -> None:
        self.steps = tuple(steps)
        self._by_slug = {step.slug: step for step in self.steps}
        if not self.steps or len(self._by_slug) != len(self.steps):
            raise ImproperlyConfigured("A question flow needs steps, each with its own slug.")
        self.session_key = session_key
        self.done_key = done_key
        self.urls = urls

    def __getitem__(self, slug: str) -> Step:
        return self._by_slug[slug]

    def get(self, slug: str) -> Step | None:
        return self._by_slug.get(slug)

    # The answers in the session

    def answers(self, session: SessionBase) -> Answers:
        return dict(session.get(self.session_key, {}))

    def save(self, session: SessionBase, answers: Answers) -> None:
        session[self.session_key] = answers

    def finish(self, session: SessionBase, made: Made) -> None:
        """Forget the answers, remember what they made (for the page that shows its reference)."""
        session.pop(self.session_key, None)
        session[self.done_key] = made.pk

    def made_id(self, session: SessionBase) -> Any:
        return session.get(self.done_key)

    # The order of the steps

    def applicable(self, answers: Answers) -> list[Step]:
        return [step for step in self.steps if step.applies(answers)]

    def first_open(self, answers: Answers) -> Step | None:
        return next((step for step in self.applicable(answers) if not step.is_done(answers)), None)

    def previous(self, step: Step, answers: Answers) -> Step | None:
        steps = self.applicable(answers)
        if step not in steps:
            return None
        index = steps.index(step)
        return steps[index - 1] if index > 0 else None

    def may_ask(self, step: Step, answers: Answers) -> bool:
        """The step applies and no earlier step is still open."""
        steps = self.applicable(answers)
        open_step = self.first_open(answers)
        if step not in steps:
            return False
        return open_step is None or steps.index(open_step) >= steps.index(step)

    # The pages

    def step_url(self, slug: str, *, change: bool = False) -> str:
        """A step's page; `change` comes from "Check your answers" and goes back there."""
        url = reverse(self.urls.step, kwargs={"step": slug})
        return f"{url}?change=1" if change else url

    def summary(self, rows: Iterable[tuple[Any, str, str]]) -> list[tuple[str, str, str]]:
        """(question, answer, step slug) as the rows of "Check your answers", with a change link."""
        return [
            (str(question), answer, self.step_url(slug, change=True))
            for question, answer, slug in rows
        ]

    def question_page(
        self,
        request: HttpRequest,
        slug: str,
        template: str,
        context: Mapping[str, Any] | None = None,
    ) -> HttpResponse:
        """GET shows the step's question; a valid POST stores the answer and goes on.

        `context` adds to what the template gets (the skills check shows its reference code)."""
        current = self.get(slug)
        if current is None:
            raise Http404
        answers = self.answers(request.session)
        if not self.may_ask(current, answers):
            open_step = self.first_open(answers)
            if open_step is None:
                return redirect(self.urls.check)
            return redirect(self.step_url(open_step.slug))
        changing = request.GET.get("change") == "1"
        if request.method == "POST":
            form = current.form(answers, request.POST)
            if form.is_valid():
                answers = current.store(answers, form)
                self.save(request.session, answers)
                following = self.first_open(answers)
                if following is None:
                    return redirect(self.urls.check)
                return redirect(self.step_url(following.slug, change=changing))
        else:
            form = current.form(answers)
        previous = self.previous(current, answers)
        if changing:
            back = reverse(self.urls.check)
        elif previous is not None:
            back = self.step_url(previous.slug)
        else:
            back = reverse(self.urls.start)
        steps = self.applicable(answers)
        return render(
            request,
            template,
            {
                "form": form,
                "step": current,
                "back": back,
                "action": self.step_url(current.slug, change=changing),
                "number": steps.index(current) + 1,
                "total": len(steps),
                **(context or {}),
            },
        )

    def check_page(
        self,
        request: HttpRequest,
        answers: Answers,
        *,
        template: str,
        ready: bool,
        submit: Callable[[], Made],
        context: Callable[[], dict[str, Any]],
    ) -> HttpResponse:
        """ "Check your answers": a POST makes what the answers ask for with `submit`.

        Until every step is answered and `ready` (what the answers point to still exists), the
        visitor goes back to the first open step. A domain error is shown above the answers.
        """
        open_step = self.first_open(answers)
        if open_step is not None or not ready:
            return redirect(self.step_url((open_step or self.steps[0]).slug))
        problem = ""
        if request.method == "POST":
            try:
                made = submit()
            except DomainError as error:
                problem = error.message
            else:
                self.finish(request.session, made)
                return redirect(self.urls.sent)
        # "Back" goes to the last question asked, which depends on the answers (the phone or the
        # email page comes after "How can we reach you?" only for that way).
        back = self.step_url(self.applicable(answers)[-1].slug)
        return render(request, template, {**context(), "problem": problem, "back": back})
