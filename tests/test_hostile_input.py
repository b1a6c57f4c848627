"""Script and formula payloads in every text field of every form, then every page, PDF and export
read back: no payload as live markup, no export cell that a spreadsheet would run.

The lists come from the code, not from links: every URL of the permission matrix (the specs in
each app's `tests/permission_spec.py`, which `test_permission_matrix.py` checks against the URL
configuration) is asked by the first role that may use it, the forms on each page are filled
(`tests/hostile.py`), and once everything is saved each of these roles asks every page it may
see again. Nothing is rolled back between the two halves: the payloads must survive storage.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from digibank.core.tests.matrix import Spec
from digibank.core.tests.test_permission_matrix import SPECS, expected_status
from digibank.testing import World
from tests.crawler import NOT_FORMS_TO_FILL, SKIPPED_PREFIXES, Form, parse, url_name_of
from tests.hostile import (
    Submission,
    csv_cells,
    formula_cells,
    pdf_problems,
    submit_hostile,
    unescaped,
    xlsx_cells,
)

pytestmark = pytest.mark.django_db

# Who fills a page's forms: the first of these that may open it.
IDENTITIES = [
    "coordinator",
    "technician",
    "hub_volunteer",
    "trainer",
    "referrer",
    "analyst",
    "region_admin",
    "region_analyst",
    "anonymous",
]
# Forms not to fill: they end the session or would lock the test's own account.
LEFT_ALONE = NOT_FORMS_TO_FILL | {"login", "password_change", "password_reset"}
# Forms that must take the payloads, so a run that silently saves nothing fails.
MUST_SAVE = {
    "people:create",
    "people:edit",
    "devices:create",
    "devices:edit",
    "devices:donation_create",
    "lending:request_create",
    "organisations:hub_edit",
    "organisations:hub_exceptions",
    "organisations:partner_create",
    "portal:api_tokens",
    "region:digibank_edit",
}
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def client_for(world: World, identity: str) -> Client:
    client = Client()
    user = world.user_for(identity)
    if user is not None:
        client.force_login(user)
    return client


def opens(spec: Spec, identity: str) -> bool:
    return spec.method == "get" and expected_status(spec, identity, "own") == {200}


def pages_for(world: World, identity: str) -> list[str]:
    """Every URL of the matrix that answers `identity` with a page (200) for digibank A."""
    return [
        reverse(name, kwargs=spec.kwargs(world.a, world.a))
        for name, spec in sorted(SPECS.items())
        if opens(spec, identity) and not name.startswith("api:")
    ]


def forms_of(client: Client, url: str) -> list[Form]:
    response = client.get(url)
    if "text/html" not in response.get("Content-Type", ""):
        return []
    forms = parse(url, response.content.decode()).forms
    return [
        form
        for form in forms
        if form.method == "post"
        and form.text_fields
        and not form.action_path.startswith(SKIPPED_PREFIXES)
        and url_name_of(form.action_path) not in LEFT_ALONE
    ]


def fill_every_form(world: World) -> tuple[list[Submission], list[str]]:
    """Fill each kind of form once, as the first identity that may open its page; returns the
    submissions and the identities that filled forms."""
    submissions: list[Submission] = []
    done: set[tuple] = set()
    used: list[str] = []
    for identity in IDENTITIES:
        urls = pages_for(world, identity)
        client = client_for(world, identity)
        for url in urls:
            for form in forms_of(client, url):
                name = url_name_of(form.action_path) or form.action_path
                kind = (name, tuple(sorted(f.name for f in form.fields)))
                if kind in done:
                    continue
                done.add(kind)
                if identity not in used:
                    used.append(identity)
                submissions.append(submit_hostile(client, form, name))
    return submissions, used


def read_back(world: World, identities: list[str]) -> tuple[list[str], dict[str, int]]:
    """Every page each identity may open: the problems, and how often payloads were seen."""
    problems: list[str] = []
    seen = {"html": 0, "pdf": 0, "csv": 0, "xlsx": 0}
    world.a.digibank.refresh_from_db()  # the region admin may have given it another slug
    for identity in identities:
        client = client_for(world, identity)
        for url in pages_for(world, identity):
            response = client.get(url)
            where = f"{identity} GET {url}"
            if response.status_code >= 500:
                problems.append(f"{where}: answered {response.status_code}")
                continue
            kind = response.get("Content-Type", "").split(";")[0]
            content = b"".join(response) if response.streaming else response.content
            if kind == "text/html":
                body = content.decode(errors="replace")
                problems += [f"{where}: {tag} unescaped" for tag in unescaped(body)]
                seen["html"] += "alert(1)" in body
            elif kind == PDF:
                found_in_pdf, in_pdf = pdf_problems(where, content)
                problems += found_in_pdf
                seen["pdf"] += in_pdf
            elif kind in (CSV, XLSX):
                cells = csv_cells(content) if kind == CSV else xlsx_cells(content)
                found, hostile = formula_cells(where, cells)
                problems += found
                seen["csv" if kind == CSV else "xlsx"] += hostile
    return problems, seen


def test_no_payload_is_live_on_any_page_pdf_or_export(world: World):
    submissions, identities = fill_every_form(world)

    problems = [problem for s in submissions for problem in s.problems]
    saved = {s.url_name for s in submissions if s.saved and s.hostile_fields}
    assert saved >= MUST_SAVE, f"these forms did not save a payload: {MUST_SAVE - saved}"
    found, seen = read_back(world, identities)
    problems += found

    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)
    # The payloads did reach what was read: pages, both exports, and at least one PDF.
    assert seen["html"] >= 10 and seen["csv"] and seen["xlsx"] and seen["pdf"], seen
