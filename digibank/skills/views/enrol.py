"""Public enrolment without an account, one question per page, and the enrolment found again
with its reference code (cancel, or change to another session of the same course).

The answers wait in the visitor's session until they confirm; the reference code never travels in
a URL (it would end up in logs): it is typed into the look-up form, which counts unknown codes per
address with the same limit as the skills check's resume (`core.throttle.REFERENCE_LOOKUPS`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from digibank.core.codes import display_code
from digibank.core.errors import DomainError
from digibank.core.login_limits import client_address
from digibank.core.phones import phone_text
from digibank.core.throttle import REFERENCE_LOOKUPS, too_many_codes
from digibank.organisations.permissions import PUBLIC, public_view
from digibank.organisations.views.common import add_domain_error
from digibank.skills import services
from digibank.skills import session_queries as queries
from digibank.skills.models import Enrolment, EnrolmentChannel, EnrolmentStatus, Session
from digibank.skills.notify import place_text, when_text
from digibank.skills.session_forms import (
    ChooseSessionForm,
    ContactForm,
    EnrolmentCodeForm,
    NameForm,
)

ANSWERS = "skills_enrol"
FOUND = "skills_enrolment"


def _open_session(session_id: int) -> Session | None:
    session = queries.upcoming().filter(pk=session_id).first()
    return session


def _answers(request: HttpRequest, session_id: int) -> dict[str, Any]:
    answers = request.session.get(ANSWERS) or {}
    return answers if answers.get("session") == session_id else {"session": session_id}


def _keep(request: HttpRequest, answers: dict[str, Any]) -> None:
    request.session[ANSWERS] = answers


def _closed(request: HttpRequest) -> HttpResponse:
    return render(request, "skills/public/enrol_closed.html", status=404)


@public_view
@never_cache
@require_http_methods(["GET", "POST"])
def enrol_name(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _open_session(session_id)
    if session is None:
        return _closed(request)
    answers = _answers(request, session_id)
    form = NameForm(
        request.POST if request.method == "POST" else None,
        initial={"name": answers.get("name", "")},
    )
    if request.method == "POST" and form.is_valid():
        _keep(request, {**answers, "name": form.cleaned_data["name"].strip()})
        return redirect("skills:enrol_contact", session_id=session_id)
    back = reverse("skills:session_page", kwargs={"session_id": session_id})
    return render(
        request,
        "skills/public/enrol_question.html",
        {"form": form, "session": session, "back": back, "step": 1},
    )


@public_view
@never_cache
@require_http_methods(["GET", "POST"])
def enrol_contact(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _open_session(session_id)
    if session is None:
        return _closed(request)
    answers = _answers(request, session_id)
    if not answers.get("name"):
        return redirect("skills:enrol_name", session_id=session_id)
    form = ContactForm(
        request.POST if request.method == "POST" else None,
        initial={"phone": answers.get("phone", ""), "email": answers.get("email", "")},
    )
    if request.method == "POST" and form.is_valid():
        _keep(
            request,
            {**answers, "phone": form.cleaned_data["phone"], "email": form.cleaned_data["email"]},
        )
        return redirect("skills:enrol_check", session_id=session_id)
    back = reverse("skills:enrol_name", kwargs={"session_id": session_id})
    return render(
        request,
        "skills/public/enrol_contact.html",
        {"form": form, "session": session, "back": back, "step": 2},
    )


@public_view
@never_cache
@require_http_methods(["GET", "POST"])
def enrol_check(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _open_session(session_id)
    if session is None:
        return _closed(request)
    answers = _answers(request, session_id)
    if not answers.get("name") or not (answers.get("phone") or answers.get("email")):
        return redirect("skills:enrol_name", session_id=session_id)
    problem = ""
    if request.method == "POST":
        contact = services.Contact(
            name=answers["name"],
            phone=answers.get("phone", ""),
            email=answers.get("email", ""),
            language=(get_language() or "nl")[:2],
        )
        try:
            enrolment = services.enrol(
                by=PUBLIC, session=session, contact=contact, channel=EnrolmentChannel.PUBLIC
            )
        except DomainError as error:
            problem = error.message
        else:
            request.session.pop(ANSWERS, None)
            request.session[FOUND] = enrolment.pk
            return redirect("skills:enrolment_done")
    name_url = reverse("skills:enrol_name", kwargs={"session_id": session_id})
    contact_url = reverse("skills:enrol_contact", kwargs={"session_id": session_id})
    rows = [
        (_("Name"), answers["name"], name_url),
        (_("Mobile phone number"), phone_text(answers.get("phone", "")), contact_url),
        (_("Email address"), answers.get("email", ""), contact_url),
    ]
    return render(
        request,
        "skills/public/enrol_check.html",
        {"session": session, "rows": rows, "problem": problem, "back": contact_url},
    )


def _found(request: HttpRequest) -> Enrolment | None:
    enrolment_id = request.session.get(FOUND)
    if not enrolment_id:
        return None
    return (
        Enrolment.objects.select_related(
            "session__module", "session__hub__municipality", "session__digibank"
        )
        .prefetch_related("session__dates")
        .filter(pk=enrolment_id)
        .first()
    )


@public_view
@never_cache
@require_http_methods(["GET"])
def enrolment_done(request: HttpRequest) -> HttpResponse:
    enrolment = _found(request)
    if enrolment is None:
        return redirect("skills:enrolment_find")
    return render(
        request,
        "skills/public/enrol_done.html",
        {"enrolment": enrolment, "code": display_code(enrolment.code)},
    )


@public_view
@never_cache
@require_http_methods(["GET", "POST"])
def enrolment_find(request: HttpRequest) -> HttpResponse:
    form = EnrolmentCodeForm(request.POST if request.method == "POST" else None)
    address = client_address(request)
    wait = REFERENCE_LOOKUPS.retry_after(address) if request.method == "POST" else None
    if wait is not None:
        form.add_error(None, too_many_codes(wait))
        response = render(request, "skills/public/enrolment_find.html", {"form": form}, status=429)
        response["Retry-After"] = str(wait)
        return response
    if request.method == "POST" and form.is_valid():
        enrolment = Enrolment.objects.filter(code=form.cleaned_data["code"]).first()
        if enrolment is None:
            REFERENCE_LOOKUPS.count_failure(address)
            form.add_error("code", _("We cannot find an enrolment with this code. Check it."))
        else:
            request.session[FOUND] = enrolment.pk
            return redirect("skills:enrolment_manage")
    return render(request, "skills/public/enrolment_find.html", {"form": form})


def _changeable(enrolment: Enrolment) -> bool:
    return enrolment.status in {EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING} and (
        not enrolment.session.is_past
    )


@public_view
@never_cache
@require_http_methods(["GET"])
def enrolment_manage(request: HttpRequest) -> HttpResponse:
    enrolment = _found(request)
    if enrolment is None:
        return redirect("skills:enrolment_find")
    position = None
    if enrolment.status == EnrolmentStatus.WAITING:
        position = (
            queries.waiting_list(enrolment.session)
            .filter(queued_at__lte=enrolment.queued_at)
            .exclude(queued_at=enrolment.queued_at, id__gt=enrolment.pk)
            .count()
        )
    return render(
        request,
        "skills/public/enrolment_manage.html",
        {
            "enrolment": enrolment,
            "code": display_code(enrolment.code),
            "changeable": _changeable(enrolment),
            "position": position,
        },
    )


@public_view
@never_cache
@require_http_methods(["GET", "POST"])
def enrolment_cancel(request: HttpRequest) -> HttpResponse:
    enrolment = _found(request)
    if enrolment is None:
        return redirect("skills:enrolment_find")
    problem = ""
    if request.method == "POST":
        try:
            services.cancel_enrolment(by=PUBLIC, enrolment=enrolment)
        except DomainError as error:
            problem = error.message
        else:
            messages.success(request, _("Your enrolment is cancelled."))
            return redirect("skills:enrolment_manage")
    return render(
        request,
        "skills/public/enrolment_cancel.html",
        {"enrolment": enrolment, "problem": problem},
    )


@public_view
@never_cache
@require_http_methods(["GET", "POST"])
def enrolment_change(request: HttpRequest) -> HttpResponse:
    enrolment = _found(request)
    if enrolment is None:
        return redirect("skills:enrolment_find")
    others = list(
        queries.upcoming()
        .filter(module_id=enrolment.session.module_id, digibank_id=enrolment.digibank_id)
        .exclude(pk=enrolment.session_id)[:20]
    )
    choices = [(session.pk, _session_label(session)) for session in others]
    form = ChooseSessionForm(request.POST if request.method == "POST" else None, sessions=choices)
    if request.method == "POST" and form.is_valid():
        target = next(s for s in others if s.pk == form.cleaned_data["session"])
        try:
            changed = services.change_enrolment(by=PUBLIC, enrolment=enrolment, session=target)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            request.session[FOUND] = changed.pk
            messages.success(
                request, _("Your enrolment is changed. Your reference code stays the same.")
            )
            return redirect("skills:enrolment_manage")
    return render(
        request,
        "skills/public/enrolment_change.html",
        {"enrolment": enrolment, "form": form, "others": others},
    )


def _session_label(session: Session) -> str:
    full = (
        _("full: waiting list")
        if session.is_full
        else _("%(count)s places left") % {"count": session.places_left}
    )
    return f"{when_text(list(session.dates.all()))} – {place_text(session)} ({full})"
