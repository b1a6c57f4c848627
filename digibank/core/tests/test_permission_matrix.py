"""Every URL × every role × own / other digibank's object → the expected answer; and every URL ×
every pair of digibank roles held by one user → the answer of the more permissive role.

The list of URLs comes from the URL configuration itself: a URL added without a spec in its app's
`tests/permission_spec.py` fails `test_every_url_has_a_spec`.
"""

from __future__ import annotations

import importlib
import json
from itertools import combinations
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from digibank.core import services
from digibank.core.tests.matrix import ACCOUNT, API, PUBLIC, REGION, STAFF, Spec
from digibank.testing import REGION_ROLES, ROLES, World

ALL_ROLES = ["anonymous", "outsider", *ROLES, *REGION_ROLES]
ROLE_PAIRS = list(combinations(ROLES, 2))


def url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                if pattern.namespace and namespace:
                    inner = f"{namespace}:{pattern.namespace}"
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def all_specs() -> dict[str, Spec]:
    specs: dict[str, Spec] = {}
    for app in settings.INSTALLED_APPS:
        if not app.startswith("digibank."):
            continue
        try:
            module = importlib.import_module(f"{app}.tests.permission_spec")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.tests.permission_spec":
                raise
            continue
        duplicated = specs.keys() & module.SPECS.keys()
        assert not duplicated, f"URL names specified twice: {duplicated}"
        specs.update(module.SPECS)
    return specs


SPECS = all_specs()


def test_every_url_has_a_spec():
    missing = url_names() - SPECS.keys()
    assert not missing, f"URLs without a permission spec: {sorted(missing)}"


def test_every_spec_names_a_real_url():
    unknown = SPECS.keys() - url_names()
    assert not unknown, f"Specs for URLs that do not exist: {sorted(unknown)}"


def test_every_view_is_declared_in_the_permission_layer():
    undeclared = []

    def walk(patterns: list) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "api":
                    continue  # the API checks each call with `api_access`, covered below
                walk(pattern.url_patterns)
            elif getattr(pattern.callback, "permission_kind", None) is None:
                undeclared.append(str(pattern.pattern))

    walk(get_resolver().url_patterns)
    assert not undeclared, f"Views without a permission decorator: {undeclared}"


def expected_status(spec: Spec, role: str, case: str) -> set[int]:
    """What `role` must get for `case` ('own', 'foreign_object' or 'other')."""
    if spec.expect is not None:
        return spec.expect(role, case)
    anonymous = role == "anonymous"
    if spec.kind == PUBLIC:
        return set(spec.success_codes) if case == "own" else {404}
    if spec.kind == API:
        if anonymous:
            return {401}
        return _tenant_rule(spec, role, case)
    if anonymous:
        return {302}
    if spec.kind == ACCOUNT:
        return set(spec.success_codes) if case == "own" else {404}
    if spec.kind == REGION:
        if case != "own" or role not in REGION_ROLES:
            return {404}
        return set(spec.success_codes) if role in spec.allowed else {403}
    assert spec.kind == STAFF
    return _tenant_rule(spec, role, case)


def _tenant_rule(spec: Spec, role: str, case: str) -> set[int]:
    """Another digibank is a 404 for everyone; a role without the permission is refused (403)
    before any object is looked up; a foreign object under one's own digibank is a 404."""
    if role not in ROLES or case == "other":
        return {404}
    if role not in spec.allowed:
        return {403}
    return set(spec.success_codes) if case == "own" else {404}


def cases_for(spec: Spec, world: World) -> list[tuple[str, Any, Any]]:
    cases = [("own", world.a, world.a)]
    if spec.kind in (STAFF, API, REGION):
        cases.append(("other", world.b, world.b))
    if spec.has_object:
        cases.append(("foreign_object", world.a, world.b))
    return cases


def request(client: Client, spec: Spec, url: str, world: World, token: str | None) -> int:
    extra = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = spec.data(world) if spec.data else {}
    if spec.kind == API and spec.method != "get":
        # The API reads JSON bodies only.
        response = getattr(client, spec.method)(
            url, data=json.dumps(data), content_type="application/json", **extra
        )
    else:
        response = getattr(client, spec.method)(url, data=data, **extra)
    return response.status_code


@pytest.mark.parametrize("name", sorted(SPECS))
def test_permission_matrix(name, world: World):
    spec = SPECS[name]
    failures = []
    for role in ALL_ROLES:
        user = world.user_for(role)
        client = Client()
        token = None
        if user is not None:
            if spec.kind == API:
                token = services.create_api_token(user=user, name="matrix")
            else:
                client.force_login(user)
        for case, slug_bank, object_bank in cases_for(spec, world):
            if spec.kind == REGION and case == "other":
                kwargs = {**spec.kwargs(slug_bank, object_bank), "region": world.other_region.slug}
            else:
                kwargs = spec.kwargs(slug_bank, object_bank)
            url = reverse(name, kwargs=kwargs)
            with transaction.atomic():
                status = request(client, spec, url, world, token)
                transaction.set_rollback(True)
            wanted = expected_status(spec, role, case)
            if status not in wanted:
                failures.append(
                    f"{role:>15} {case:<15} {spec.method.upper()} {url}: {status} ≠ {wanted}"
                )
    assert not failures, "\n".join(failures)


def expected_for_pair(spec: Spec, pair: tuple[str, ...]) -> set[int]:
    """A user holding two roles gets what the more permissive one gets: a role only adds."""
    answers = [expected_status(spec, role, "own") for role in pair]
    allowed = [answer for answer in answers if answer != {403}]
    return set().union(*allowed) if allowed else {403}


def test_a_pair_of_roles_gets_what_the_more_permissive_role_gets():
    spec = Spec(kind=STAFF, allowed=frozenset({"coordinator"}))
    assert expected_for_pair(spec, ("coordinator", "analyst")) == {200}
    assert expected_for_pair(spec, ("technician", "analyst")) == {403}


@pytest.mark.parametrize(
    "name", sorted(name for name, spec in SPECS.items() if spec.kind in (STAFF, API))
)
def test_permission_matrix_for_role_pairs(name, world: World):
    """One request per URL per pair of roles, for the user's own digibank (the tenant rules do not
    depend on how many roles a user holds; the content of the answers is checked in
    test_permission_content.py)."""
    spec = SPECS[name]
    failures = []
    for pair in ROLE_PAIRS:
        user = world.user_with_roles(*pair)
        client = Client()
        token = None
        if spec.kind == API:
            token = services.create_api_token(user=user, name="matrix")
        else:
            client.force_login(user)
        url = reverse(name, kwargs=spec.kwargs(world.a, world.a))
        with transaction.atomic():
            status = request(client, spec, url, world, token)
            transaction.set_rollback(True)
        wanted = expected_for_pair(spec, pair)
        if status not in wanted:
            failures.append(
                f"{'+'.join(pair):>30} {spec.method.upper()} {url}: {status} ≠ {wanted}"
            )
    assert not failures, "\n".join(failures)
