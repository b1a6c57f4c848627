"""The public booking pages: what you need help with, when (and where), your name, how we
remind you; nothing is booked until "Check your answers" (see `digibank.core.question_flow`).

Started from a hub's page, the answers hold that hub and only its times are offered; started
from the home page's "Help" card, every public hub's.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from digibank.core.question_flow import Answers, FlowUrls, QuestionFlow, Step
from digibank.help import queries
from digibank.help.forms.public import ContactForm, NameForm, TimeForm, TopicForm
from digibank.help.models import HelpTopic, Slot


def topic_of(answers: Answers) -> HelpTopic | None:
    if not answers.get("topic"):
        return None
    return (
        HelpTopic.objects.select_related("region").filter(pk=answers["topic"], active=True).first()
    )


def slot_of(answers: Answers) -> Slot | None:
    if not answers.get("slot"):
        return None
    return (
        Slot.objects.select_related("hub__municipality", "digibank")
        .filter(pk=answers["slot"])
        .first()
    )


def times_for(answers: Answers) -> list[Slot]:
    topic = topic_of(answers)
    if topic is None:
        return []
    return queries.bookable_slots(topic=topic, hub_id=answers.get("hub"))


def _topic_kwargs(answers: Answers) -> dict[str, Any]:
    return {"topics": queries.bookable_topics(hub_id=answers.get("hub"))}


def _time_kwargs(answers: Answers) -> dict[str, Any]:
    return {"slots": times_for(answers), "with_place": not answers.get("hub")}


def _topic_answers(form: Any) -> Answers:
    return {"topic": form.cleaned_data["topic"].pk}


def _forget_other_topics_time(answers: Answers) -> Answers:
    """A time chosen for another topic does not hold for this one."""
    slot = slot_of(answers)
    if slot is not None and not slot.topics.filter(pk=answers["topic"]).exists():
        answers.pop("slot", None)
    return answers


STEPS = (
    Step(
        "topic",
        TopicForm,
        _("What do you need help with?"),
        ("topic",),
        form_kwargs=_topic_kwargs,
        answers_from=_topic_answers,
        then=_forget_other_topics_time,
    ),
    Step("time", TimeForm, _("When would you like to come?"), ("slot",), form_kwargs=_time_kwargs),
    Step("name", NameForm, _("What is your name?"), ("name",)),
    Step(
        "contact",
        ContactForm,
        _("How can we remind you?"),
        ("phone", "email"),
        heading=_("How can we remind you?"),
    ),
)

FLOW = QuestionFlow(
    STEPS,
    session_key="help_booking",
    done_key="help_booked",
    urls=FlowUrls(
        start="help:book_start",
        step="help:book_step",
        check="help:book_check",
        sent="help:book_done",
    ),
)
