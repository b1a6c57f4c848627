"""API of the help pillar: the region's help topics (public, for municipal websites) and a
digibank's appointments (staff token, `MANAGE_APPOINTMENTS`), read and booked as the pages do."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import ConfigDict

from digibank.core.api_errors import BODY_ERRORS, TENANT_ERRORS, ApiError, with_errors
from digibank.core.errors import DomainError
from digibank.core.fields import max_length
from digibank.core.pagination import Cursor, KeysetPage, Page
from digibank.help import queries, services
from digibank.help.forms.staff import CallerForm
from digibank.help.models import Appointment, AppointmentStatus, HelpTopic, Slot
from digibank.organisations.models import Region
from digibank.organisations.permissions import ApiRequest, Perm, api_access

router = Router(tags=["help"])
public_router = Router(tags=["help"])

DIGIBANK = Path(..., description="The digibank's short name, as in its web addresses.")
REGION = Path(..., description="The region's short name, as in its web addresses.")
MANAGE = Perm.MANAGE_APPOINTMENTS


class TopicOut(Schema):
    id: int
    code: str
    name_nl: str
    name_fr: str
    name_en: str
    digibank: str | None = Field(description="The digibank of a local topic; null: region-wide.")
    official_service: str
    typical_questions: list[str]
    referral: str
    asked_most_rank: int | None

    @staticmethod
    def resolve_digibank(obj: HelpTopic) -> str | None:
        return obj.digibank.slug if obj.digibank else None


class TopicPage(Page):
    items: list[TopicOut]


class AppointmentOut(Schema):
    id: int
    reference: str
    status: str = Field(json_schema_extra={"enum": list(AppointmentStatus.values)})
    topic: int
    slot: int
    hub: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    name: str
    phone: str
    email: str
    person: int | None
    booked_via: str

    @staticmethod
    def resolve_reference(obj: Appointment) -> str:
        return obj.reference_display

    @staticmethod
    def resolve_topic(obj: Appointment) -> int:
        return obj.topic_id

    @staticmethod
    def resolve_slot(obj: Appointment) -> int:
        return obj.slot_id

    @staticmethod
    def resolve_hub(obj: Appointment) -> int:
        return obj.slot.hub_id

    @staticmethod
    def resolve_starts_at(obj: Appointment) -> datetime.datetime:
        return obj.slot.starts_at

    @staticmethod
    def resolve_ends_at(obj: Appointment) -> datetime.datetime:
        return obj.slot.ends_at

    @staticmethod
    def resolve_person(obj: Appointment) -> int | None:
        return obj.person_id


class AppointmentPage(Page):
    items: list[AppointmentOut]


class AppointmentIn(Schema):
    """Booking for someone who called: a time, what for, a name and, if they like, how to remind
    them. A field that is not listed here is refused."""

    model_config = ConfigDict(extra="forbid")

    slot: int = Field(..., description="Id of a bookable time of this digibank.")
    topic: int = Field(..., description="Id of one of that time's topics.")
    name: str = Field(..., min_length=1, max_length=max_length(Appointment, "name"))
    phone: str = Field("", max_length=max_length(Appointment, "phone"))
    email: str = Field("", max_length=max_length(Appointment, "email"))


def _appointments(access: Any) -> QuerySet[Appointment]:
    return access.scope(Appointment.objects.select_related("slot"))


@public_router.get(
    "regions/{region}/help-topics",
    response=with_errors({200: TopicPage}, 404, 422, 429),
    auth=None,
    summary="A region's help topics and the local topics of its digibanks (public)",
)
def list_topics(request: ApiRequest, cursor: Query[Cursor], region: str = REGION) -> KeysetPage:
    found = Region.objects.filter(slug=region).first()
    if found is None:
        raise Http404
    topics = HelpTopic.objects.filter(Q(digibank=None) | Q(digibank__active=True), region=found)
    return cursor.page(topics.filter(active=True).select_related("digibank"))


@router.get(
    "appointments",
    response=with_errors({200: AppointmentPage}, *TENANT_ERRORS),
    summary="The digibank's appointments, newest first",
)
def list_appointments(
    request: ApiRequest, cursor: Query[Cursor], digibank: str = DIGIBANK
) -> KeysetPage:
    access = api_access(request, digibank, MANAGE)
    return cursor.page(_appointments(access))


@router.get(
    "appointments/{appointment_id}",
    response=with_errors({200: AppointmentOut}, *TENANT_ERRORS),
    summary="One appointment",
)
def get_appointment(
    request: ApiRequest, appointment_id: int, digibank: str = DIGIBANK
) -> Appointment:
    access = api_access(request, digibank, MANAGE)
    return queries.get_appointment_for(access, appointment_id)


@router.post(
    "appointments",
    response=with_errors({201: AppointmentOut}, *TENANT_ERRORS, *BODY_ERRORS),
    summary="Book an appointment for someone who called",
    description=(
        "The time must have a free seat and be for the topic; the answer holds the reference "
        "code to give the caller. A full time answers 422."
    ),
)
def book_appointment(request: ApiRequest, payload: AppointmentIn, digibank: str = DIGIBANK) -> Any:
    access = api_access(request, digibank, MANAGE)
    slot = access.scope(Slot.objects.all()).filter(pk=payload.slot).first()
    if slot is None:
        raise DomainError(_("Choose a time of this digibank."), field="slot")
    # The page's form checks the fields, so the API and the page refuse the same values.
    form = CallerForm(payload.model_dump(exclude={"slot"}), topics=slot.topics.all())
    if not form.is_valid():
        fields = {name: [str(text) for text in texts] for name, texts in form.errors.items()}
        raise ApiError(422, _("Some fields are not valid."), fields=fields)
    created = services.book_appointment(
        slot=slot,
        topic=form.cleaned_data["topic"],
        name=form.cleaned_data["name"],
        phone=form.cleaned_data["phone"],
        email=form.cleaned_data["email"],
        by=access,
    )
    return Status(201, queries.get_appointment_for(access, created.pk))
