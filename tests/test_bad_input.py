"""Bad input in every form of the site: never a server error, a clear message next to the field,
what was typed kept, and never a script that runs.

The forms are found by crawling the site (anonymously, as a coordinator of digibank A and as a
region admin). Each text field of each POST form is filled with each bad value in turn, the other
fields keeping their current values. Every submission runs in a transaction that is rolled back,
so nothing leaks.
"""

from __future__ import annotations

import html
import re

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from digibank.testing import World
from tests.crawler import (
    Field,
    Form,
    crawl,
    forms_to_fill,
    local_path,
    start_urls,
    url_name_of,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
LONG = "a" * 10_000
BAD_VALUES = {
    "empty": "",
    "very-long": LONG,
    "script": SCRIPT,
    "emoji": "🙂👍🏽",
    "arabic": "مرحبا بالعالم",
    "hebrew": "שלום",
}
FORMSET_INDEX = re.compile(r"-\d+-")
# Forms each user must meet, so that a crawl which silently stops early fails.
EXPECTED_FORMS = {
    "anonymous": {"login"},
    "coordinator": {
        "portal:api_tokens",
        "password_change",
        "people:create",
        "organisations:hub_edit",
    },
    "region_admin": {"portal:api_tokens", "region:digibank_create"},
}


def forms_found_by(client: Client, identity: str) -> list[Form]:
    return forms_to_fill(crawl(client, start_urls(identity), per_name=1).pages)


def fields_to_fill(form: Form) -> list[Field]:
    """The text fields of a form; of a formset's repeated forms only the first one."""
    seen: set[str] = set()
    fields = []
    for field in form.text_fields:
        kind = FORMSET_INDEX.sub("-", field.name)
        if kind not in seen:
            seen.add(kind)
            fields.append(field)
    return fields


def error_next_to(field: Field, body: str) -> bool:
    if field.element_id:
        pattern = rf'class="error-message"[^>]*id="{re.escape(field.element_id)}_error"'
        return re.search(pattern, body) is not None
    return 'class="error-message"' in body


def check_answer(form: Form, field: Field, value: str, response, client: Client) -> list[str]:
    where = f"{form.action} (form on {form.page_url}), field {field.name!r}"
    status = response.status_code
    body = response.content.decode(errors="replace")
    problems = []
    if status >= 500:
        return [f"{where}: answered {status}"]
    if SCRIPT in body:
        problems.append(f"{where}: the script tag appears unescaped in the answer")
    if status == 200:
        if value == LONG:
            if field.type == "password":
                if "error-summary" not in body:
                    problems.append(f"{where}: 10,000 characters accepted without a message")
            elif not error_next_to(field, body):
                problems.append(f"{where}: no error message next to the field for 10,000 chars")
        elif field.type != "password" and html.escape(value) not in body:
            problems.append(f"{where}: what was typed is not shown again")
    elif status in {301, 302, 303}:
        if value == LONG and field.tag == "input":
            problems.append(f"{where}: 10,000 characters accepted in a one-line field")
        target = local_path(response["Location"], form.action)
        if target:
            shown = client.get(target)
            if shown.status_code >= 500:
                problems.append(f"{where}: the page after saving ({target}) answered 500")
            elif SCRIPT in shown.content.decode(errors="replace"):
                problems.append(f"{where}: the saved script tag runs on {target}")
    elif status not in {400, 403, 404}:
        problems.append(f"{where}: unexpected answer {status}")
    return problems


@pytest.mark.parametrize("identity", ["anonymous", "coordinator", "region_admin"])
def test_bad_input_in_any_form_gets_a_clear_answer(identity: str, world: World):
    client = Client()
    user = world.user_for(identity)
    if user is not None:
        client.force_login(user)
    forms = forms_found_by(client, identity)
    expected = EXPECTED_FORMS[identity]
    reached = {url_name_of(form.action_path) for form in forms}
    assert expected <= reached, f"the crawl did not find the forms {expected - reached}"

    session = client.cookies.get(settings.SESSION_COOKIE_NAME)
    session_key = session.value if session else None
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
                if session_key:  # a rolled-back log-in or password change must not log us out
                    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    assert submissions >= len(forms) * len(BAD_VALUES)
    assert not problems, f"{len(problems)} problem(s) as {identity}:\n" + "\n".join(problems)
