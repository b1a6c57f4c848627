"""One question per page: the order of the steps, the back link, the answers kept in the session."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.test import RequestFactory

from digibank.core.models import User
from digibank.core.question_flow import FlowUrls, QuestionFlow, Step
from digibank.core.tests.question_flow_urls import FLOW, MADE_ID, NameForm

START = "/toy/"
CHECK = "/toy/check/"
SENT = "/toy/sent/"


def step(slug, change=False):
    return f"/toy/{slug}/" + ("?change=1" if change else "")


@pytest.fixture
def toy(settings, client):
    """The small flow of `question_flow_urls`, its pages rendered by two bare templates."""
    settings.ROOT_URLCONF = "digibank.core.tests.question_flow_urls"
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {
                            "toy/question.html": "{{ step.slug }} {{ number }}/{{ total }}",
                            "toy/check.html": "{% for row in rows %}{{ row }}{% endfor %}",
                        },
                    )
                ]
            },
        }
    ]
    return client


def answers_of(client):
    return client.session.get(FLOW.session_key)


# The order of the steps, without pages


def test_a_step_that_does_not_apply_is_left_out():
    names = [step.slug for step in FLOW.applicable({"name": "An", "contact": "none"})]
    assert names == ["name", "contact"]
    names = [step.slug for step in FLOW.applicable({"name": "An", "contact": "phone"})]
    assert names == ["name", "contact", "phone"]


def test_the_first_open_step_is_the_first_unanswered_one_that_applies():
    assert FLOW.first_open({}).slug == "name"
    assert FLOW.first_open({"name": "An"}).slug == "contact"
    assert FLOW.first_open({"name": "An", "contact": "phone"}).slug == "phone"
    assert FLOW.first_open({"name": "An", "contact": "none"}) is None


def test_the_previous_step_skips_what_does_not_apply():
    answers = {"name": "An", "contact": "phone"}
    assert FLOW.previous(FLOW["phone"], answers) == FLOW["contact"]
    assert FLOW.previous(FLOW["name"], answers) is None
    assert FLOW.previous(FLOW["phone"], {"contact": "none"}) is None, "phone is not asked"


def test_it_may_not_ask_a_step_before_the_earlier_ones_are_answered():
    assert FLOW.may_ask(FLOW["name"], {})
    assert not FLOW.may_ask(FLOW["contact"], {})
    assert FLOW.may_ask(FLOW["name"], {"name": "An", "contact": "none"}), "changing an answer"
    assert not FLOW.may_ask(FLOW["phone"], {"name": "An", "contact": "none"})


def test_storing_a_step_keeps_the_other_answers_and_runs_its_follow_up():
    answers = {"name": "An", "contact": "phone", "phone": "0470 12 34 56"}
    form = FLOW["contact"].form(answers, {"contact": "none"})
    assert form.is_valid()
    stored = FLOW["contact"].store(answers, form)
    assert stored == {"name": "An", "contact": "none"}
    assert answers["phone"] == "0470 12 34 56", "the answers given are not changed in place"


def test_a_step_can_keep_its_answers_in_its_own_shape():
    yes_no = Step(
        "certificate",
        NameForm,
        "Certificate",
        ("wants",),
        initial_from=lambda answers: {"name": "yes" if answers.get("wants") else "no"},
        answers_from=lambda form: {"wants": form.cleaned_data["name"] == "yes"},
    )
    form = yes_no.form({}, {"name": "yes"})
    assert form.is_valid()
    assert yes_no.store({}, form) == {"wants": True}
    assert yes_no.form({"wants": True}).initial == {"name": "yes"}


def test_it_refuses_two_steps_with_the_same_slug():
    name = FLOW["name"]
    urls = FlowUrls(start="a", step="b", check="c", sent="d")
    with pytest.raises(ImproperlyConfigured):
        QuestionFlow([name, name], session_key="x", done_key="y", urls=urls)


@pytest.mark.django_db
def test_finishing_forgets_the_answers_and_remembers_what_they_made():
    session = SessionStore()
    FLOW.save(session, {"name": "An"})
    assert FLOW.answers(session) == {"name": "An"}
    made = User.objects.create_user(username="made", password="x" * 12)
    FLOW.finish(session, made)
    assert FLOW.session_key not in session
    assert FLOW.made_id(session) == made.pk


# The pages


@pytest.mark.django_db
def test_the_questions_come_one_after_the_other_and_end_on_check_your_answers(toy):
    assert toy.post(step("name"), {"name": "An"})["Location"] == step("contact")
    assert toy.post(step("contact"), {"contact": "phone"})["Location"] == step("phone")
    response = toy.get(step("phone"))
    assert response.content.decode() == "phone 3/3"
    assert toy.post(step("phone"), {"phone": "0470"})["Location"] == CHECK
    assert answers_of(toy) == {"name": "An", "contact": "phone", "phone": "0470"}


@pytest.mark.django_db
def test_it_does_not_skip_ahead(toy):
    assert toy.get(step("contact"))["Location"] == step("name")
    assert toy.get(CHECK)["Location"] == step("name")
    toy.post(step("name"), {"name": "An"})
    toy.post(step("contact"), {"contact": "none"})
    assert toy.get(step("phone"))["Location"] == CHECK, "phone is not asked of this visitor"


@pytest.mark.django_db
def test_an_unknown_step_is_not_found():
    request = RequestFactory().get(step("nonsense"))
    request.session = SessionStore()
    with pytest.raises(Http404):
        FLOW.question_page(request, "nonsense", "toy/question.html")


@pytest.mark.django_db
def test_the_back_link_goes_to_the_previous_question_then_to_the_start(toy):
    assert toy.get(step("name")).context["back"] == START
    toy.post(step("name"), {"name": "An"})
    toy.post(step("contact"), {"contact": "phone"})
    assert toy.get(step("phone")).context["back"] == step("contact")
    assert toy.get(step("contact")).context["back"] == step("name")


@pytest.mark.django_db
def test_a_change_from_check_your_answers_goes_back_there(toy):
    toy.post(step("name"), {"name": "An"})
    toy.post(step("contact"), {"contact": "none"})
    response = toy.get(step("contact", change=True))
    assert response.context["back"] == CHECK
    assert response.context["action"] == step("contact", change=True)
    changed = toy.post(step("contact", change=True), {"contact": "phone"})
    assert changed["Location"] == step("phone", change=True), "the new question it opens first"
    assert toy.post(step("phone", change=True), {"phone": "0470"})["Location"] == CHECK


@pytest.mark.django_db
def test_a_wrong_answer_is_shown_again_and_the_earlier_answers_are_kept(toy):
    toy.post(step("name"), {"name": "An"})
    response = toy.post(step("contact"), {"contact": "carrier pigeon"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["contact"]
    assert form["contact"].value() == "carrier pigeon"
    assert response.context["back"] == step("name")
    assert answers_of(toy) == {"name": "An"}


@pytest.mark.django_db
def test_a_question_shows_the_answer_given_before(toy):
    toy.post(step("name"), {"name": "An"})
    assert toy.get(step("name")).context["form"]["name"].value() == "An"


@pytest.mark.django_db
def test_accepting_forgets_the_answers_and_shows_what_was_made(toy):
    toy.post(step("name"), {"name": "An"})
    toy.post(step("contact"), {"contact": "none"})
    page = toy.get(CHECK)
    assert page.context["rows"] == [("Your name", "An", step("name", change=True))]
    assert page.context["problem"] == ""
    assert toy.post(CHECK)["Location"] == SENT
    assert answers_of(toy) is None
    assert toy.get(SENT).content.decode() == f"made {MADE_ID}"
    assert toy.get(CHECK)["Location"] == step("name"), "a new visit starts again"


@pytest.mark.django_db
def test_a_refusal_is_shown_on_check_your_answers_and_the_answers_are_kept(toy):
    toy.post(step("name"), {"name": "Refused"})
    toy.post(step("contact"), {"contact": "none"})
    response = toy.post(CHECK)
    assert response.status_code == 200
    assert response.context["problem"] == "We cannot take this name."
    assert answers_of(toy) == {"name": "Refused", "contact": "none"}
    assert FLOW.done_key not in toy.session


@pytest.mark.django_db
def test_check_your_answers_sends_back_to_the_start_when_it_is_not_ready(toy):
    toy.post(step("name"), {"name": "Gone"})
    toy.post(step("contact"), {"contact": "none"})
    assert toy.get(CHECK)["Location"] == step("name")
    assert toy.post(CHECK)["Location"] == step("name")
    assert FLOW.done_key not in toy.session


@pytest.mark.django_db
@pytest.mark.parametrize(("contact", "last_question"), [("none", "contact"), ("phone", "phone")])
def test_back_on_check_your_answers_goes_to_the_last_question_asked(toy, contact, last_question):
    toy.post(step("name"), {"name": "An"})
    toy.post(step("contact"), {"contact": contact})
    if contact == "phone":
        toy.post(step("phone"), {"phone": "0470 12 34 56"})
    assert toy.get(CHECK).context["back"] == step(last_question)
