"""The residents API: a referrer's system lists, reads and registers the people it refers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import ConfigDict

from digibank.core import audit
from digibank.core.api_errors import BODY_ERRORS, TENANT_ERRORS, ApiError, with_errors
from digibank.core.fields import max_length
from digibank.core.models import AuditAction
from digibank.core.pagination import Cursor, KeysetPage, Page
from digibank.organisations.models import Language
from digibank.organisations.permissions import ApiRequest, Perm, api_access
from digibank.people import services
from digibank.people.forms import NOTES_MAX_LENGTH, RegisterPersonForm
from digibank.people.models import ConsentPurpose, ContactMethod, Person
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

    Never send a national register number or a copy of a document: they are refused. A field
    that is not listed here is refused too.
    """

    model_config = ConfigDict(extra="forbid")

    first_name: str = Field(..., min_length=1, max_length=max_length(Person, "first_name"))
    last_name: str = Field(..., min_length=1, max_length=max_length(Person, "last_name"))
    contact_method: str = Field(
        "phone",
        description="How the resident wants to hear from us; `phone` and `email` need that field.",
        json_schema_extra={"enum": list(ContactMethod.values)},
    )
    phone: str = Field("", max_length=max_length(Person, "phone"))
    email: str = Field("", max_length=max_length(Person, "email"))
    postcode: str = Field("", max_length=max_length(Person, "postcode"))
    birth_year: int | None = None
    preferred_language: str = Field("nl", json_schema_extra={"enum": list(Language.values)})
    household_size: int | None = None
    referrer_partner: int | None = None
    target_groups: list[str] = []
    consents: list[str] = Field(
        [], json_schema_extra={"items": {"type": "string", "enum": list(ConsentPurpose.values)}}
    )
    notes: str = Field("", max_length=NOTES_MAX_LENGTH)
    allow_duplicate: bool = False


class PersonPage(Page):
    items: list[PersonOut]


class PeopleFilters(Cursor):
    search: str = ""


def _form_data(payload: PersonIn) -> dict[str, Any]:
    """The body as the registration form's data: the same validation as the page."""
    data: dict[str, Any] = {}
    for name, value in payload.model_dump(exclude={"allow_duplicate"}).items():
        if isinstance(value, list):
            data[name] = [str(item) for item in value]
        else:
            data[name] = "" if value is None else str(value)
    return data


@router.get(
    "people",
    response=with_errors({200: PersonPage}, *TENANT_ERRORS),
    summary="Residents you may see, newest first",
    description="`search` matches a name however typed, or a postcode.",
)
def list_people(
    request: ApiRequest, filters: Query[PeopleFilters], digibank: str = DIGIBANK
) -> KeysetPage:
    access = api_access(request, digibank, Perm.VIEW_PEOPLE)
    people = search_people(people_for(access), text=filters.search[:100])
    return filters.page(with_list_details(people))


@router.get(
    "people/{person_id}",
    response=with_errors({200: PersonDetailOut}, *TENANT_ERRORS),
    summary="One resident (the look is recorded in the audit trail)",
)
def get_person(request: ApiRequest, person_id: int, digibank: str = DIGIBANK) -> Person:
    access = api_access(request, digibank, Perm.VIEW_PEOPLE)
    person = get_person_for(access, person_id)
    audit.record(
        actor=request.auth,
        action=AuditAction.VIEW,
        obj=person,
        digibank=access.digibank,
    )
    return person


@router.post(
    "people",
    response=with_errors({201: PersonDetailOut}, *TENANT_ERRORS, *BODY_ERRORS, 409),
    summary="Register a resident",
    description=(
        "Answers 409 (`possible_duplicate`) with the ids of the records that seem to be the "
        "same person (same name and postcode, and the same year of birth or none) in "
        "`duplicates`; send again with "
        "`allow_duplicate: true` when it is someone else. A referrer always registers for "
        "their own partner. Invalid fields answer 422 with a message per field."
    ),
)
def create_person(request: ApiRequest, payload: PersonIn, digibank: str = DIGIBANK) -> Any:
    access = api_access(request, digibank, Perm.MANAGE_PEOPLE)
    form = RegisterPersonForm(_form_data(payload), access=access)
    if not form.is_valid():
        fields = {name: [str(text) for text in texts] for name, texts in form.errors.items()}
        raise ApiError(422, _("Some fields are not valid."), fields=fields)
    try:
        person = services.register_person(
            digibank=access.digibank,
            by=access,
            allow_duplicate=payload.allow_duplicate,
            **form.service_values(),
        )
    except services.DuplicatePerson as error:
        visible = people_for(access, Perm.MANAGE_PEOPLE).filter(
            pk__in=[person.pk for person in error.duplicates]
        )
        ids = sorted(visible.values_list("pk", flat=True))
        raise ApiError(409, error.message, duplicates=ids) from error
    return Status(201, with_list_details(Person.objects.filter(pk=person.pk)).get())
