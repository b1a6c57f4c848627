"""Staff pages: take the check with a resident at a hub, and link a check to a person's record
with their consent. Both need the permission to manage people (`MANAGE_PEOPLE`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digibank.core.errors import DomainError
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.organisations.views.common import add_domain_error, page_of
from digibank.people.queries import get_person_for, people_for, search_people
from digibank.skills import flow, services
from digibank.skills.forms import FindPersonForm, LinkForm
from digibank.skills.models import SkillsCheck
from digibank.skills.queries import linked_checks_for

FOUND_AT_MOST = 20


@staff_view(Perm.MANAGE_PEOPLE)
@require_http_methods(["GET"])
def staff_home(request: StaffRequest) -> HttpResponse:
    """Start a check with a resident, find the resident to link a check to, the linked checks."""
    find = FindPersonForm(request.GET or None)
    found = None
    if find.is_valid():
        found = list(
            search_people(
                people_for(request.access, Perm.MANAGE_PEOPLE), text=find.cleaned_data["q"]
            ).order_by("last_name", "first_name", "pk")[:FOUND_AT_MOST]
        )
    checks = page_of(request, linked_checks_for(request.access).order_by("-consent_at", "-pk"))
    return render(
        request,
        "skills/staff/home.html",
        {"find": find, "found": found, "checks": checks, "code": request.GET.get("code", "")},
    )


@staff_view(Perm.MANAGE_PEOPLE)
@require_POST
def assisted_start(request: StaffRequest) -> HttpResponse:
    """Take the check with a resident: the same pages, on the helper's screen."""
    digibank = request.access.digibank
    try:
        check = services.start_check(
            region=digibank.region,
            digibank=digibank,
            by=request.access,
            language=(get_language() or "nl")[:2],
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("skills:staff_home", digibank=digibank.slug)
    flow.take(request.session, check)
    return redirect(flow.CheckFlow(check).step_url("1"))


@staff_view(Perm.MANAGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def link(request: StaffRequest, person_id: int) -> HttpResponse:
    person = get_person_for(request.access, person_id)
    form = LinkForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        check = SkillsCheck.objects.filter(code=form.cleaned_data["code"]).first()
        if check is None:
            form.add_error("code", _("We cannot find a skills check with this code."))
        else:
            try:
                services.link_check(
                    check=check,
                    person=person,
                    consent=form.cleaned_data["consent"],
                    by=request.access,
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The skills check is now kept with this record."))
                return redirect("skills:staff_home", digibank=request.access.digibank.slug)
    return render(request, "skills/staff/link.html", {"form": form, "person": person})
