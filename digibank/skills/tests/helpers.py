"""Shared steps of the skills tests: take a check through the services, as the pages do."""

from __future__ import annotations

import datetime
import itertools

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from digibank.organisations.models import Region
from digibank.organisations.permissions import PUBLIC
from digibank.people.models import Person
from digibank.people.tests import helpers as people
from digibank.skills import services
from digibank.skills.models import Answer, KnowledgeItem, SkillsCheck, Statement
from digibank.testing import Bank, act


def all_answers(check: SkillsCheck, answer: str = Answer.ALONE, right: bool = True) -> dict:
    """Every statement answered `answer`, every knowledge item right (or wrong)."""
    answers = {
        key: str(answer)
        for key in Statement.objects.filter(version=check.version).values_list("key", flat=True)
    }
    for item in KnowledgeItem.objects.filter(version=check.version):
        answers[item.key] = str(
            item.correct if right else (item.correct + 1) % len(item.options["nl"])
        )
    return answers


def finished_check(region: Region, answers: dict | None = None, **overrides: str) -> SkillsCheck:
    check = services.start_check(region=region, by=PUBLIC, language="en")
    given = {**(answers if answers is not None else all_answers(check)), **overrides}
    services.record_answers(check=check, answers=given, by=PUBLIC)
    return services.complete_check(check=check, by=PUBLIC)


def answer_page(client: Client, response, choice: str = Answer.ALONE, right: bool = True):
    """Post the question page `response` shows with every radio group answered."""
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        values = [value for value, _label in field.choices]
        if name.startswith("K") and name[1:].isdigit():
            item = KnowledgeItem.objects.filter(key=name).latest("pk")
            data[name] = str(item.correct) if right else str((item.correct + 1) % len(values))
        else:
            data[name] = choice
    return client.post(response.context["action"], data)


def start_public(client: Client):
    return client.post(reverse("skills:public_start"), follow=True)


def linked_check(
    bank: Bank, person: Person, answer: str, *, right: bool, days_ago: int = 0
) -> SkillsCheck:
    """A check answered `answer` throughout, kept with `person`'s record, finished `days_ago`."""
    check = finished_check(bank.digibank.region)
    check = finished_check(bank.digibank.region, all_answers(check, answer, right))
    services.link_check(check=check, person=person, consent=True, by=act(bank.users["coordinator"]))
    SkillsCheck.objects.filter(pk=check.pk).update(
        completed_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return check


_names = itertools.cycle(["Peeters", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Wouters"])


def another_person(bank: Bank) -> Person:
    return people.register(bank, last_name=next(_names))
