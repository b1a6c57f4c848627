"""The security headers on every URL of the permission matrix, one request each (issue 9, points
5 and 6): the strict Content-Security-Policy, HSTS, the other hardening headers, and
`Cache-Control: no-store, private` on everything that is not a public page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import reverse

from digibank.core import services
from digibank.core.tests.matrix import ACCOUNT, API, PUBLIC, REGION, Spec
from digibank.core.tests.test_permission_matrix import SPECS
from digibank.organisations.public_api import PUBLIC_OPERATIONS
from digibank.testing import REGION_ROLES, World

CSP_DIRECTIVES = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}


def role_for(spec: Spec) -> str:
    """Someone the URL serves, so the answer is the page itself where there is one."""
    if spec.kind == PUBLIC:
        return "anonymous"
    if spec.kind == ACCOUNT:
        return "coordinator"
    if spec.kind == REGION:
        return min(spec.allowed) if spec.allowed else REGION_ROLES[0]
    return min(spec.allowed) if spec.allowed else "coordinator"


def answer(name: str, world: World) -> HttpResponse:
    spec = SPECS[name]
    user = world.user_for(role_for(spec))
    client = Client()
    extra: dict[str, str] = {}
    if user is not None and spec.kind == API:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {services.create_api_token(user=user, name='h')}"
    elif user is not None:
        client.force_login(user)
    url = reverse(name, kwargs=spec.kwargs(world.a, world.a))
    data = spec.data(world) if spec.data else {}
    with transaction.atomic():
        if spec.kind == API and spec.method != "get":
            response = getattr(client, spec.method)(
                url, data=json.dumps(data), content_type="application/json", secure=True, **extra
            )
        else:
            response = getattr(client, spec.method)(url, data=data, secure=True, **extra)
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_answer_carries_the_security_headers(name: str, world: World):
    response = answer(name, world)
    policy = response["Content-Security-Policy"]
    assert set(policy.split("; ")) >= CSP_DIRECTIVES, policy
    assert "unsafe" not in policy and "http" not in policy and "*" not in policy, policy
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_only_public_pages_may_be_cached(name: str, world: World):
    """Staff, region and account pages, PDFs, exports and every API answer but the public hub
    list and hub: no-store. A public page keeps the caching its view chose (the log-in page's own
    `never_cache`, for one)."""
    response = answer(name, world)
    public_api = name.removeprefix("api:") in PUBLIC_OPERATIONS
    if SPECS[name].kind == PUBLIC and (public_api or not name.startswith("api:")):
        assert response.get("Cache-Control") != "no-store, private", name
    else:
        assert response["Cache-Control"] == "no-store, private", name


def test_an_anonymous_public_page_may_be_cached(db):
    response = Client().get(reverse("portal:home"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_public_page_asked_for_by_a_logged_in_user_is_not_cached(world: World):
    client = Client()
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_production_sends_plain_http_to_https(db):
    response = Client().get(reverse("portal:home"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


INLINE = re.compile(r"<style|<script(?![^>]*\ssrc=)|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_no_template_has_an_inline_style_or_script():
    """The policy blocks them, so one would silently do nothing: styles go in digibank.css."""
    root = Path(__file__).resolve().parents[2]
    templates = [
        path for path in root.rglob("*.html") if "templates" in path.parts or "jinja2" in path.parts
    ]
    assert len(templates) > 50
    found = [
        f"{path.relative_to(root)}: {match.group()}"
        for path in templates
        for match in INLINE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, found
