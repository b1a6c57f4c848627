"""Public pages: "I need a device" (no account, one question per page) and "How is my request
doing?" by reference code.

The status page shows only the status, the next step and the digibank's contact details: the code
is all a visitor gives, so nothing about the person is ever shown.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from digibank.core.errors import DomainError
from digibank.core.permissions import public_view
from digibank.lending import public_flow, services
from digibank.lending.forms import NOT_SURE, StatusForm
from digibank.lending.models import (
    AllocationStatus,
    DeviceRequest,
    Need,
    RequestStatus,
)
from digibank.lending.public_flow import DONE_KEY, SESSION_KEY, STEP_BY_SLUG
from digibank.lending.queries import waiting_order
from digibank.people.models import ContactMethod


def _answers(request: HttpRequest) -> dict:
    return dict(request.session.get(SESSION_KEY, {}))


def _step_url(slug: str, *, change: bool = False) -> str:
    url = reverse("lending:public_step", kwargs={"step": slug})
    return f"{url}?change=1" if change else url


@public_view
@require_GET
def public_start(request: HttpRequest) -> HttpResponse:
    return render(request, "lending/public/start.html")


@public_view
@require_http_methods(["GET", "POST"])
def public_step(request: HttpRequest, step: str) -> HttpResponse:
    current = STEP_BY_SLUG.get(step)
    if current is None:
        raise Http404
    answers = _answers(request)
    steps = public_flow.applicable_steps(answers)
    open_step = public_flow.first_open_step(answers)
    if current not in steps or (
        open_step is not None and steps.index(open_step) < steps.index(current)
    ):
        # Not for this resident, or an earlier question is still open: go there first.
        return redirect(_step_url(open_step.slug) if open_step else reverse("lending:public_check"))
    changing = request.GET.get("change") == "1"
    kwargs = current.form_kwargs(answers)
    if request.method == "POST":
        form = current.form_class(request.POST, **kwargs)
        if form.is_valid():
            answers = public_flow.store(answers, current, form.cleaned_data)
            request.session[SESSION_KEY] = answers
            following = public_flow.first_open_step(answers)
            if following is None:
                return redirect("lending:public_check")
            return redirect(_step_url(following.slug, change=changing))
    else:
        initial = {key: answers[key] for key in current.keys if key in answers}
        form = current.form_class(initial=initial, **kwargs)
    previous = public_flow.previous_step(current, answers)
    if changing:
        back = reverse("lending:public_check")
    elif previous is not None:
        back = _step_url(previous.slug)
    else:
        back = reverse("lending:public_start")
    return render(
        request,
        "lending/public/question.html",
        {
            "form": form,
            "step": current,
            "back": back,
            "action": _step_url(current.slug, change=changing),
        },
    )


def _summary(answers: dict) -> list[tuple[str, str, str]]:
    """(question, answer, step) for the "Check your answers" page."""
    digibank = public_flow.digibank_of(answers)
    needs = dict(Need.choices)
    kinds = dict(public_flow.KindForm.base_fields["device_kind"].choices)
    contact = dict(public_flow.CONTACT_CHOICES)
    rows = [
        (public_flow.STEP_BY_SLUG["postcode"].title, answers["postcode"], "postcode"),
    ]
    asked = {step.slug for step in public_flow.applicable_steps(answers)}
    if digibank is not None and "digibank" in asked:
        rows.append((public_flow.STEP_BY_SLUG["digibank"].title, digibank.name, "digibank"))
    rows += [
        (
            public_flow.STEP_BY_SLUG["needs"].title,
            ", ".join(str(needs[need]) for need in answers["needs"]),
            "needs",
        ),
        (
            public_flow.STEP_BY_SLUG["device"].title,
            str(kinds.get(answers["device_kind"], "")),
            "device",
        ),
        (
            public_flow.STEP_BY_SLUG["accessibility"].title,
            answers["accessibility_needs"],
            "accessibility",
        ),
        (public_flow.STEP_BY_SLUG["household"].title, answers["household_note"], "household"),
        (
            public_flow.STEP_BY_SLUG["name"].title,
            f"{answers['first_name']} {answers['last_name']}",
            "name",
        ),
        (
            public_flow.STEP_BY_SLUG["birth-year"].title,
            str(answers["birth_year"] or ""),
            "birth-year",
        ),
        (
            public_flow.STEP_BY_SLUG["contact"].title,
            str(contact.get(answers["contact_method"], "")),
            "contact",
        ),
    ]
    if answers["contact_method"] == ContactMethod.PHONE:
        rows.append((public_flow.STEP_BY_SLUG["phone"].title, answers["phone"], "phone"))
    if answers["contact_method"] == ContactMethod.EMAIL:
        rows.append((public_flow.STEP_BY_SLUG["email"].title, answers["email"], "email"))
    return [
        (str(question), answer, _step_url(slug, change=True)) for question, answer, slug in rows
    ]


@public_view
@require_http_methods(["GET", "POST"])
def public_check(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    open_step = public_flow.first_open_step(answers)
    digibank = public_flow.digibank_of(answers)
    if open_step is not None or digibank is None:
        return redirect(_step_url(open_step.slug if open_step else "postcode"))
    problem = ""
    if request.method == "POST":
        try:
            created = services.submit_public_request(
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
        except DomainError as error:
            problem = error.message
        else:
            request.session.pop(SESSION_KEY, None)
            request.session[DONE_KEY] = created.pk
            return redirect("lending:public_sent")
    return render(
        request,
        "lending/public/check.html",
        {"rows": _summary(answers), "digibank": digibank, "problem": problem},
    )


@public_view
@require_GET
def public_sent(request: HttpRequest) -> HttpResponse:
    request_id = request.session.get(DONE_KEY)
    sent = DeviceRequest.objects.select_related("digibank", "person").filter(pk=request_id).first()
    if sent is None:
        return redirect("lending:public_start")
    return render(
        request,
        "lending/public/sent.html",
        {
            "device_request": sent,
            "contacted": sent.person.contact_method in {ContactMethod.PHONE, ContactMethod.EMAIL},
        },
    )


def public_status_of(device_request: DeviceRequest) -> dict:
    """What the status page may show: the status, the next step and where to ask. No names."""
    info: dict = {"status": device_request.status, "digibank": device_request.digibank}
    if device_request.status == RequestStatus.WAITING:
        order = list(
            waiting_order(
                DeviceRequest.objects.filter(digibank_id=device_request.digibank_id)
            ).values_list("id", flat=True)
        )
        info["position"] = (
            order.index(device_request.pk) + 1 if device_request.pk in order else None
        )
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
    form = StatusForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = (
            DeviceRequest.objects.select_related("digibank")
            .filter(reference=form.cleaned_data["reference"])
            .first()
        )
        if found is None:
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
