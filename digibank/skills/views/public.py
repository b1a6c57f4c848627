"""The public skills check: no account, short pages, answers kept on the check as they come.

The reference code never travels in a URL (it would end up in logs and in other sites' referrer
headers): it is typed into the resume form, and the session then knows the check.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from digibank.core.codes import display_code
from digibank.core.errors import DomainError
from digibank.core.login_limits import client_address
from digibank.core.throttle import REFERENCE_LOOKUPS, too_many_codes
from digibank.organisations.models import Region
from digibank.organisations.permissions import PUBLIC, public_view
from digibank.organisations.views.common import add_domain_error
from digibank.skills import flow, services
from digibank.skills.forms import ResumeForm, StartForm
from digibank.skills.models import SkillsCheck
from digibank.skills.report import report_for
from digibank.skills.session_forms import NearForm
from digibank.skills.session_queries import next_sessions_by_module


def _regions() -> QuerySet[Region]:
    """Regions whose check residents can take."""
    return Region.objects.filter(check_versions__published_at__isnull=False).distinct()


@public_view
@require_http_methods(["GET", "POST"])
def public_start(request: HttpRequest) -> HttpResponse:
    regions = _regions()
    choices = list(regions[:2])
    form = StartForm(request.POST if request.method == "POST" else None, regions=regions)
    if request.method == "POST":
        region = choices[0] if len(choices) == 1 else None
        if region is None and form.is_valid():
            region = form.cleaned_data["region"]
        if region is not None:
            try:
                check = services.start_check(
                    region=region, by=PUBLIC, language=(get_language() or "nl")[:2]
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                flow.take(request.session, check)
                return redirect(flow.CheckFlow(check).step_url("1"))
    return render(
        request,
        "skills/public/start.html",
        {"form": form, "ask_region": len(choices) > 1, "available": bool(choices)},
    )


@public_view
@never_cache
@require_http_methods(["GET", "POST"])
def public_step(request: HttpRequest, step: str) -> HttpResponse:
    check = flow.taking(request.session)
    if check is None:
        return redirect("skills:public_start")
    check_flow = flow.CheckFlow(check)
    current = check_flow.get(step)
    rating = current is not None and current.form_class is flow.StatementsForm
    return check_flow.question_page(
        request,
        step,
        "skills/public/question.html",
        {"code": display_code(check.code), "rating": rating},
    )


@public_view
@never_cache
@require_http_methods(["GET", "POST"])
def public_finish(request: HttpRequest) -> HttpResponse:
    """Every page answered: the visitor can go back to change answers, or see the result."""
    check = flow.taking(request.session)
    if check is None:
        return redirect("skills:public_start")
    check_flow = flow.CheckFlow(check)
    rows = check_flow.summary((step.title, _("answered"), step.slug) for step in check_flow.steps)
    return check_flow.check_page(
        request,
        check_flow.answers(request.session),
        template="skills/public/finish.html",
        ready=True,
        submit=lambda: services.complete_check(check=check, by=PUBLIC),
        context=lambda: {"rows": rows, "code": display_code(check.code)},
    )


@public_view
@never_cache
@require_GET
def public_pause(request: HttpRequest) -> HttpResponse:
    """Stop for now: the code to come back with."""
    check = flow.taking(request.session)
    if check is None:
        return redirect("skills:public_start")
    check_flow = flow.CheckFlow(check)
    open_step = check_flow.first_open(check.answers)
    return render(
        request,
        "skills/public/pause.html",
        {
            "code": display_code(check.code),
            "done": check_flow.answered_pages(),
            "total": len(check_flow.steps),
            "back": check_flow.step_url(open_step.slug) if open_step else None,
        },
    )


@public_view
@never_cache
@require_http_methods(["GET", "POST"])
def public_resume(request: HttpRequest) -> HttpResponse:
    """Unknown codes count towards the same per-address limit as the device request's status
    look-up (`core.throttle.REFERENCE_LOOKUPS`): past it, every code from that address is refused
    for a while, so a guesser cannot walk through the codes of either."""
    form = ResumeForm(request.POST or None)
    address = client_address(request)
    wait = REFERENCE_LOOKUPS.retry_after(address) if request.method == "POST" else None
    if wait is not None:
        form.add_error(None, too_many_codes(wait))
        response = render(request, "skills/public/resume.html", {"form": form}, status=429)
        response["Retry-After"] = str(wait)
        return response
    if request.method == "POST" and form.is_valid():
        check = SkillsCheck.objects.filter(code=form.cleaned_data["code"]).first()
        if check is None:
            REFERENCE_LOOKUPS.count_failure(address)
            form.add_error("code", _("We cannot find a skills check with this code. Check it."))
        else:
            flow.take(request.session, check)
            if check.is_complete:
                return redirect("skills:public_result")
            check_flow = flow.CheckFlow(check)
            open_step = check_flow.first_open(check.answers)
            if open_step is None:
                return redirect("skills:public_finish")
            return redirect(check_flow.step_url(open_step.slug))
    return render(request, "skills/public/resume.html", {"form": form})


@public_view
@never_cache
@require_GET
def public_result(request: HttpRequest) -> HttpResponse:
    check = flow.finished(request.session)
    if check is None:
        return redirect("skills:public_start")
    report = report_for(check)
    near = NearForm(request.GET or None)
    postcode = near.cleaned_data["postcode"] if near.is_valid() else ""
    sessions = next_sessions_by_module(
        [advice.module.pk for advice in report.modules], postcode=postcode
    )
    return render(
        request,
        "skills/public/result.html",
        {
            "check": check,
            "code": display_code(check.code),
            "report": report,
            "near": near,
            "postcode": postcode,
            "next_sessions": [(advice, sessions[advice.module.pk]) for advice in report.modules],
        },
    )
