"""Merging two records of one resident: choose the other record, check what moves, confirm."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from digibank.core.errors import DomainError
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.people import services
from digibank.people.forms import MergeForm, PersonSearchForm
from digibank.people.merging import field_label, fields_to_fill, rows_pointing_at
from digibank.people.models import Person
from digibank.people.queries import people_for, search_people, with_list_details
from digibank.people.views.common import person_for_page, record_view

SEARCH_LIMIT = 20


@staff_view(Perm.MERGE_PEOPLE)
@require_GET
def merge_choose(request: StaffRequest, person_id: int) -> HttpResponse:
    access = request.access
    person = person_for_page(request, person_id)
    visible = people_for(access, Perm.MERGE_PEOPLE).exclude(pk=person.pk)
    duplicates = with_list_details(
        visible.filter(
            pk__in=services.find_duplicates(
                digibank=access.digibank,
                first_name=person.first_name,
                last_name=person.last_name,
                birth_year=person.birth_year,
                postcode=person.postcode,
                exclude=person,
            ).values("pk")
        )
    )
    form = PersonSearchForm(request.GET)
    results = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        found = search_people(visible, text=form.cleaned_data["q"])
        results = list(with_list_details(found)[:SEARCH_LIMIT])
    return render(
        request,
        "people/staff/merge_choose.html",
        {
            "person": person,
            "duplicates": duplicates,
            "form": form,
            "results": results,
            "limit": SEARCH_LIMIT,
        },
    )


def _preview(keep: Person, remove: Person) -> dict:
    filled = fields_to_fill(keep, remove)
    return {
        "filled": [field_label(name) for name in filled],
        "moving": rows_pointing_at(remove),
        "new_groups": remove.target_groups.exclude(pk__in=keep.target_groups.values("pk")),
    }


@staff_view(Perm.MERGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def merge_confirm(request: StaffRequest, person_id: int, other_id: int) -> HttpResponse:
    if person_id == other_id:
        raise Http404
    keep = person_for_page(request, person_id)
    remove = person_for_page(request, other_id)
    slug = request.access.digibank.slug
    if request.method == "POST":
        form = MergeForm(request.POST)
        if form.is_valid():
            try:
                services.merge_people(keep=keep, remove=remove, by=request.access)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The two records are now one."))
                return redirect("people:detail", digibank=slug, person_id=keep.pk)
    else:
        form = MergeForm()
        record_view(request, keep)
        record_view(request, remove)
    return render(
        request,
        "people/staff/merge_confirm.html",
        {"form": form, "keep": keep, "remove": remove, **_preview(keep, remove)},
    )
