"""API of the training, mounted at /api/digibanks/{digibank}/: the module catalogue, sessions and
enrolments. A partner (adult education, the employment service) publishes its sessions with the
token of an account holding a trainer's or coordinator's role in the digibank."""

from __future__ import annotations

import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import ConfigDict

from digibank.core.api_errors import BODY_ERRORS, TENANT_ERRORS, with_errors
from digibank.core.errors import DomainError
from digibank.core.fields import max_length
from digibank.core.pagination import Cursor, KeysetPage, Page
from digibank.organisations.models import Hub, Language, Partner
from digibank.organisations.permissions import ApiRequest, Perm, api_access
from digibank.people.queries import people_for
from digibank.skills import services
from digibank.skills import session_queries as queries
from digibank.skills.models import Enrolment, EnrolmentChannel, EnrolmentStatus, Module, Session

router = Router(tags=["training"])

DIGIBANK = Path(..., description="The digibank's short name, as in its web addresses.")


class ModuleOut(Schema):
    id: int
    key: str
    title_nl: str
    title_fr: str
    title_en: str
    level: int
    duration_minutes: int
    language: str
    languages: list[str]
    provider_kind: str
    provider_name: str
    partner_id: int | None
    competences: list[str] = Field(..., description="Codes of the competences it teaches.")
    prerequisites: list[int] = Field(..., description="Ids of the modules to take first.")
    active: bool

    @staticmethod
    def resolve_competences(obj: Module) -> list[str]:
        return [competence.code for competence in obj.competences.all()]

    @staticmethod
    def resolve_prerequisites(obj: Module) -> list[int]:
        return [module.pk for module in obj.prerequisites.all()]


class ModulePage(Page):
    items: list[ModuleOut]


class DateOut(Schema):
    starts: datetime.datetime
    ends: datetime.datetime


class SessionOut(Schema):
    id: int
    module_id: int
    hub_id: int | None = Field(..., description="Null for a session given online only.")
    online_link: str
    partner_id: int | None
    capacity: int
    places_taken: int
    language: str
    accessibility_notes: str
    notes: str
    status: str = Field(..., description="scheduled or cancelled.")
    dates: list[DateOut]

    @staticmethod
    def resolve_places_taken(obj: Session) -> int:
        return obj.seats_taken

    @staticmethod
    def resolve_dates(obj: Session) -> list:
        return list(obj.dates.all())


class SessionPage(Page):
    items: list[SessionOut]


class DateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    starts: datetime.datetime = Field(..., description="With a time zone offset.")
    ends: datetime.datetime


class SessionIn(Schema):
    """A session to publish. A field that is not listed here is refused."""

    model_config = ConfigDict(extra="forbid")

    module: int = Field(..., description="Id of a module of the catalogue (see `modules`).")
    dates: list[DateIn] = Field(..., min_length=1, max_length=30)
    capacity: int = Field(..., ge=1, le=200)
    language: str = Field("nl", json_schema_extra={"enum": list(Language.values)})
    hub: int | None = Field(None, description="Id of a hub; null for a session online only.")
    online_link: str = Field("", max_length=max_length(Session, "online_link"))
    partner: int | None = Field(None, description="Id of the partner that gives the session.")
    accessibility_notes: str = Field("", max_length=max_length(Session, "accessibility_notes"))
    notes: str = Field("", max_length=2000)


class EnrolmentOut(Schema):
    id: int
    session_id: int
    person_id: int | None = Field(..., description="Null for a public enrolment or once erased.")
    status: str = Field(..., description=f"One of: {', '.join(EnrolmentStatus.values)}.")
    channel: str
    reference: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_reference(obj: Enrolment) -> str:
        return obj.code


class EnrolmentPage(Page):
    items: list[EnrolmentOut]


class EnrolmentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    person: int = Field(..., description="Id of a resident you may see.")


class EnrolmentChangeIn(Schema):
    """The one change the API makes to an enrolment: cancelling it."""

    model_config = ConfigDict(extra="forbid")

    status: str = Field(..., json_schema_extra={"enum": [EnrolmentStatus.CANCELLED.value]})


@router.get(
    "modules",
    response=with_errors({200: ModulePage}, *TENANT_ERRORS),
    summary="The module catalogue: the region's modules and the digibank's own",
)
def list_modules(
    request: ApiRequest, cursor: Query[Cursor], digibank: str = DIGIBANK
) -> KeysetPage:
    access = api_access(request, digibank, Perm.VIEW_TRAINING)
    return cursor.page(queries.modules_for(access).prefetch_related("competences", "prerequisites"))


