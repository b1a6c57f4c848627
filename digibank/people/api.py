"""The residents API: a referrer's system lists, reads and registers the people it refers."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.organisations.permissions import Perm, api_access
from digibank.people import services
from digibank.people.forms import RegisterPersonForm
from digibank.people.models import Person
from digibank.people.queries import get_person_for, people_for, search_people, with_list_details

router = Router(tags=["people"])

# The router is mounted under /digibanks/{digibank}/: ninja sees only each operation's own path,
# so the slug from the mount prefix is declared a path parameter here.
DIGIBANK = Path(..., description="The digibank's short name, as in its web addresses.")


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    postcode: str
    preferred_language: str
    age_band: str
    target_groups: list[str]

    @staticmethod
    def resolve_age_band(obj: Person) -> str:
        return obj.age_band.value

    @staticmethod
    def resolve_target_groups(obj: Person) -> list[str]:
        return [group.code for group in obj.target_groups.all()]


class ConsentOut(Schema):
    purpose: str
    given_at: str
    withdrawn_at: str | None


class PersonDetailOut(PersonOut):
    contact_method: str
    phone: str
    email: str
    municipality_nis_code: str | None
    birth_year: int | None
    household_size: int | None
    referrer_partner_id: int | None
    notes: str
    consents: list[ConsentOut]

    @staticmethod
    def resolve_municipality_nis_code(obj: Person) -> str | None:
        return obj.municipality.nis_code if obj.municipality else None

    @staticmethod
    def resolve_consents(obj: Person) -> list[dict[str, Any]]:
        return [
            {
                "purpose": consent.purpose,
                "given_at": consent.given_at.isoformat(),
                "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
            }
            for consent in obj.consents.all()
        ]


class PersonIn(Schema):
    """What a referrer's system sends to register a resident. Only first and last name are required.

    Never send a national register number or a copy of a document: they are refused.
    """

    first_name: str
    last_name: str
    contact_method: str = "phone"
    phone: str = ""
    email: str = ""
    postcode: str = ""
    birth_year: int | None = None
    preferred_language: str = "nl"
    household_size: int | None = None
    referrer_partner: int | None = None
    target_groups: list[str] = []
    consents: list[str] = []
    notes: str = ""
    allow_duplicate: bool = False


class DuplicatesOut(Schema):
    detail: str
    duplicates: list[int]


class ErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]]


def _person_body() -> dict[str, Any]:
    return {
        "required": True,
        "content": {"application/json": {"schema": PersonIn.model_json_schema()}},
    }


def _read_body(request: HttpRequest) -> dict[str, Any] | None:
    """The JSON object sent (form-encoded data is accepted too); None when it is not readable."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return None
        return data if isinstance(data, dict) else None
    return {key: values if len(values) > 1 else values[0] for key, values in request.POST.lists()}


def _form_data(body: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The JSON body as form data (lists stay lists), and the names of unknown fields."""
    data: dict[str, Any] = {
        name: field.default
        for name, field in PersonIn.model_fields.items()
        if isinstance(field.default, str) and field.default
    }
    for key, value in body.items():
        if isinstance(value, list):
            data[key] = [str(item) for item in value]
        elif value is None or isinstance(value, dict):
            data[key] = ""
        else:
            data[key] = str(value)
    unknown = sorted(set(body) - {*PersonIn.model_fields})
    return data, unknown


@router.get(
    "people",
    response=list[PersonOut],
    summary="Residents you may see",
    description="Paginated (`page`); `search` matches a name however typed, or a postcode.",
)
@paginate(PageNumberPagination)
def list_people(request: HttpRequest, digibank: str = DIGIBANK, search: str = "") -> Any:
    access = api_access(request, digibank, Perm.VIEW_PEOPLE)
    people = search_people(people_for(access), text=search[:100])
    return with_list_details(people)


@router.get(
    "people/{person_id}",
    response=PersonDetailOut,
    summary="One resident (the look is recorded in the audit trail)",
)
def get_person(request: HttpRequest, person_id: int, digibank: str = DIGIBANK) -> Person:
    access = api_access(request, digibank, Perm.VIEW_PEOPLE)
    person = get_person_for(access, person_id)
    audit.record(
        actor=request.auth,  # type: ignore[attr-defined]
        action=AuditAction.VIEW,
        obj=person,
        digibank=access.digibank,
    )
    return person


@router.post(
    "people",
    response={201: PersonDetailOut, 409: DuplicatesOut, 422: ErrorsOut},
    summary="Register a resident",
    description=(
        "Answers 409 with the ids of the records that seem to be the same person (same name, "
        "year of birth and postcode); send again with `allow_duplicate: true` when it is someone "
        "else. A referrer always registers for their own partner. Invalid fields answer 422 "
        "with a message per field."
    ),
    openapi_extra={"requestBody": _person_body()},
)
def create_person(request: HttpRequest, digibank: str = DIGIBANK) -> Any:
    access = api_access(request, digibank, Perm.MANAGE_PEOPLE)
    body = _read_body(request)
    if body is None:
        message = _("Send a JSON object.")
        return Status(422, {"detail": message, "errors": {"__all__": [message]}})
    data, unknown = _form_data(body)
    form = RegisterPersonForm(data, access=access)
    if not form.is_valid() or unknown:
        errors = {name: [str(text) for text in texts] for name, texts in form.errors.items()}
        for name in unknown:
            errors[name] = [_("This field is unknown.")]
        return Status(422, {"detail": _("Some fields are not valid."), "errors": errors})
    allow = str(body.get("allow_duplicate", "")).lower() in {"true", "1", "yes", "on"}
    try:
        person = services.register_person(
            digibank=access.digibank,
            by=request.auth,  # type: ignore[attr-defined]
            allow_duplicate=allow,
            **form.service_values(),
        )
    except services.DuplicatePerson as error:
        visible = set(
            people_for(access)
            .filter(pk__in=[person.pk for person in error.duplicates])
            .values_list("pk", flat=True)
        )
        return Status(409, {"detail": error.message, "duplicates": sorted(visible)})
    except DomainError as error:
        return Status(
            422, {"detail": error.message, "errors": {error.field or "__all__": [error.message]}}
        )
    return Status(201, with_list_details(Person.objects.filter(pk=person.pk)).get())
