"""Public pages for donors: what we accept, how we erase data, and the offer (no account)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from digibank.core.phones import phone_text
from digibank.devices import public_flow, services
from digibank.devices.models import Delivery, DeviceKind, Donation
from digibank.devices.public_flow import FLOW
from digibank.organisations import postcode_steps
from digibank.organisations.permissions import public_view


@public_view
@require_GET
def donate_start(request: HttpRequest) -> HttpResponse:
    return render(request, "devices/public/donate_start.html")


@public_view
@require_GET
def donate_wiping(request: HttpRequest) -> HttpResponse:
    return render(request, "devices/public/donate_wiping.html")


@public_view
@require_http_methods(["GET", "POST"])
def donate_step(request: HttpRequest, step: str) -> HttpResponse:
    return FLOW.question_page(request, step, "devices/public/question.html")


def _summary(answers: dict) -> list[tuple[str, str, str]]:
    """(question, answer, link to change it) for the "Check your answers" page."""
    digibank = postcode_steps.digibank_of(answers)
    labels = dict(DeviceKind.choices)
    counts = ", ".join(
        f"{count} × {labels[kind]}" for kind, count in answers["expected_counts"].items()
    )
    delivery = dict(public_flow.DELIVERY_CHOICES)
    rows = [
        (FLOW["postcode"].title, answers["postcode"], "postcode"),
        (_("Digibank"), digibank.name if digibank else "", "postcode"),
        (FLOW["devices"].title, counts, "devices"),
        (FLOW["delivery"].title, str(delivery[answers["delivery"]]), "delivery"),
    ]
    if answers["delivery"] == Delivery.PICK_UP:
        rows.append((FLOW["address"].title, answers["street"], "address"))
    rows += [
        (_("Company"), answers["donor_name"], "company"),
        (_("Company number"), answers.get("company_number") or "", "company"),
        (_("Contact person"), answers["contact_name"], "contact"),
        (_("Email address"), answers.get("contact_email") or "", "contact"),
        (_("Phone number"), phone_text(answers.get("contact_phone") or ""), "contact"),
        (
            FLOW["certificate"].title,
            _("Yes") if answers["wants_certificate"] else _("No"),
            "certificate",
        ),
    ]
    if digibank is not None and postcode_steps.several_digibanks_serve(answers):
        rows[1] = (_("Digibank"), digibank.name, "digibank")
    return FLOW.summary(rows)


@public_view
@require_http_methods(["GET", "POST"])
def donate_check(request: HttpRequest) -> HttpResponse:
    answers = FLOW.answers(request.session)
    digibank = postcode_steps.digibank_of(answers)
    return FLOW.check_page(
        request,
        answers,
        template="devices/public/check.html",
        ready=digibank is not None,
        submit=lambda: services.offer_donation(
            digibank=postcode_steps.chosen(digibank), **public_flow.offer_fields(answers)
        ),
        context=lambda: {"rows": _summary(answers), "digibank": digibank},
    )


@public_view
@require_GET
def donate_sent(request: HttpRequest) -> HttpResponse:
    donation = (
        Donation.objects.select_related("digibank").filter(pk=FLOW.made_id(request.session)).first()
    )
    if donation is None:
        return redirect("devices:donate_start")
    return render(request, "devices/public/sent.html", {"donation": donation})
