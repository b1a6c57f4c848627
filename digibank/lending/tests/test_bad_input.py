"""Bad input in every lending form that works on a request or a loan: never a server error, a
clear message next to the field, what was typed kept, never a script that runs.

The site-wide test (tests/test_bad_input.py) crawls a world without requests or loans, so it never
reaches these forms. Here the crawl starts from a request in each status and an active loan, and
each text field of each form found gets each bad value, in a transaction that is rolled back.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from digibank.lending.models import LoanCondition
from digibank.lending.tests.helpers import (
    handed_over,
    new_request,
    ready_device,
    reserved_request,
    waiting_request,
)
from tests.crawler import crawl, forms_to_fill, url_name_of
from tests.test_bad_input import BAD_VALUES, check_answer, fields_to_fill

pytestmark = pytest.mark.django_db

EXPECTED_FORMS = {
    "lending:request_create",
    "lending:request_edit",
    "lending:request_cancel",
    "lending:evidence_add",
    "lending:decide",
    "lending:release",
    "lending:hand_over",
    "lending:loan_extend",
    "lending:loan_ownership",
    "lending:loan_return",
    "lending:loan_lost",
}


def test_bad_input_in_the_request_and_loan_forms_gets_a_clear_answer(world):
    bank = world.a
    submitted = new_request(bank)
    reserved = reserved_request(bank)
    waiting_request(bank)
    ready_device(bank)
    loan = handed_over(bank, conditions=(LoanCondition.STARTER_COURSE,))

    def page(name: str, **kwargs: int) -> str:
        return reverse(f"lending:{name}", kwargs={"digibank": bank.digibank.slug, **kwargs})

    client = Client()
    client.force_login(bank.users["coordinator"])
    start = [
        page("request_detail", request_id=submitted.pk),
        page("hand_over", request_id=reserved.pk),
        page("release", request_id=reserved.pk),
        page("loan_detail", loan_id=loan.pk),
        page("request_create", person_id=bank.person.pk),
    ]
    forms = [
        form
        for form in forms_to_fill(crawl(client, start, per_name=1).pages)
        if (url_name_of(form.action_path) or "").startswith("lending:")
    ]
    reached = {url_name_of(form.action_path) for form in forms}
    assert reached >= EXPECTED_FORMS, f"the crawl did not reach {EXPECTED_FORMS - reached}"

    problems: list[str] = []
    submissions = 0
    for value_name, value in BAD_VALUES.items():
        for form in forms:
            for field in fields_to_fill(form):
                data = form.data()
                data[field.name] = [value]
                with transaction.atomic():
                    response = client.post(form.action_path, data)
                    found = check_answer(form, field, value, response, client)
                    transaction.set_rollback(True)
                problems += [f"[{value_name}] {problem}" for problem in found]
                submissions += 1
    assert submissions >= len(EXPECTED_FORMS) * len(BAD_VALUES)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)
