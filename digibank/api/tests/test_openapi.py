import importlib
import json

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from ninja import Router

from digibank.core.api_errors import ErrorCode, ErrorOut

pytestmark = pytest.mark.django_db


def api_operation_paths() -> set[str]:
    """Every endpoint routed under the `api` namespace, written the way OpenAPI writes paths."""
    paths = set()
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "api":
            for inner in pattern.url_patterns:
                if not isinstance(inner, URLPattern) or inner.name in {
                    "api-root",
                    "openapi-json",
                    "unknown_path",
                }:
                    continue
                route = str(inner.pattern).replace("<", "{").replace(">", "}")
                paths.add(f"/{pattern.pattern}{route}")
    return paths


def test_it_serves_the_openapi_document_without_a_token(client):
    response = client.get(reverse("api:openapi-json"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Digibank API"


def test_it_lists_every_endpoint_in_the_openapi_document(client):
    document = client.get(reverse("api:openapi-json")).json()

    assert "/api/me" in document["paths"]
    assert api_operation_paths() <= set(document["paths"])


def test_it_declares_bearer_authentication_on_the_endpoints(client):
    document = client.get(reverse("api:openapi-json")).json()

    schemes = document["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["TokenAuth"].items()
    assert document["paths"]["/api/me"]["get"]["security"] == [{"TokenAuth": []}]


def test_it_serves_no_interactive_docs_page_that_would_need_a_cdn(client):
    assert client.get("/api/docs").status_code == 404


ERROR_SCHEMA = "#/components/schemas/ErrorOut"
BODY_METHODS = {"post", "put", "patch"}


def operations(document: dict):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def json_schema_ref(answer_or_body: dict) -> str | None:
    return (
        answer_or_body.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
    )


def routers() -> list[Router]:
    """Each app's router (`<app>/api.py`), found through the installed apps."""
    found = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.api")
        except ModuleNotFoundError:
            continue
        if isinstance(getattr(module, "router", None), Router):
            found.append(module.router)
    return found


def test_every_operation_that_takes_a_body_reads_it_through_a_schema():
    """A body parsed by hand would not be validated, nor be listed in the document."""
    checked = 0
    for router in routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                if BODY_METHODS & {method.lower() for method in operation.methods}:
                    sources = {model.__ninja_param_source__ for model in operation.models}
                    assert "body" in sources, operation.view_func.__qualname__
                    checked += 1
    assert checked >= 2


def test_every_body_and_every_answer_has_a_schema(client):
    document = client.get(reverse("api:openapi-json")).json()
    schemas = document["components"]["schemas"]

    for path, method, operation in operations(document):
        where = f"{method.upper()} {path}"
        if method in BODY_METHODS:
            body = operation.get("requestBody", {})
            assert body.get("required"), where
            assert set(body["content"]) == {"application/json"}, where
            assert json_schema_ref(body).split("/")[-1] in schemas, where
        successes = [code for code in operation["responses"] if code.startswith("2")]
        assert len(successes) == 1, where
        success = json_schema_ref(operation["responses"][successes[0]])
        assert success and success != ERROR_SCHEMA, where
        assert success.split("/")[-1] in schemas, where


def test_every_error_answer_points_to_the_one_error_schema(client):
    document = client.get(reverse("api:openapi-json")).json()

    for path, method, operation in operations(document):
        where = f"{method.upper()} {path}"
        errors = {code for code in operation["responses"] if not code.startswith("2")}
        # A public operation takes no token, so no wrong token either (nor its throttling).
        expected = {"401", "429"} if operation.get("security") else set()
        if path.startswith("/api/digibanks/{digibank}/"):
            expected |= {"403", "404", "422"}
        if method in BODY_METHODS:
            expected |= {"400", "422"}
        assert expected <= errors, where
        for code in errors:
            assert json_schema_ref(operation["responses"][code]) == ERROR_SCHEMA, (where, code)


def test_the_error_schema_lists_every_code_and_gives_an_example(client):
    schemas = client.get(reverse("api:openapi-json")).json()["components"]["schemas"]

    assert set(schemas["ErrorCode"]["enum"]) == {code.value for code in ErrorCode}
    assert set(schemas["ErrorDetail"]["properties"]) == {"code", "message", "fields", "duplicates"}
    example = schemas["ErrorOut"]["example"]
    assert ErrorOut.model_validate(example).model_dump(mode="json") == example


# Endpoints that answer one set of figures, not a list of rows.
FIGURES = {"/api/digibanks/{digibank}/help/visit-counts"}


def test_every_list_answers_a_page_with_its_cursors(client):
    document = client.get(reverse("api:openapi-json")).json()
    schemas = document["components"]["schemas"]
    lists = 0

    for path, method, operation in operations(document):
        if method != "get" or path.endswith("}") or not path.startswith("/api/digibanks/"):
            continue
        if path in FIGURES:
            continue
        lists += 1
        page = schemas[json_schema_ref(operation["responses"]["200"]).split("/")[-1]]
        assert {"items", "next_after", "previous_before"} <= set(page["properties"]), path
        parameters = {parameter["name"] for parameter in operation["parameters"]}
        assert {"after", "before", "limit"} <= parameters, path
    assert lists >= 6