@router.get(
    "sessions",
    response=with_errors({200: SessionPage}, *TENANT_ERRORS),
    summary="The digibank's sessions, newest first",
)
def list_sessions(
    request: ApiRequest, cursor: Query[Cursor], digibank: str = DIGIBANK
) -> KeysetPage:
    access = api_access(request, digibank, Perm.VIEW_TRAINING)
    return cursor.page(queries.sessions_for(access))


@router.get(
    "sessions/{session_id}",
    response=with_errors({200: SessionOut}, *TENANT_ERRORS),
    summary="One session, with its dates",
)
def get_session(request: ApiRequest, session_id: int, digibank: str = DIGIBANK) -> Session:
    access = api_access(request, digibank, Perm.VIEW_TRAINING)
    return queries.get_session_for(access, session_id)


def _own(queryset: Any, pk: int | None, field: str, message: str) -> Any:
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise DomainError(message, field=field)
    return found


@router.post(
    "sessions",
    response=with_errors({201: SessionOut}, *TENANT_ERRORS, *BODY_ERRORS),
    summary="Publish a session",
    description=(
        "Needs a trainer's or coordinator's role. The session is open for enrolment on the public "
        "finder at once. Invalid fields answer 422 with a message per field."
    ),
)
def create_session(request: ApiRequest, payload: SessionIn, digibank: str = DIGIBANK) -> Any:
    access = api_access(request, digibank, Perm.MANAGE_TRAINING)
    bank = access.digibank
    module = _own(
        queries.modules_for(access),
        payload.module,
        "module",
        _("Choose a module of the catalogue."),
    )
    hub = _own(
        Hub.objects.filter(digibank=bank), payload.hub, "hub", _("Choose a hub of this digibank.")
    )
    partner = _own(
        Partner.objects.filter(digibank=bank),
        payload.partner,
        "partner",
        _("Choose a partner of this digibank."),
    )
    session = services.schedule_session(
        by=access,
        digibank=bank,
        module=module,
        dates=[(date.starts, date.ends) for date in payload.dates],
        capacity=payload.capacity,
        language=payload.language,
        hub=hub,
        online_link=payload.online_link,
        partner=partner,
        accessibility_notes=payload.accessibility_notes,
        notes=payload.notes,
    )
    return Status(201, queries.get_session_for(access, session.pk))


@router.get(
    "sessions/{session_id}/enrolments",
    response=with_errors({200: EnrolmentPage}, *TENANT_ERRORS),
    summary="The enrolments of a session you may see, newest first",
)
def list_enrolments(
    request: ApiRequest, session_id: int, cursor: Query[Cursor], digibank: str = DIGIBANK
) -> KeysetPage:
    access = api_access(request, digibank, Perm.ENROL_PEOPLE)
    session = queries.get_session_for(access, session_id)
    return cursor.page(queries.enrolments_visible_to(access).filter(session=session))


@router.post(
    "sessions/{session_id}/enrolments",
    response=with_errors({201: EnrolmentOut}, *TENANT_ERRORS, *BODY_ERRORS),
    summary="Enrol a resident (a full session puts them on its waiting list)",
)
def create_enrolment(
    request: ApiRequest, session_id: int, payload: EnrolmentIn, digibank: str = DIGIBANK
) -> Any:
    access = api_access(request, digibank, Perm.ENROL_PEOPLE)
    session = queries.get_session_for(access, session_id)
    person = _own(
        people_for(access, Perm.ENROL_PEOPLE),
        payload.person,
        "person",
        _("Choose a resident you may see."),
    )
    enrolment = services.enrol(
        by=access, session=session, person=person, channel=EnrolmentChannel.API
    )
    return Status(201, enrolment)


@router.patch(
    "enrolments/{enrolment_id}",
    response=with_errors({200: EnrolmentOut}, *TENANT_ERRORS, *BODY_ERRORS),
    summary="Cancel an enrolment; its seat goes to the first on the waiting list",
)
def cancel_enrolment(
    request: ApiRequest, enrolment_id: int, payload: EnrolmentChangeIn, digibank: str = DIGIBANK
) -> Any:
    access = api_access(request, digibank, Perm.ENROL_PEOPLE)
    enrolment = get_object_or_404(queries.enrolments_visible_to(access), pk=enrolment_id)
    if payload.status != EnrolmentStatus.CANCELLED:
        raise DomainError(_("An enrolment can only be cancelled here."), field="status")
    services.cancel_enrolment(by=access, enrolment=enrolment)
    return Enrolment.objects.get(pk=enrolment.pk)
