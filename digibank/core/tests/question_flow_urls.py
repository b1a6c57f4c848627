"""A small flow of three questions, with its own URLs, to test `digibank.core.question_flow`."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import path

from digibank.core.errors import DomainError
from digibank.core.forms import Form
from digibank.core.question_flow import Answers, FlowUrls, QuestionFlow, Step


class NameForm(Form):
    name = forms.CharField(max_length=20)


class ContactForm(Form):
    contact = forms.ChoiceField(choices=[("phone", "Phone"), ("none", "Not at all")])


class PhoneForm(Form):
    phone = forms.CharField(max_length=20)


def forget_phone_unless_asked(answers: Answers) -> Answers:
    if answers["contact"] != "phone":
        answers.pop("phone", None)
    return answers


FLOW = QuestionFlow(
    [
        Step("name", NameForm, "Your name", ("name",)),
        Step("contact", ContactForm, "Contact", ("contact",), then=forget_phone_unless_asked),
        Step(
            "phone",
            PhoneForm,
            "Phone",
            ("phone",),
            applies=lambda answers: answers.get("contact") == "phone",
        ),
    ],
    session_key="toy_answers",
    done_key="toy_made",
    urls=FlowUrls(start="toy_start", step="toy_step", check="toy_check", sent="toy_sent"),
)
MADE_ID = 42


def start(request: HttpRequest) -> HttpResponse:
    return HttpResponse("start")


def step(request: HttpRequest, step: str) -> HttpResponse:
    return FLOW.question_page(request, step, "toy/question.html")


@dataclass
class Made:
    pk: int


def submit(answers: Answers) -> Made:
    if answers["name"] == "Refused":
        raise DomainError("We cannot take this name.")
    return Made(pk=MADE_ID)


def check(request: HttpRequest) -> HttpResponse:
    answers = FLOW.answers(request.session)
    return FLOW.check_page(
        request,
        answers,
        template="toy/check.html",
        ready=answers.get("name") != "Gone",
        submit=lambda: submit(answers),
        context=lambda: {"rows": FLOW.summary([("Your name", answers["name"], "name")])},
    )


def sent(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"made {FLOW.made_id(request.session)}")


urlpatterns = [
    path("toy/", start, name="toy_start"),
    path("toy/check/", check, name="toy_check"),
    path("toy/sent/", sent, name="toy_sent"),
    path("toy/<slug:step>/", step, name="toy_step"),
]
