"""Coordinator settings of the device bank: eligibility rules and the lending regulation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from digibank.core.errors import DomainError
from digibank.lending import queries, services
from digibank.lending.forms import RegulationForm, RuleForm, WhoDecidesForm
from digibank.lending.services.eligibility import is_default_rule
from digibank.lending.views.common import add_error
from digibank.organisations import services as organisation_services
from digibank.organisations.permissions import Perm, StaffRequest, staff_view


@staff_view(Perm.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def rule_list(request: StaffRequest) -> HttpResponse:
    """The digibank's eligibility rules, and the form to add one."""
    access = request.access
    form = RuleForm(request.POST or None, initial={"priority": 2, "active": True})
    if request.method == "POST" and form.is_valid():
        try:
            rule = services.add_rule(
                digibank=access.digibank, by=request.access, **form.cleaned_data
            )
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The rule “%(rule)s” is added.") % {"rule": rule.label})
            return redirect("lending:rules", digibank=access.digibank.slug)
    return render(
        request,
        "lending/staff/rules.html",
        {"form": form, "rules": queries.rules_for(access).order_by("priority", "id")},
    )


@staff_view(Perm.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def rule_edit(request: StaffRequest, rule_id: int) -> HttpResponse:
    access = request.access
    rule = get_object_or_404(queries.rules_for(access), pk=rule_id)
    standard = is_default_rule(rule)
    if request.method == "POST":
        form = RuleForm(request.POST, standard=standard)
        if form.is_valid():
            try:
                services.update_rule(rule=rule, by=request.access, **form.cleaned_data)
            except DomainError as error:
                add_error(form, error)
            else:
                messages.success(request, _("The rule is saved."))
                return redirect("lending:rules", digibank=access.digibank.slug)
    else:
        form = RuleForm(initial=RuleForm.initial_for(rule), standard=standard)
    return render(request, "lending/staff/rule_edit.html", {"form": form, "rule": rule})


@staff_view(Perm.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def regulation(request: StaffRequest) -> HttpResponse:
    """The current regulation, its earlier versions, and the form to publish a new version."""
    access = request.access
    versions = list(queries.regulations_for(access).order_by("-version"))
    current = versions[0] if versions else None
    if request.method == "POST":
        form = RegulationForm(request.POST)
        if form.is_valid():
            try:
                published = services.publish_regulation(
                    digibank=access.digibank, by=request.access, **form.cleaned_data
                )
            except DomainError as error:
                add_error(form, error)
            else:
                messages.success(
                    request,
                    _("Version %(version)d is published. New agreements use it.")
                    % {"version": published.version},
                )
                return redirect("lending:regulation", digibank=access.digibank.slug)
    else:
        initial = (
            {"text_nl": current.text_nl, "text_fr": current.text_fr, "text_en": current.text_en}
            if current
            else {}
        )
        form = RegulationForm(initial=initial)
    return render(
        request,
        "lending/staff/regulation.html",
        {"form": form, "current": current, "versions": versions},
    )


@staff_view(Perm.MANAGE_SETTINGS)
@require_GET
def regulation_version(request: StaffRequest, regulation_id: int) -> HttpResponse:
    version = get_object_or_404(queries.regulations_for(request.access), pk=regulation_id)
    return render(request, "lending/staff/regulation_version.html", {"version": version})


@staff_view(Perm.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def who_decides(request: StaffRequest) -> HttpResponse:
    """The coordinator's choice: do a partner's referrers decide their own referrals?"""
    access = request.access
    current = "yes" if access.digibank.referrers_decide_eligibility else "no"
    form = WhoDecidesForm(
        request.POST if request.method == "POST" else None,
        initial={"referrers_decide_eligibility": current},
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation_services.update_digibank(
                digibank=access.digibank,
                by=access,
                referrers_decide_eligibility=form.cleaned_data["referrers_decide_eligibility"],
            )
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Who decides eligibility is saved."))
            return redirect("lending:rules", digibank=access.digibank.slug)
    return render(request, "lending/staff/who_decides.html", {"form": form})
