"""The API's one error shape, shared by every app's router.

Every answer that is not a success has the body `{"error": {"code", "message", "fields",
"duplicates"}}`: `code` is for programs to branch on, `message` is translated for people, `fields`
names what to correct. The NinjaAPI's exception handler (`digibank/api/errors.py`) builds it from a
`DomainError`, a validation error, 401/403/404 and throttling; an endpoint that needs another
answer raises `ApiError`. Routers declare the answers with `with_errors(...)`, so the OpenAPI
document lists every error answer, each pointing to `ErrorOut`.

It lives in the base layer because the routers live in the domain apps, below the API assembly.
"""

from __future__ import annotations

import enum
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict


class ErrorCode(enum.StrEnum):
    BAD_REQUEST = "bad_request"  # 400: the body is not a JSON object
    UNAUTHORIZED = "unauthorized"  # 401: no token, or not a valid one
    FORBIDDEN = "forbidden"  # 403: the roles do not grant this
    NOT_FOUND = "not_found"  # 404: no such thing here, or not yours to see
    METHOD_NOT_ALLOWED = "method_not_allowed"  # 405
    POSSIBLE_DUPLICATE = "possible_duplicate"  # 409: see `duplicates`
    TOO_LARGE = "too_large"  # 413: the body is over DATA_UPLOAD_MAX_MEMORY_SIZE
    INVALID = "invalid"  # 422: a value or a business rule refused the request; see `fields`
    THROTTLED = "throttled"  # 429: too many requests; see the Retry-After header


STATUS_CODES: dict[int, ErrorCode] = {
    400: ErrorCode.BAD_REQUEST,
    401: ErrorCode.UNAUTHORIZED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    409: ErrorCode.POSSIBLE_DUPLICATE,
    413: ErrorCode.TOO_LARGE,
    422: ErrorCode.INVALID,
    429: ErrorCode.THROTTLED,
}


class ErrorDetail(Schema):
    code: ErrorCode = Field(..., description="Stable, for programs: what kind of error this is.")
    message: str = Field(..., description="For people, in the language asked (Accept-Language).")
    fields: dict[str, list[str]] = Field(
        default_factory=dict,
        description="A message per field to correct; `__all__` for the body as a whole.",
    )
    duplicates: list[int] = Field(
        default_factory=list,
        description="With `possible_duplicate`: ids of the records that seem to be the same.",
    )


class ErrorOut(Schema):
    """Every error answer of the API has this body."""

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "error": {
                    "code": "invalid",
                    "message": "Some fields are not valid.",
                    "fields": {"birth_year": ["This value is not valid."]},
                    "duplicates": [],
                }
            }
        }
    )

    error: ErrorDetail


class ApiError(Exception):
    """An answer other than success that is neither a `DomainError` nor a validation error."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        fields: dict[str, list[str]] | None = None,
        duplicates: list[int] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields or {}
        self.duplicates = duplicates or []


def error_body(
    status: int,
    message: str,
    *,
    fields: dict[str, list[str]] | None = None,
    duplicates: list[int] | None = None,
) -> dict[str, Any]:
    """The JSON body for an error answer, validated against `ErrorOut` as it is built."""
    detail = ErrorDetail(
        code=STATUS_CODES.get(status, ErrorCode.BAD_REQUEST),
        message=message,
        fields=fields or {},
        duplicates=duplicates or [],
    )
    return ErrorOut(error=detail).model_dump(mode="json")


# What every endpoint inside a digibank may answer besides success: no valid token, a role without
# the permission, a digibank or object that is not there for this user, a parameter that is not
# valid (or a rule that refuses the action), and too many wrong tokens from the client's address
# (429, `digibank.api.auth`).
TENANT_ERRORS = (401, 403, 404, 422, 429)
# An endpoint that takes a body may also answer 400 when the body is not JSON, and 413 when it is
# over DATA_UPLOAD_MAX_MEMORY_SIZE.
BODY_ERRORS = (400, 413)


def with_errors(success: dict[int, Any], *codes: int) -> dict[int, Any]:
    """`response=` for an operation: its success schema(s), and `ErrorOut` for each error code."""
    return {**success, **dict.fromkeys(sorted(codes), ErrorOut)}
