"""Public pages for donors: what we accept, how we erase data, and the offer (no account)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from digibank.core.errors import DomainError
from digibank.core.permissions import public_view
from digibank.devices import public_flow, services
from digibank.devices.models import Delivery, DeviceKind, Donation
from digibank.devices.public_flow import DONE_KEY, SESSION_KEY, STEP_BY_SLUG


def _answers(request: HttpRequest) -> dict:
    return dict(request.session.get(SESSION_KEY, {}))


def _step_url(slug: str, *, change: bool = False) -> str:
    url = reverse("devices:donate_step", kwargs={"step": slug})
    return f"{url}?change=1" if change else url


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
    current = STEP_BY_SLUG.get(step)
    if current is None:
        raise Http404
    answers = _answers(request)
    steps = public_flow.applicable_steps(answers)
    open_step = public_flow.first_open_step(answers)
    if current not in steps or (
        open_step is not None and steps.index(open_step) < steps.index(current)
    ):
        # Not asked of this donor, or an earlier question is still open: go there first.
        target = _step_url(open_step.slug) if open_step else reverse("devices:donate_check")
        return redirect(target)
    changing = request.GET.get("change") == "1"
    kwargs = current.form_kwargs(answers)
    if request.method == "POST":
        form = current.form_class(request.POST, **kwargs)
        if form.is_valid():
            answers = public_flow.store(answers, current, form)
            request.session[SESSION_KEY] = answers
            following = public_flow.first_open_step(answers)
            if following is None:
                return redirect("devices:donate_check")
            return redirect(_step_url(following.slug, change=changing))
    else:
        form = current.form_class(initial=current.initial(answers), **kwargs)
    previous = public_flow.previous_step(current, answers)
    if changing:
        back = reverse("devices:donate_check")
    elif previous is not None:
        back = _step_url(previous.slug)
    else:
        back = reverse("devices:donate_start")
    return render(
        request,
        "devices/public/question.html",
        {
            "form": form,
            "step": current,
            "back": back,
            "action": _step_url(current.slug, change=changing),
            "number": steps.index(current) + 1,
            "total": len(steps),
        },
    )


def _summary(answers: dict) -> list[tuple[str, str, str]]:
    """(question, answer, link to change it) for the "Check your answers" page."""
    digibank = public_flow.digibank_of(answers)
    labels = dict(DeviceKind.choices)
    counts = ", ".join(
        f"{count} × {labels[kind]}" for kind, count in answers["expected_counts"].items()
    )
    delivery = dict(public_flow.DeliveryForm.base_fields["delivery"].choices)
    rows = [
        (STEP_BY_SLUG["postcode"].title, answers["postcode"], "postcode"),
        (_("Digibank"), digibank.name if digibank else "", "postcode"),
        (STEP_BY_SLUG["devices"].title, counts, "devices"),
        (STEP_BY_SLUG["delivery"].title, str(delivery[answers["delivery"]]), "delivery"),
    ]
    if answers["delivery"] == Delivery.PICK_UP:
        rows.append((STEP_BY_SLUG["address"].title, answers["street"], "address"))
    rows += [
        (_("Company"), answers["donor_name"], "company"),
        (_("Company number"), answers.get("company_number") or "", "company"),
        (_("Contact person"), answers["contact_name"], "contact"),
        (_("Email address"), answers.get("contact_email") or "", "contact"),
        (_("Phone number"), answers.get("contact_phone") or "", "contact"),
        (
            STEP_BY_SLUG["certificate"].title,
            _("Yes") if answers["wants_certificate"] else _("No"),
            "certificate",
        ),
    ]
    if digibank is not None and len(public_flow.digibanks_for_postcode(answers["postcode"])) > 1:
        rows[1] = (_("Digibank"), digibank.name, "digibank")
    return [
        (str(question), answer, _step_url(slug, change=True)) for question, answer, slug in rows
    ]


@public_view
@require_http_methods(["GET", "POST"])
def donate_check(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    open_step = public_flow.first_open_step(answers)
    digibank = public_flow.digibank_of(answers)
    if open_step is not None or digibank is None:
        return redirect(_step_url(open_step.slug if open_step else "postcode"))
    problem = ""
    if request.method == "POST":
        try:
            donation = services.offer_donation(
                digibank=digibank, **public_flow.offer_fields(answers)
            )
        except DomainError as error:
            problem = error.message
        else:
            request.session.pop(SESSION_KEY, None)
            request.session[DONE_KEY] = donation.pk
            return redirect("devices:donate_sent")
    return render(
        request,
        "devices/public/check.html",
        {"rows": _summary(answers), "digibank": digibank, "problem": problem},
    )


@public_view
@require_GET
def donate_sent(request: HttpRequest) -> HttpResponse:
    donation = (
        Donation.objects.select_related("digibank").filter(pk=request.session.get(DONE_KEY)).first()
    )
    if donation is None:
        return redirect("devices:donate_start")
    return render(request, "devices/public/sent.html", {"donation": donation})
