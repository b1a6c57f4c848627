"""The resident's booking pages and the pages to cancel or move with the reference code.

No account and no JavaScript: one question per page, a "Check your answers" page, a
confirmation with the code. The code never travels in a URL (it would end up in logs and in
other sites' referrer headers): it is typed into a form, and the session then knows the
appointment.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from digibank.core.errors import DomainError
from digibank.core.login_limits import client_address
from digibank.core.phones import phone_text
from digibank.core.throttle import REFERENCE_LOOKUPS, too_many_codes
from digibank.help import queries, services
from digibank.help.booking_flow import FLOW, slot_of, times_for, topic_of
from digibank.help.forms.labels import when, where
from digibank.help.forms.public import CodeForm, TimeForm
from digibank.help.models import Appointment, AppointmentStatus
from digibank.organisations.permissions import PUBLIC, public_view
from digibank.organisations.views.common import add_domain_error

# The appointment whose code was typed in this browser.
MANAGED_KEY = "help_managed_appointment"


@public_view
@require_GET
def book_start(request: HttpRequest) -> HttpResponse:
    """From a hub's page (`?hub=`) the booking keeps to that hub; `?hub=all` lets go of it."""
    wanted = request.GET.get("hub")
    if wanted:
        hub = queries.public_hub(wanted)
        FLOW.save(request.session, {"hub": hub.pk} if hub else {})
    answers = FLOW.answers(request.session)
    hub = queries.public_hub(answers["hub"]) if answers.get("hub") else None
    return render(
        request,
        "help/public/start.html",
        {"hub": hub, "available": queries.bookable_topics(hub_id=hub.pk if hub else None).exists()},
    )


@public_view
@require_http_methods(["GET", "POST"])
def book_step(request: HttpRequest, step: str) -> HttpResponse:
    answers = FLOW.answers(request.session)
    hub = queries.public_hub(answers["hub"]) if answers.get("hub") else None
    return FLOW.question_page(request, step, "help/public/question.html", {"hub": hub})


def _summary(answers: dict) -> list[tuple[str, str, str]]:
    topic, slot = topic_of(answers), slot_of(answers)
    contact = ", ".join(
        part
        for part in (phone_text(answers.get("phone") or ""), answers.get("email") or "")
        if part
    )
    return FLOW.summary(
        [
            (FLOW["topic"].title, topic.name if topic else "", "topic"),
            (FLOW["time"].title, f"{when(slot)}\n{where(slot)}" if slot else "", "time"),
            (FLOW["name"].title, answers.get("name") or "", "name"),
            (FLOW["contact"].title, contact, "contact"),
        ]
    )


def _book(answers: dict) -> Appointment:
    slot, topic = slot_of(answers), topic_of(answers)
    if slot is None or topic is None:
        raise DomainError(_("This time can no longer be booked. Choose another time."))
    return services.book_appointment(
        slot=slot,
        topic=topic,
        name=answers["name"],
        phone=answers.get("phone") or "",
        email=answers.get("email") or "",
        language=(get_language() or "nl")[:2],
        by=PUBLIC,
    )


@public_view
@require_http_methods(["GET", "POST"])
def book_check(request: HttpRequest) -> HttpResponse:
    answers = FLOW.answers(request.session)
    return FLOW.check_page(
        request,
        answers,
        template="help/public/check.html",
        ready=topic_of(answers) is not None and slot_of(answers) is not None,
        submit=lambda: _book(answers),
        context=lambda: {"rows": _summary(answers), "slot": slot_of(answers)},
    )


def _appointment(pk: int | None) -> Appointment | None:
    if not pk:
        return None
    return (
        Appointment.objects.select_related("slot__hub__municipality", "topic", "digibank")
        .filter(pk=pk)
        .first()
    )


@public_view
@never_cache
@require_GET
def book_done(request: HttpRequest) -> HttpResponse:
    appointment = _appointment(FLOW.made_id(request.session))
    if appointment is None:
        return redirect("help:book_start")
    request.session[MANAGED_KEY] = appointment.pk
    return render(request, "help/public/done.html", {"appointment": appointment})


@public_view
@never_cache
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    """Unknown codes count towards the per-address limit of every reference-code look-up
    (`core.throttle.REFERENCE_LOOKUPS`): past it, every code from that address is refused for a
    while, so codes cannot be guessed."""
    form = CodeForm(request.POST or None)
    address = client_address(request)
    wait = REFERENCE_LOOKUPS.retry_after(address) if request.method == "POST" else None
    if wait is not None:
        form.add_error(None, too_many_codes(wait))
        response = render(request, "help/public/manage.html", {"form": form}, status=429)
        response["Retry-After"] = str(wait)
        return response
    if request.method == "POST" and form.is_valid():
        found = Appointment.objects.filter(reference=form.cleaned_data["reference"]).first()
        if found is None:
            REFERENCE_LOOKUPS.count_failure(address)
            form.add_error(
                "reference",
                _("We cannot find an appointment with this code. Check the code, or call the hub."),
            )
        else:
            request.session[MANAGED_KEY] = found.pk
            return redirect("help:yours")
    return render(request, "help/public/manage.html", {"form": form})


def _managed(request: HttpRequest) -> Appointment | None:
    return _appointment(request.session.get(MANAGED_KEY))


@public_view
@never_cache
@require_GET
def yours(request: HttpRequest) -> HttpResponse:
    appointment = _managed(request)
    if appointment is None:
        return redirect("help:manage")
    return render(
        request,
        "help/public/yours.html",
        {"appointment": appointment, "changeable": _changeable(appointment)},
    )


def _changeable(appointment: Appointment) -> bool:
    return (
        appointment.status == AppointmentStatus.BOOKED
        and appointment.slot.changeable_until > timezone.now()
    )


@public_view
@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest) -> HttpResponse:
    appointment = _managed(request)
    if appointment is None:
        return redirect("help:manage")
    problem = ""
    if request.method == "POST":
        try:
            services.cancel_appointment(appointment=appointment, by=PUBLIC)
        except DomainError as error:
            problem = error.message
        else:
            return redirect("help:yours")
    return render(
        request, "help/public/cancel.html", {"appointment": appointment, "problem": problem}
    )


@public_view
@never_cache
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest) -> HttpResponse:
    appointment = _managed(request)
    if appointment is None:
        return redirect("help:manage")
    slots = [
        slot
        for slot in times_for({"topic": appointment.topic_id})
        if slot.digibank_id == appointment.digibank_id and slot.pk != appointment.slot_id
    ]
    form = TimeForm(request.POST or None, slots=slots)
    if request.method == "POST" and form.is_valid():
        chosen = next(slot for slot in slots if slot.pk == form.cleaned_data["slot"])
        try:
            services.move_appointment(appointment=appointment, slot=chosen, by=PUBLIC)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("help:yours")
    return render(
        request,
        "help/public/move.html",
        {"appointment": appointment, "form": form, "changeable": _changeable(appointment)},
    )
