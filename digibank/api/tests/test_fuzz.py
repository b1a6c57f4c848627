"""The API fuzzed from its own OpenAPI document with schemathesis: every operation, as a
coordinator of digibank A and as a coordinator of digibank B (for whom every path under A must
answer 404), with valid and invalid parameters and bodies.

Each answer must not be a server error, must have a status the document lists for the operation,
a body that matches the schema of that status (and a JSON content type), and the documented
headers; invalid input must be refused (4xx), an undocumented method answers 405 with `Allow`,
and the call without the token, or with a wrong one, answers 401.

Schemathesis runs in-process on Django's WSGI handler (no network, no server), with a fixed seed
and a bounded number of examples per operation, so a run is repeatable and takes about a minute.
`positive_data_acceptance` is left out on purpose: a body can match the schema and still be
refused by a rule across fields (a phone number when the contact method is `phone`, a resident
the caller may see), which the API answers with a documented 422.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    allow_header_conformance,
    content_type_conformance,
    ignored_auth,
    missing_required_header,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from digibank.api.api import api
from digibank.core.models import ApiToken
from digibank.core.services import create_api_token
from digibank.testing import World

pytestmark = pytest.mark.django_db

CONFIG = {
    "seed": 20261203,
    "generation": {"max-examples": 25, "deterministic": True},
    # Every path is asked under digibank A: its own digibank for the first coordinator, another
    # digibank (404 whatever the rest of the request) for the second.
    "parameters": {"path.digibank": "mechelen"},
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
    missing_required_header,
    unsupported_method,
    allow_header_conformance,
    ignored_auth,
]
# Schemathesis builds part of its cases while collecting, before any test database exists, so the
# tokens' keys are fixed in advance and the `tokens` fixture stores them for the two users.
OWN_KEY = "dgb_fuzzing-coordinator-of-digibank-a"
OTHER_KEY = "dgb_fuzzing-coordinator-of-digibank-b"


def schema_with_token(key: str) -> Any:
    schema = schemathesis.openapi.from_dict(
        api.get_openapi_schema(), config=SchemathesisConfig.from_dict(CONFIG)
    )
    schema.app = WSGIHandler()

    @schema.auth(refresh_interval=None)
    class Bearer:
        def get(self, case: Any, ctx: Any) -> str:
            return key

        def set(self, case: Any, data: str, ctx: Any) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    return schema


AS_COORDINATOR = schema_with_token(OWN_KEY)
AS_OTHER_COORDINATOR = schema_with_token(OTHER_KEY)
FUZZ_SETTINGS = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """Django's test client keeps the test's transaction by not closing old connections around a
    request; schemathesis calls the WSGI handler itself, so do the same here. Otherwise the end of
    the first request closes PostgreSQL's connection (it is not in autocommit inside the test's
    transaction) and every later query fails."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    for user, key in [
        (world.users["coordinator"], OWN_KEY),
        (world.other_users["coordinator"], OTHER_KEY),
    ]:
        monkeypatch.setattr(ApiToken, "generate_key", staticmethod(lambda key=key: key))
        create_api_token(user=user, name="fuzzing")


@AS_COORDINATOR.parametrize()
@FUZZ_SETTINGS
def test_every_operation_answers_as_documented_for_a_coordinator(case: Any, tokens: None):
    case.call_and_validate(checks=CHECKS)


@AS_OTHER_COORDINATOR.parametrize()
@FUZZ_SETTINGS
def test_every_operation_answers_as_documented_for_another_digibanks_coordinator(
    case: Any, tokens: None
):
    case.call_and_validate(checks=CHECKS)
