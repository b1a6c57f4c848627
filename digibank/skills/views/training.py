"""Staff pages of the training: the module catalogue, sessions (schedule, change, cancel), a
session's participants and waiting list, and enrolling someone (by phone, at the desk).

Reading needs `VIEW_TRAINING`; modules and sessions are changed with `MANAGE_TRAINING`; enrolling
and cancelling an enrolment with `ENROL_PEOPLE` (a referrer: for their partner's people only).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digibank.core.errors import DomainError
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.organisations.views.common import add_domain_error, page_of
from digibank.people.queries import people_for, search_people
from digibank.skills import services
from digibank.skills import session_queries as queries
from digibank.skills.forms import FindPersonForm
from digibank.skills.models import Enrolment, EnrolmentChannel, EnrolmentStatus
from digibank.skills.session_forms import ModuleForm, SessionForm, StaffContactForm

FOUND_AT_MOST = 20


@staff_view(Perm.VIEW_TRAINING)
@require_http_methods(["GET"])
def modules(request: StaffRequest) -> HttpResponse:
    return render(
        request, "skills/staff/modules.html", {"modules": list(queries.modules_for(request.access))}
    )


@staff_view(Perm.MANAGE_TRAINING)
@require_http_methods(["GET", "POST"])
def module_add(request: StaffRequest) -> HttpResponse:
    digibank = request.access.digibank
    form = ModuleForm(request.POST or None, digibank=digibank)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_module(by=request.access, digibank=digibank, **_module_values(form))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The module is in the catalogue."))
            return redirect("skills:staff_modules", digibank=digibank.slug)
    return render(request, "skills/staff/module_form.html", {"form": form, "module": None})


@staff_view(Perm.MANAGE_TRAINING)
@require_http_methods(["GET", "POST"])
def module_edit(request: StaffRequest, module_id: int) -> HttpResponse:
    digibank = request.access.digibank
    module = get_object_or_404(queries.modules_for(request.access), pk=module_id)
    if module.digibank_id != digibank.pk:
        raise PermissionDenied  # the region's shared modules are not the digibank's to change
    form = ModuleForm(request.POST or None, instance=module, digibank=digibank)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_module(by=request.access, module=module, **_module_values(form))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The module is saved."))
            return redirect("skills:staff_modules", digibank=digibank.slug)
    return render(request, "skills/staff/module_form.html", {"form": form, "module": module})


def _module_values(form: ModuleForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


@staff_view(Perm.VIEW_TRAINING)
@require_http_methods(["GET"])
def sessions(request: StaffRequest) -> HttpResponse:
    page = page_of(request, queries.sessions_for(request.access))
    return render(request, "skills/staff/sessions.html", {"sessions": page})


def _session_form(request: StaffRequest, **kwargs: Any) -> SessionForm:
    digibank = request.access.digibank
    return SessionForm(
        request.POST or None,
        digibank=digibank,
        modules=queries.modules_for(request.access).filter(active=True),
        trainers=services.trainers_of(digibank).order_by("first_name", "last_name", "pk"),
        **kwargs,
    )


def _session_values(form: SessionForm) -> dict[str, object]:
    data = form.cleaned_data
    return {
        name: data[name]
        for name in (
            "hub",
            "online_link",
            "trainer",
            "partner",
            "language",
            "accessibility_notes",
            "notes",
        )
    }


@staff_view(Perm.MANAGE_TRAINING)
@require_http_methods(["GET", "POST"])
def session_add(request: StaffRequest) -> HttpResponse:
    digibank = request.access.digibank
    form = _session_form(request)
    if request.method == "POST" and form.is_valid():
        dates = form.dates()
        if not form.errors:
            try:
                session = services.schedule_session(
                    by=request.access,
                    digibank=digibank,
                    module=form.cleaned_data["module"],
                    dates=dates,
                    capacity=form.cleaned_data["capacity"],
                    **_session_values(form),  # type: ignore[arg-type]
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The session is scheduled."))
                return redirect(
                    "skills:staff_session", digibank=digibank.slug, session_id=session.pk
                )
    return render(request, "skills/staff/session_form.html", {"form": form, "session": None})


@staff_view(Perm.MANAGE_TRAINING)
@require_http_methods(["GET", "POST"])
def session_edit(request: StaffRequest, session_id: int) -> HttpResponse:
    session = queries.get_session_for(request.access, session_id)
    form = _session_form(request, initial=SessionForm.initial_for(session))
    form.fields["module"].disabled = True
    if request.method == "POST" and form.is_valid():
        dates = form.dates()
        if not form.errors:
            try:
                services.update_session(
                    by=request.access,
                    session=session,
                    dates=dates,
                    capacity=form.cleaned_data["capacity"],
                    **_session_values(form),
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The session is saved."))
                return redirect(
                    "skills:staff_session", digibank=session.digibank.slug, session_id=session.pk
                )
    return render(request, "skills/staff/session_form.html", {"form": form, "session": session})


@staff_view(Perm.VIEW_TRAINING)
@require_http_methods(["GET"])
def session_detail(request: StaffRequest, session_id: int) -> HttpResponse:
    session = queries.get_session_for(request.access, session_id)
    enrolments = None
    if request.access.can(Perm.ENROL_PEOPLE):
        enrolments = list(queries.enrolments_of(request.access, session))
    return render(
        request,
        "skills/staff/session.html",
        {
            "session": session,
            "seated": [e for e in enrolments or [] if e.holds_a_seat],
            "waiting": [e for e in enrolments or [] if e.status == EnrolmentStatus.WAITING],
            "cancelled": [e for e in enrolments or [] if e.status == EnrolmentStatus.CANCELLED],
            "show_enrolments": enrolments is not None,
        },
    )


@staff_view(Perm.MANAGE_TRAINING)
@require_POST
def session_cancel(request: StaffRequest, session_id: int) -> HttpResponse:
    session = queries.get_session_for(request.access, session_id)
    try:
        count = services.cancel_session(by=request.access, session=session)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The session is cancelled. %(count)s people get a message.") % {"count": count},
        )
    return redirect("skills:staff_session", digibank=session.digibank.slug, session_id=session.pk)


@staff_view(Perm.ENROL_PEOPLE)
@require_http_methods(["GET", "POST"])
def staff_enrol(request: StaffRequest, session_id: int) -> HttpResponse:
    """Find a registered resident and enrol them, or enrol someone with a name and a number."""
    session = queries.get_session_for(request.access, session_id)
    find = FindPersonForm(request.GET or None)
    found = None
    if find.is_valid():
        found = list(
            search_people(
                people_for(request.access, Perm.ENROL_PEOPLE), text=find.cleaned_data["q"]
            ).order_by("last_name", "first_name", "pk")[:FOUND_AT_MOST]
        )
    contact_form = StaffContactForm(request.POST if "name" in request.POST else None)
    if request.method == "POST":
        try:
            if "person" in request.POST:
                person = get_object_or_404(
                    people_for(request.access, Perm.ENROL_PEOPLE), pk=_int(request.POST["person"])
                )
                enrolment = services.enrol(by=request.access, session=session, person=person)
            elif contact_form.is_valid():
                data = contact_form.cleaned_data
                enrolment = services.enrol(
                    by=request.access,
                    session=session,
                    contact=services.Contact(data["name"], data["phone"], data["email"]),
                    channel=EnrolmentChannel.STAFF,
                )
            else:
                enrolment = None
        except DomainError as error:
            messages.error(request, error.message)
            enrolment = None
        if enrolment is not None:
            messages.success(request, _enrolled_message(enrolment))
            return redirect(
                "skills:staff_session", digibank=session.digibank.slug, session_id=session.pk
            )
    return render(
        request,
        "skills/staff/enrol.html",
        {"session": session, "find": find, "found": found, "contact_form": contact_form},
    )


def _int(value: str) -> int:
    return int(value) if value.isdigit() else 0


def _enrolled_message(enrolment: Enrolment) -> str:
    if enrolment.status == EnrolmentStatus.WAITING:
        return _(
            "The session is full: %(name)s is on the waiting list. Reference code: %(code)s."
        ) % {
            "name": enrolment.display_name,
            "code": enrolment.code,
        }
    return _("%(name)s is enrolled. Reference code: %(code)s.") % {
        "name": enrolment.display_name,
        "code": enrolment.code,
    }


@staff_view(Perm.ENROL_PEOPLE)
@require_POST
def staff_cancel_enrolment(request: StaffRequest, enrolment_id: int) -> HttpResponse:
    enrolment = get_object_or_404(
        Enrolment.objects.filter(
            pk__in=queries.enrolments_visible_to(request.access).values("pk")
        ).select_related("session", "person", "digibank"),
        pk=enrolment_id,
    )
    try:
        promoted = services.cancel_enrolment(by=request.access, enrolment=enrolment)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        text = _("The enrolment is cancelled.")
        if promoted:
            text += " " + _("%(names)s got the place and a message.") % {
                "names": ", ".join(e.display_name for e in promoted)
            }
        messages.success(request, text)
    return redirect(
        "skills:staff_session",
        digibank=request.access.digibank.slug,
        session_id=enrolment.session_id,
    )
