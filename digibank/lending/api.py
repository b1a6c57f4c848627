"""The device requests API: a referrer's system asks for a device for a resident and follows the
request; the same roles and scoping as the pages (a referrer sees only their partner's people)."""

from __future__ import annotations

import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import ConfigDict

from digibank.core import audit
from digibank.core.api_errors import BODY_ERRORS, TENANT_ERRORS, with_errors
from digibank.core.errors import DomainError
from digibank.core.fields import max_length
from digibank.core.models import AuditAction
from digibank.core.pagination import Cursor, KeysetPage, Page
from digibank.devices.models import Accessory, KeyboardLayout
from digibank.lending import queries, services
from digibank.lending.models import DeviceRequest, RequestSource, RequestStatus
from digibank.lending.models.requests import WANTED_KIND_CHOICES, Need
from digibank.organisations.permissions import ApiRequest, Perm, api_access
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
        return obj.eligibility_rule.code if obj.eligibility_rule else None


class RequestDetailOut(RequestOut):
    keyboard_layout: str
    accessories_wanted: list[str]
    accessibility_needs: str
    household_note: str
    referrer_partner_id: int | None
    waiting_position: int | None = Field(
        None, description="The place on the digibank's waiting list, while waiting."
    )


class RequestPage(Page):
    items: list[RequestOut]


class RequestFilters(Cursor):
    status: RequestStatus | None = None


class RequestIn(Schema):
    """What a referrer's system sends to ask for a device for a resident it may see. A field that
    is not listed here is refused."""

    model_config = ConfigDict(extra="forbid")

    person: int = Field(..., description="Id of the resident (see the people endpoints).")
    needs: list[str] = Field(
        ...,
        min_length=1,
        description="What the device is for: at least one.",
        json_schema_extra={"items": {"type": "string", "enum": list(Need.values)}},
    )
    device_kind: str = Field(
        "",
        description="The kind of device wanted; empty: not sure.",
        json_schema_extra={"enum": ["", *(kind for kind, _label in WANTED_KIND_CHOICES)]},
    )
    keyboard_layout: str = Field(
        "", json_schema_extra={"enum": list(KeyboardLayout.values)}, description="Empty: any."
    )
    accessories_wanted: list[str] = Field(
        [], json_schema_extra={"items": {"type": "string", "enum": list(Accessory.values)}}
    )
    accessibility_needs: str = Field(
        "", max_length=max_length(DeviceRequest, "accessibility_needs")
    )
    household_note: str = Field("", max_length=max_length(DeviceRequest, "household_note"))


def _detail(access: Any, request_id: int) -> DeviceRequest:
    """A request the user may see, with its place on the waiting list while waiting."""
    found = get_object_or_404(
        queries.with_list_details(queries.requests_for(access)), pk=request_id
    )
    # Computed for this answer only, read by RequestDetailOut (not a model field).
    position = None
    if found.status == RequestStatus.WAITING:
        places = queries.waiting_places(access, [found])
        position = places[0].position if places else None
    found.waiting_position = position  # type: ignore[attr-defined]  # see the line above
    return found


@router.get(
    "requests",
    response=with_errors({200: RequestPage}, *TENANT_ERRORS),
    summary="Device requests you may see, newest first",
    description="Filter with `status`.",
)
def list_requests(
    request: ApiRequest, filters: Query[RequestFilters], digibank: str = DIGIBANK
) -> KeysetPage:
    access = api_access(request, digibank, Perm.VIEW_REQUESTS)
    found = queries.search_requests(queries.requests_for(access), status=filters.status or "")
    return filters.page(queries.with_list_details(found))


@router.get(
    "requests/{request_id}",
    response=with_errors({200: RequestDetailOut}, *TENANT_ERRORS),
    summary="One device request (the look is recorded in the audit trail)",
)
def get_request(request: ApiRequest, request_id: int, digibank: str = DIGIBANK) -> Any:
    access = api_access(request, digibank, Perm.VIEW_REQUESTS)
    found = _detail(access, request_id)
    audit.record(
        actor=request.auth,
        action=AuditAction.VIEW,
        obj=found,
        digibank=access.digibank,
    )
    return found


@router.post(
    "requests",
    response=with_errors({201: RequestDetailOut}, *TENANT_ERRORS, *BODY_ERRORS),
    summary="Ask for a device for a resident",
    description=(
        "The resident must be one you may see; a referrer asks only for the people their "
        "partner referred. The resident gets the reference code by text message or email when "
        "they agreed to be contacted. Invalid fields answer 422 with a message per field."
    ),
)
def create_request(request: ApiRequest, payload: RequestIn, digibank: str = DIGIBANK) -> Any:
    access = api_access(request, digibank, Perm.SUBMIT_REQUESTS)
    person = people_for(access, Perm.SUBMIT_REQUESTS).filter(pk=payload.person).first()
    if person is None:
        raise DomainError(_("Choose a resident you may see."), field="person")
    created = services.submit_request(
        digibank=access.digibank,
        person=person,
        by=access,
        needs=payload.needs,
        device_kind=payload.device_kind,
        keyboard_layout=payload.keyboard_layout,
        accessories_wanted=payload.accessories_wanted,
        accessibility_needs=payload.accessibility_needs,
        household_note=payload.household_note,
        source=RequestSource.API,
    )
    return Status(201, _detail(access, created.pk))
