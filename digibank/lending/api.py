"""The device requests API: a referrer's system asks for a device for a resident and follows the
request; the same roles and scoping as the pages (a referrer sees only their partner's people)."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from pydantic import ValidationError

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.lending import queries, services
from digibank.lending.models import DeviceRequest, RequestSource, RequestStatus
from digibank.organisations.permissions import Perm, api_access
from digibank.people.queries import people_for

router = Router(tags=["device requests"])

DIGIBANK = Path(..., description="The digibank's short name, as in its web addresses.")


class RequestOut(Schema):
    id: int
    reference: str = Field(..., description="The code the resident uses on the status page.")
    status: str = Field(..., description=f"One of: {', '.join(RequestStatus.values)}.")
    status_label: str
    person_id: int | None = Field(..., description="Empty (null) once the resident was erased.")
    needs: list[str]
    device_kind: str = Field(..., description="Empty when the kind is not chosen yet.")
    eligibility_rule: str | None = Field(None, description="Code of the rule that applies.")
    submitted_at: datetime.datetime
    status_changed_at: datetime.datetime

    @staticmethod
    def resolve_reference(obj: DeviceRequest) -> str:
        return obj.reference_display

    @staticmethod
    def resolve_status_label(obj: DeviceRequest) -> str:
        return str(RequestStatus(obj.status).label)

    @staticmethod
    def resolve_eligibility_rule(obj: DeviceRequest) -> str | None:
        return obj.eligibility_rule.code if obj.eligibility_rule_id else None


class RequestDetailOut(RequestOut):
    keyboard_layout: str
    accessories_wanted: list[str]
    accessibility_needs: str
    household_note: str
    referrer_partner_id: int | None
    waiting_position: int | None = Field(
        None, description="The place on the digibank's waiting list, while waiting."
    )


class RequestIn(Schema):
    """What a referrer's system sends to ask for a device for a resident it may see."""

    person: int = Field(..., description="Id of the resident (see the people endpoints).")
    needs: list[str] = Field(
        ...,
        description="school, job_search, e_government, staying_in_touch and/or training.",
    )
    device_kind: str = Field(
        "", description="laptop, desktop, tablet, smartphone, hotspot, data_sim; empty: not sure."
    )
    keyboard_layout: str = ""
    accessories_wanted: list[str] = []
    accessibility_needs: str = ""
    household_note: str = ""


class ErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]]


def _detail(access: Any, request_id: int) -> DeviceRequest:
    """A request the user may see, with its place on the waiting list while waiting."""
    found = get_object_or_404(
        queries.with_list_details(queries.requests_for(access)), pk=request_id
    )
    found.waiting_position = None  # type: ignore[attr-defined]
    if found.status == RequestStatus.WAITING:
        places = queries.waiting_places(access, [found])
        found.waiting_position = places[0].position if places else None  # type: ignore[attr-defined]
    return found


@router.get(
    "requests",
    response=list[RequestOut],
    summary="Device requests you may see",
    description="Paginated (`page`), newest first; filter with `status`.",
)
@paginate(PageNumberPagination)
def list_requests(request: HttpRequest, digibank: str = DIGIBANK, status: str = "") -> Any:
    access = api_access(request, digibank, Perm.VIEW_REQUESTS)
    found = queries.search_requests(queries.requests_for(access), status=status[:20])
    return queries.with_list_details(found).order_by("-submitted_at", "-id")


@router.get(
    "requests/{request_id}",
    response=RequestDetailOut,
    summary="One device request (the look is recorded in the audit trail)",
)
def get_request(request: HttpRequest, request_id: int, digibank: str = DIGIBANK) -> Any:
    access = api_access(request, digibank, Perm.VIEW_REQUESTS)
    found = _detail(access, request_id)
    audit.record(
        actor=request.auth,  # type: ignore[attr-defined]
        action=AuditAction.VIEW,
        obj=found,
        digibank=access.digibank,
    )
    return found


LIST_FIELDS = ("needs", "accessories_wanted")


def _read_body(request: HttpRequest) -> dict[str, Any] | None:
    """The JSON object sent (form-encoded data is accepted too); None when it is not readable."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return None
        return data if isinstance(data, dict) else None
    return {
        key: values if key in LIST_FIELDS or len(values) > 1 else values[0]
        for key, values in request.POST.lists()
    }


def _invalid(errors: dict[str, list[str]]) -> Status:
    return Status(422, {"detail": _("Some fields are not valid."), "errors": errors})


@router.post(
    "requests",
    response={201: RequestDetailOut, 422: ErrorsOut},
    summary="Ask for a device for a resident",
    description=(
        "The resident must be one you may see; a referrer asks only for the people their "
        "partner referred. The resident gets the reference code by text message or email when "
        "they agreed to be contacted. Invalid fields answer 422 with a message per field."
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": RequestIn.model_json_schema()}},
        }
    },
)
def create_request(request: HttpRequest, digibank: str = DIGIBANK) -> Any:
    access = api_access(request, digibank, Perm.SUBMIT_REQUESTS)
    body = _read_body(request)
    if body is None:
        return _invalid({"__all__": [_("Send a JSON object.")]})
    unknown = sorted(set(body) - set(RequestIn.model_fields))
    if unknown:
        return _invalid({name: [_("This field is unknown.")] for name in unknown})
    try:
        values = RequestIn.model_validate(body)
    except ValidationError as error:
        errors: dict[str, list[str]] = {}
        for problem in error.errors():
            name = str(problem["loc"][0]) if problem["loc"] else "__all__"
            errors.setdefault(name, []).append(_("This value is not valid."))
        return _invalid(errors)
    person = people_for(access).filter(pk=values.person).first()
    if person is None:
        return _invalid({"person": [_("Choose a resident you may see.")]})
    try:
        created = services.submit_request(
            digibank=access.digibank,
            person=person,
            by=request.auth,  # type: ignore[attr-defined]
            needs=values.needs,
            device_kind=values.device_kind,
            keyboard_layout=values.keyboard_layout,
            accessories_wanted=values.accessories_wanted,
            accessibility_needs=values.accessibility_needs,
            household_note=values.household_note,
            source=RequestSource.API,
        )
    except DomainError as error:
        return Status(
            422, {"detail": error.message, "errors": {error.field or "__all__": [error.message]}}
        )
    return Status(201, _detail(access, created.pk))
