from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from digibank.core.models import AuditEntry
from digibank.core.permissions import Perm, staff_view
from digibank.people.queries import people_for


@staff_view(Perm.VIEW_PEOPLE)
def person_list(request: HttpRequest) -> HttpResponse:
    return render(request, "people/staff/list.html", {"people": people_for(request.access)})


@staff_view(Perm.MANAGE_PEOPLE)
def person_create(request: HttpRequest) -> HttpResponse:
    return render(request, "people/staff/create.html")


@staff_view(Perm.VIEW_AUDIT)
def audit_trail(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.filter(digibank=request.access.digibank).select_related("actor")
    return render(request, "people/staff/audit.html", {"entries": entries[:100]})
