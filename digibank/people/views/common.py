from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from digibank.core import audit
from digibank.core.http import query_without
from digibank.core.models import AuditAction
from digibank.organisations.permissions import StaffRequest
from digibank.people.models import Person
from digibank.people.queries import people_for


def person_for_page(request: StaffRequest, person_id: int) -> Person:
    """A person this user may see, with what the pages show about them; else a 404."""
    queryset = people_for(request.access).select_related(
        "municipality", "referrer_partner", "referred_by"
    )
    return get_object_or_404(queryset, pk=person_id)


def record_view(request: StaffRequest, person: Person, parts: Iterable[str] = ()) -> None:
    """Every staff look at a person's record goes into the audit trail; `parts` names what the
    page showed (its sections), never their contents."""
    audit.record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=person,
        digibank=request.access.digibank,
        fields=parts,
    )


def query_without_page(request: HttpRequest) -> str:
    """The current filters as a query string, to keep them on the pagination links."""
    return query_without(request.GET, "page")
