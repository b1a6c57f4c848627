"""One JSON API under /api/: each app adds its router here; the OpenAPI document is generated."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI, Router, Schema

from digibank.api.auth import TokenAuth
from digibank.api.errors import answer_wrong_methods, install_error_handlers
from digibank.core.api_errors import with_errors
from digibank.organisations.permissions import (
    ApiRequest,
    access_for,
    digibanks_for,
    public_view,
)
from digibank.organisations.public_api import PUBLIC_OPERATIONS


class DigibankApi(NinjaAPI):
    """ninja's API whose URLs answer a method they do not serve with the one error shape too."""

    @property
    def urls(self) -> tuple[list[URLPattern | URLResolver], str, str]:
        patterns, app_name, namespace = super().urls
        patterns = answer_wrong_methods(self, patterns)
        for pattern in patterns:
            # Without a token, for anyone: marked as a public page is, so an anonymous caller's
            # answer keeps the caching the endpoint chose (`core.security`).
            if isinstance(pattern, URLPattern) and pattern.name in PUBLIC_OPERATIONS:
                public_view(pattern.callback)
        return patterns, app_name, namespace


api = DigibankApi(
    title="Digibank API",
    version="1",
    description=(
        "The JSON API of Digibank. Authenticate with a personal token "
        "(`Authorization: Bearer <token>`), made in the staff area under 'API tokens'. "
        "Every endpoint applies the same roles and digibank scoping as the web pages: "
        "an object of another digibank answers 404. Bodies and answers are JSON. Every error "
        'answers `{"error": {"code", "message", "fields", "duplicates"}}` '
        "(schema `ErrorOut`): `code` for programs, `message` translated (Accept-Language), "
        "`fields` a message per field to correct. Lists are read newest first, in pages: send "
        "the answer's `next_after` as `after` for the next page. This document, "
        "`/api/openapi.json`, is public: load it in any OpenAPI tool to browse the endpoints."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    # The OpenAPI document is public and needs no token. The interactive docs page is off: it is a
    # JavaScript-only page that loads Swagger UI from a CDN unless `ninja` is an installed app, and
    # every page we serve must work without JavaScript and without third-party hosts.
    docs_url=None,
    openapi_url="/openapi.json",
)
install_error_handlers(api)


class MembershipOut(Schema):
    digibank: str
    digibank_name: str
    roles: list[str]


class MeOut(Schema):
    username: str
    full_name: str
    digibanks: list[MembershipOut]


@api.get(
    "/me",
    response=with_errors({200: MeOut}, 401, 429),
    tags=["account"],
    summary="Who am I, and where may I act",
)
def me(request: ApiRequest) -> dict:
    user = request.auth
    result = []
    for bank in digibanks_for(user):
        access = access_for(user, bank)
        if access is None:  # a membership ended since the list was read
            continue
        result.append(
            {"digibank": bank.slug, "digibank_name": bank.name, "roles": sorted(access.roles)}
        )
    return {"username": user.username, "full_name": user.get_full_name(), "digibanks": result}


# Mounted last: a path under /api/ that no endpoint serves answers the one error shape too, instead
# of Django's HTML 404 page.
fallback = Router()


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "{path:rest}", auth=None, include_in_schema=False
)
def unknown_path(request: HttpRequest, rest: str) -> None:
    raise Http404


def register_routers() -> None:
    from digibank.devices.api import router as devices_router
    from digibank.help.api import public_router as help_public_router
    from digibank.help.api import router as help_router
    from digibank.help.visit_api import router as help_visits_router
    from digibank.insights.api import router as insights_router
    from digibank.lending.api import router as lending_router
    from digibank.organisations.api import router as organisations_router
    from digibank.organisations.public_api import router as public_hubs_router
    from digibank.people.api import router as people_router
    from digibank.skills.api import router as skills_router

    api.add_router("/", public_hubs_router)
    api.add_router("/digibanks/{digibank}/", organisations_router)
    api.add_router("/digibanks/{digibank}/", people_router)
    api.add_router("/digibanks/{digibank}/", devices_router)
    api.add_router("/digibanks/{digibank}/", lending_router)
    api.add_router("/digibanks/{digibank}/", insights_router)
    api.add_router("/digibanks/{digibank}/", skills_router)
    api.add_router("/digibanks/{digibank}/", help_router)
    api.add_router("/", help_public_router)
    api.add_router("/digibanks/{digibank}/", help_visits_router)
    api.add_router("/", fallback)


register_routers()
