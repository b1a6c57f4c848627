"""List, register, read, change and erase residents, and their consents."""

from __future__ import annotations

import copy
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digibank.core.errors import DomainError
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.people import person_page, services
from digibank.people.forms import ConsentForm, PersonFilterForm, PersonForm, RegisterPersonForm
from digibank.people.models import Consent, ConsentPurpose
from digibank.people.queries import consents_of, people_for, search_people, with_list_details
from digibank.people.views.common import person_for_page, query_without_page, record_view

PAGE_SIZE = 50


def _to_detail(request: StaffRequest, person_id: int, anchor: str = "") -> HttpResponse:
    response = redirect("people:detail", digibank=request.access.digibank.slug, person_id=person_id)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _add_error(form: PersonForm, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@staff_view(Perm.VIEW_PEOPLE)
@require_GET
def person_list(request: StaffRequest) -> HttpResponse:
    access = request.access
    form = PersonFilterForm(request.GET, access=access)
    people = search_people(
        people_for(access),
        text=form.value("q") or "",
        target_group=form.value("target_group"),
        age_band=form.value("age_band") or "",
    )
    page = Paginator(with_list_details(people), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "people/staff/list.html",
        {
            "form": form,
            "page": page,
            "filtered": any(request.GET.get(name) for name in form.fields),
            "query": query_without_page(request),
        },
    )


# What another page may fill in when it sends staff here to register someone (`?first_name=`).
PREFILLED = ("first_name", "last_name", "postcode")


def _return_path(request: StaffRequest) -> str:
    """`?next=`: a page of this site to go back to once the person is registered, or ""."""
    wanted = request.GET.get("next", "")
    if wanted.startswith("/") and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts=None, require_https=False
    ):
        return wanted
    return ""


def _back_with_person(path: str, person_id: int) -> str:
    """The page staff came from, told who was registered (`person=<id>`)."""
    parts = urlsplit(path)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "person"]
    return urlunsplit(parts._replace(query=urlencode([*query, ("person", str(person_id))])))


@staff_view(Perm.MANAGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def person_create(request: StaffRequest) -> HttpResponse:
    """Register a resident. Sent here from another page (`?next=`, such as a new device request
    still without its resident), staff go back there with the new person, and what they typed
    there (`?first_name=`...) is already filled in."""
    access = request.access
    back = _return_path(request)
    duplicates = []
    if request.method == "POST":
        shown = "duplicates_shown" in request.POST
        form = RegisterPersonForm(request.POST, access=access, duplicate_check=shown)
        if form.is_valid():
            try:
                person = services.register_person(
                    digibank=access.digibank,
                    by=request.access,
                    allow_duplicate=form.cleaned_data.get("different_person", False),
                    **form.service_values(),
                )
            except services.DuplicatePerson as error:
                duplicates = error.duplicates
                form = RegisterPersonForm(request.POST, access=access, duplicate_check=True)
                form.is_valid()
                form.add_error(
                    "different_person",
                    _(
                        "This person may already be registered. Open the records below, "
                        "or tick the box if this is a different person."
                    ),
                )
            except DomainError as error:
                _add_error(form, error)
            else:
                messages.success(request, _("%(name)s is registered.") % {"name": person.full_name})
                if back:
                    return redirect(_back_with_person(back, person.pk))
                return _to_detail(request, person.pk)
    else:
        initial = {name: request.GET[name][:100] for name in PREFILLED if name in request.GET}
        form = RegisterPersonForm(access=access, initial=initial)
    visible = [person for person in duplicates if access.may_reach_person(person, Perm.VIEW_PEOPLE)]
    return render(
        request,
        "people/staff/create.html",
        {
            "form": form,
            "duplicates": visible,
            "hidden_duplicates": len(duplicates) - len(visible),
            # After another mistake on a page that showed duplicates, the service was not asked
            # again, so there is nothing to show: the next "Register" looks for them again.
            "duplicate_check": bool(duplicates),
            "back": back,
        },
    )


# The people app's own parts of the person page, shown to everyone who may open it.
PERSON_PARTS = ("contact", "details", "target_groups", "consents", "referred_by")


@staff_view(Perm.VIEW_PEOPLE)
@require_GET
def person_detail(request: StaffRequest, person_id: int) -> HttpResponse:
    access = request.access
    person = person_for_page(request, person_id)
    sections = person_page.sections_for(access, person)
    record_view(request, person, [*PERSON_PARTS, *(shown.name for shown in sections)])
    consents = list(consents_of(person))
    active = {consent.purpose for consent in consents if consent.is_active}
    return render(
        request,
        "people/staff/detail.html",
        {
            "person": person,
            "target_groups": person.target_groups.order_by("name"),
            "consents": consents,
            "purposes_to_record": [
                (value, label) for value, label in ConsentPurpose.choices if value not in active
            ],
            "show_birth_year": access.can(Perm.MANAGE_PEOPLE),
            "actions": person_page.actions_for(access, person),
            "sections": sections,
        },
    )


@staff_view(Perm.MANAGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def person_edit(request: StaffRequest, person_id: int) -> HttpResponse:
    access = request.access
    person = person_for_page(request, person_id)
    if request.method == "POST":
        # The form works on a copy, so the page title keeps the saved name while errors show.
        form = PersonForm(request.POST, access=access, instance=copy.copy(person))
        if form.is_valid():
            try:
                services.update_person(person=person, by=request.access, **form.service_values())
            except DomainError as error:
                _add_error(form, error)
            else:
                messages.success(request, _("The changes are saved."))
                return _to_detail(request, person.pk)
    else:
        record_view(request, person)
        form = PersonForm(access=access, instance=person)
    return render(request, "people/staff/edit.html", {"form": form, "person": person})


@staff_view(Perm.DELETE_PEOPLE, confirm_password=True)
@require_http_methods(["GET", "POST"])
def person_delete(request: StaffRequest, person_id: int) -> HttpResponse:
    person = person_for_page(request, person_id)
    if request.method == "POST":
        name = person.full_name
        try:
            services.delete_person(person=person, by=request.access)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("All details of %(name)s are erased.") % {"name": name})
            return redirect("people:list", digibank=request.access.digibank.slug)
    return render(request, "people/staff/delete.html", {"person": person})


@staff_view(Perm.MANAGE_PEOPLE)
@require_POST
def consent_record(request: StaffRequest, person_id: int) -> HttpResponse:
    person = person_for_page(request, person_id)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what the consent is for."))
        return _to_detail(request, person.pk, "consents")
    try:
        services.record_consent(
            person=person, by=request.access, purpose=form.cleaned_data["purpose"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        label = ConsentPurpose(form.cleaned_data["purpose"]).label
        messages.success(request, _("Consent recorded: %(purpose)s.") % {"purpose": label})
    return _to_detail(request, person.pk, "consents")


@staff_view(Perm.MANAGE_PEOPLE)
@require_POST
def consent_withdraw(request: StaffRequest, person_id: int, consent_id: int) -> HttpResponse:
    person = person_for_page(request, person_id)
    consent = get_object_or_404(Consent.objects.filter(person=person), pk=consent_id)
    try:
        services.withdraw_consent(consent=consent, by=request.access)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Consent withdrawn: %(purpose)s.") % {"purpose": consent.get_purpose_display()},
        )
    return _to_detail(request, person.pk, "consents")
