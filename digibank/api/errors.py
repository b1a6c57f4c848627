"""The API's one exception handler: every refusal answers the one error shape (`ErrorOut`).

ninja's own handlers answer `{"detail": ...}` in three different forms and leave Django's
`PermissionDenied` to Django's HTML 403 page; these replace them. A known path called with a
method it does not serve never reaches an exception handler (ninja answers a plain-text 405 from
the URL's view), so `answer_wrong_methods` wraps those views. A server fault (500) is left to
Django, so it is logged and reported as any other.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.urls import URLPattern, URLResolver
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from digibank.core.api_errors import ApiError, error_body
from digibank.core.errors import DomainError

# ninja says where a value came from first ("body", "query", "path"). Query and path schemas are
# flattened, so the field follows; a body is always one schema, so the view's parameter name for it
# (e.g. "payload") follows, then the field. A list item adds its index, which is left out.
_SOURCES = {"body", "query", "path", "form", "header", "cookie"}


def _field_name(location: tuple[Any, ...]) -> str:
    parts = list(location)
    source = parts.pop(0) if parts and parts[0] in _SOURCES else None
    if source == "body" and parts:
        parts.pop(0)
    names = [str(part) for part in parts if not isinstance(part, int)]
    return names[0] if names else "__all__"


def _message_for(problem: dict[str, Any]) -> str:
    kind = problem.get("type", "")
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("This field is unknown.")
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return _("Send a JSON object.")
    if kind in {"enum", "literal_error"}:
        return _("Choose one of: %(choices)s.") % {
            "choices": str(problem.get("ctx", {}).get("expected", ""))
        }
    return _("This value is not valid.")


def validation_fields(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    """ninja's validation errors as one list of translated messages per field."""
    fields: dict[str, list[str]] = {}
    for problem in errors:
        name = _field_name(tuple(problem.get("loc", ())))
        message = _message_for(problem)
        if message not in fields.setdefault(name, []):
            fields[name].append(message)
    return fields


def _answer(
    api: NinjaAPI, request: HttpRequest, status: int, message: str, **extra: Any
) -> HttpResponse:
    return api.create_response(request, error_body(status, message, **extra), status=status)


def install_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's error answers with the one shape."""

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        fields = {exc.field: [exc.message]} if exc.field else {}
        return _answer(api, request, 422, exc.message, fields=fields)

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return _answer(
            api, request, exc.status, exc.message, fields=exc.fields, duplicates=exc.duplicates
        )

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        fields = validation_fields(exc.errors)
        return _answer(api, request, 422, _("Some fields are not valid."), fields=fields)

    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = _("Send a valid API token: Authorization: Bearer <token>.")
        response = _answer(api, request, 401, message)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return _answer(api, request, 403, _("Your roles in this digibank do not allow this."))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        # The same words whether the thing does not exist or belongs to another digibank.
        return _answer(api, request, 404, _("Not found."))

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024
        message = _("The body is too large: send at most %(size)d kB.") % {"size": limit}
        return _answer(api, request, 413, message)

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = _answer(api, request, 429, _("Too many requests: wait a moment and try again."))
        if exc.wait is not None:
            response["Retry-After"] = str(exc.wait)
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:
            # ninja's only 400: the body could not be read as JSON.
            return _answer(api, request, 400, _("Send the body as a JSON object."))
        return _answer(api, request, exc.status_code, _("The API cannot answer this call."))


def _wrong_method(
    api: NinjaAPI, request: HttpRequest, response: HttpResponseBase
) -> HttpResponseBase:
    if not isinstance(response, HttpResponseNotAllowed):
        return response
    message = _("This address does not answer %(method)s. Use %(allowed)s.") % {
        "method": request.method,
        "allowed": response["Allow"],
    }
    answer = _answer(api, request, 405, message)
    answer["Allow"] = response["Allow"]
    return answer


def _in_shape(api: NinjaAPI, view: Callable[..., Any]) -> Callable[..., Any]:
    if inspect.iscoroutinefunction(view):

        @functools.wraps(view)
        async def async_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            return _wrong_method(api, request, await view(request, *args, **kwargs))

        return async_view

    @functools.wraps(view)
    def sync_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return _wrong_method(api, request, view(request, *args, **kwargs))

    return sync_view


def answer_wrong_methods(
    api: NinjaAPI, patterns: list[URLPattern | URLResolver]
) -> list[URLPattern | URLResolver]:
    """The API's URL patterns, each answering a method it does not serve with the one error shape
    (405, `method_not_allowed`, the `Allow` header kept) instead of ninja's plain-text 405."""
    result: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            view = _in_shape(api, pattern.callback)
            pattern = URLPattern(pattern.pattern, view, pattern.default_args, pattern.name)
        result.append(pattern)
    return result
