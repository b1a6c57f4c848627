"""The audit trail of a digibank: who created, changed, deleted, merged or viewed which record."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from digibank.core.models import AuditEntry, User
from digibank.organisations.permissions import Access, Perm, StaffRequest, staff_view
from digibank.people.forms import AuditFilterForm
from digibank.people.merging import field_label as person_field_label
from digibank.people.models import Consent, Person
from digibank.people.queries import people_for
from digibank.people.views.common import query_without_page

PAGE_SIZE = 50
PERSON = Person._meta.label_lower
CONSENT = Consent._meta.label_lower


def _model(label: str) -> type[Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def type_label(label: str) -> str:
    model = _model(label)
    return str(model._meta.verbose_name) if model else label


def field_label(model: type[Model] | None, name: str) -> str:
    if model is Person:
        return person_field_label(name)
    if model is None:
        return name
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    if hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    return str(field.related_model._meta.verbose_name_plural)


@dataclass(frozen=True)
class Row:
    entry: AuditEntry
    type_label: str
    fields: list[str]
    person_url: str


def _person_links(access: Access, entries: list[AuditEntry]) -> dict[tuple[str, str], str]:
    """Links to the people the entries are about, when they still exist and may be seen."""

    def ids(object_type: str) -> set[int]:
        return {
            int(entry.object_id)
            for entry in entries
            if entry.object_type == object_type and entry.object_id.isdigit()
        }

    person_of: dict[tuple[str, str], int] = {}
    person_ids = ids(PERSON)
    if person_ids:
        for pk in people_for(access).filter(pk__in=person_ids).values_list("pk", flat=True):
            person_of[(PERSON, str(pk))] = pk
    consent_ids = ids(CONSENT)
    if consent_ids:
        consents = Consent.objects.filter(pk__in=consent_ids, person__in=people_for(access))
        for pk, person_id in consents.values_list("pk", "person_id"):
            person_of[(CONSENT, str(pk))] = person_id
    slug = access.digibank.slug
    return {
        key: reverse("people:detail", kwargs={"digibank": slug, "person_id": person_id})
        for key, person_id in person_of.items()
    }


@staff_view(Perm.VIEW_AUDIT)
@require_GET
def audit_trail(request: StaffRequest) -> HttpResponse:
    access = request.access
    entries = AuditEntry.objects.filter(digibank=access.digibank)
    object_types = [
        (label, type_label(label))
        for label in entries.order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    ]
    actors = User.objects.filter(pk__in=entries.values("actor_id")).order_by(
        "first_name", "last_name", "username"
    )
    form = AuditFilterForm(request.GET, object_types=object_types, actors=actors)
    if action := form.value("action"):
        entries = entries.filter(action=action)
    if object_type := form.value("object_type"):
        entries = entries.filter(object_type=object_type)
    if actor := form.value("actor"):
        entries = entries.filter(actor=actor)

    page = Paginator(entries.select_related("actor").order_by("-at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    links = _person_links(access, list(page.object_list))
    rows = [
        Row(
            entry=entry,
            type_label=type_label(entry.object_type),
            fields=[field_label(_model(entry.object_type), name) for name in entry.fields],
            person_url=links.get((entry.object_type, entry.object_id), ""),
        )
        for entry in page.object_list
    ]
    return render(
        request,
        "people/staff/audit.html",
        {"form": form, "page": page, "rows": rows, "query": query_without_page(request)},
    )
