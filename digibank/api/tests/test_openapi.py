import json

import pytest
from django.urls import URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db


def api_operation_paths() -> set[str]:
    """Every endpoint routed under the `api` namespace, written the way OpenAPI writes paths."""
    paths = set()
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "api":
            for inner in pattern.url_patterns:
                if inner.name in {"api-root", "openapi-json"}:
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
