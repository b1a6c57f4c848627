"""Public pages: "I need a device" (no account, one question per page) and "How is my request
doing?" by reference code.

The status page shows only the status, the next step and the digibank's contact details: the code
is all a visitor gives, so nothing about the person is ever shown.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from digibank.core.login_limits import client_address
from digibank.core.phones import phone_text
from digibank.core.throttle import REFERENCE_LOOKUPS, too_many_codes
from digibank.lending import public_flow, services
from digibank.lending.forms import NOT_SURE, StatusForm
from digibank.lending.models import (
    AllocationStatus,
    DeviceRequest,
    Need,
    RequestStatus,
)
from digibank.lending.next_step import next_step
from digibank.lending.public_flow import FLOW
from digibank.lending.queries import waiting_position
from digibank.organisations import postcode_steps
from digibank.organisations.models import Digibank
from digibank.organisations.permissions import public_view
from digibank.people.models import ContactMethod


@public_view
@require_GET
def public_start(request: HttpRequest) -> HttpResponse:
    return render(request, "lending/public/start.html")


@public_view
@require_http_methods(["GET", "POST"])
def public_step(request: HttpRequest, step: str) -> HttpResponse:
    return FLOW.question_page(request, step, "lending/public/question.html")


def _summary(answers: dict) -> list[tuple[str, str, str]]:
    """(question, answer, step) for the "Check your answers" page."""
    digibank = postcode_steps.digibank_of(answers)
    needs = dict(Need.choices)
    kinds = dict(public_flow.KIND_CHOICES)
    contact = dict(public_flow.CONTACT_CHOICES)
    rows = [(FLOW["postcode"].title, answers["postcode"], "postcode")]
    asked = {step.slug for step in FLOW.applicable(answers)}
    if digibank is not None and "digibank" in asked:
        rows.append((FLOW["digibank"].title, digibank.name, "digibank"))
    rows += [
        (FLOW["needs"].title, ", ".join(str(needs[need]) for need in answers["needs"]), "needs"),
        (FLOW["device"].title, str(kinds.get(answers["device_kind"], "")), "device"),
        (FLOW["accessibility"].title, answers["accessibility_needs"], "accessibility"),
        (FLOW["household"].title, answers["household_note"], "household"),
        (FLOW["name"].title, f"{answers['first_name']} {answers['last_name']}", "name"),
        (FLOW["birth-year"].title, str(answers["birth_year"] or ""), "birth-year"),
        (FLOW["contact"].title, str(contact.get(answers["contact_method"], "")), "contact"),
    ]
    if answers["contact_method"] == ContactMethod.PHONE:
        rows.append((FLOW["phone"].title, phone_text(answers["phone"]), "phone"))
    if answers["contact_method"] == ContactMethod.EMAIL:
        rows.append((FLOW["email"].title, answers["email"], "email"))
    return FLOW.summary(rows)


def _submit(answers: dict, digibank: Digibank) -> DeviceRequest:
    return services.submit_public_request(
        digibank=digibank,
        first_name=answers["first_name"],
        last_name=answers["last_name"],
        birth_year=answers["birth_year"],
        postcode=answers["postcode"],
        contact_method=answers["contact_method"],
        phone=answers.get("phone") or "",
        email=answers.get("email") or "",
        language=(get_language() or "nl")[:2],
        needs=answers["needs"],
        device_kind="" if answers["device_kind"] == NOT_SURE else answers["device_kind"],
        accessibility_needs=answers["accessibility_needs"],
        household_note=answers["household_note"],
    )


# Where the reference code went, for the confirmation page: the answers are gone by then.
SENT_TO_KEY = "lending_code_sent_to"


def _submit_and_remember(request: HttpRequest, answers: dict, digibank: Digibank) -> DeviceRequest:
    made = _submit(answers, digibank)
    method = answers.get("contact_method")
    if method == ContactMethod.PHONE and answers.get("phone"):
        sent_to = {"by": "phone", "to": phone_text(answers["phone"])}
    elif method == ContactMethod.EMAIL and answers.get("email"):
        sent_to = {"by": "email", "to": answers["email"]}
    else:
        sent_to = {}
    request.session[SENT_TO_KEY] = {"request": made.pk, **sent_to}
    return made


@public_view
@require_http_methods(["GET", "POST"])
def public_check(request: HttpRequest) -> HttpResponse:
    answers = FLOW.answers(request.session)
    digibank = postcode_steps.digibank_of(answers)
    return FLOW.check_page(
        request,
        answers,
        template="lending/public/check.html",
        ready=digibank is not None,
        submit=lambda: _submit_and_remember(request, answers, postcode_steps.chosen(digibank)),
        context=lambda: {"rows": _summary(answers), "digibank": digibank},
    )


@public_view
@require_GET
def public_sent(request: HttpRequest) -> HttpResponse:
    request_id = FLOW.made_id(request.session)
    sent = DeviceRequest.objects.select_related("digibank", "person").filter(pk=request_id).first()
    if sent is None:
        return redirect("lending:public_start")
    remembered = request.session.get(SENT_TO_KEY) or {}
    return render(
        request,
        "lending/public/sent.html",
        {
            "device_request": sent,
            "sent_to": remembered if remembered.get("request") == sent.pk else {},
            "contacted": sent.person is not None
            and sent.person.contact_method in {ContactMethod.PHONE, ContactMethod.EMAIL},
        },
    )


def public_status_of(device_request: DeviceRequest) -> dict:
    """What the status page may show: the status, the next step and where to ask. No names."""
    info: dict = {
        "status": device_request.status,
        "digibank": device_request.digibank,
        "next_step": next_step(device_request, proof_seen=device_request.evidence.exists()),
    }
    if device_request.status == RequestStatus.WAITING:
        info["position"] = waiting_position(device_request)
    if device_request.status == RequestStatus.RESERVED:
        allocation = (
            device_request.allocations.filter(status=AllocationStatus.ACTIVE)
            .select_related("hub__municipality")
            .first()
        )
        info["hub"] = allocation.hub if allocation else None
    return info


@public_view
@require_http_methods(["GET", "POST"])
def public_status(request: HttpRequest) -> HttpResponse:
    """Unknown codes are counted per client address (`core.throttle.REFERENCE_LOOKUPS`): past the
    limit, every look-up from that address is refused for a while, so codes cannot be guessed."""
    form = StatusForm(request.POST or None)
    found = None
    address = client_address(request)
    wait = REFERENCE_LOOKUPS.retry_after(address) if request.method == "POST" else None
    if wait is not None:
        form.add_error(None, too_many_codes(wait))
        response = render(request, "lending/public/status.html", {"form": form}, status=429)
        response["Retry-After"] = str(wait)
        return response
    if request.method == "POST" and form.is_valid():
        found = (
            DeviceRequest.objects.select_related("digibank", "eligibility_rule", "person")
            .filter(reference=form.cleaned_data["reference"])
            .first()
        )
        if found is None:
            REFERENCE_LOOKUPS.count_failure(address)
            form.add_error(
                "reference",
                _(
                    "We cannot find a request with this code. Check the code, or contact the "
                    "digibank."
                ),
            )
    return render(
        request,
        "lending/public/status.html",
        {"form": form, "info": public_status_of(found) if found else None},
    )
