"""Region pages: the region's skills check (versions and statements) and its local competences.

Region analysts may read them; region admins change them. A published version is read-only: to
change statements an admin starts a draft, edits it and publishes it.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digibank.core.errors import DomainError
from digibank.organisations.permissions import RegionPerm, RegionRequest, region_view
from digibank.organisations.views.common import add_domain_error
from digibank.skills import queries, services
from digibank.skills.forms import LocalCompetenceForm, StatementForm
from digibank.skills.models import CheckVersion, Statement


def _version(request: RegionRequest, version_id: int) -> CheckVersion:
    return get_object_or_404(queries.versions_of(request.region_access.region), pk=version_id)


def _statement(request: RegionRequest, statement_id: int) -> Statement:
    return get_object_or_404(
        Statement.objects.select_related("version__region").filter(
            version__region=request.region_access.region
        ),
        pk=statement_id,
    )


def _to_version(request: RegionRequest, version: CheckVersion) -> HttpResponse:
    return redirect(
        "skills:region_version", region=request.region_access.region.slug, version_id=version.pk
    )


@region_view(RegionPerm.VIEW_REGION)
@require_GET
def region_home(request: RegionRequest) -> HttpResponse:
    region = request.region_access.region
    return render(
        request,
        "skills/region/home.html",
        {
            "region": region,
            "versions": queries.versions_of(region),
            "competences": queries.local_competences_of(region),
            "can_manage": request.region_access.can(RegionPerm.MANAGE_REGION),
        },
    )


@region_view(RegionPerm.VIEW_REGION)
@require_GET
def region_version(request: RegionRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    return render(
        request,
        "skills/region/version.html",
        {
            "region": request.region_access.region,
            "version": version,
            "statements": queries.statements_of(version),
            "can_manage": request.region_access.can(RegionPerm.MANAGE_REGION),
        },
    )


@region_view(RegionPerm.MANAGE_REGION)
@require_POST
def version_start(request: RegionRequest) -> HttpResponse:
    region = request.region_access.region
    try:
        draft = services.start_draft_version(region=region, by=request.region_access)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("skills:region_home", region=region.slug)
    return _to_version(request, draft)


@region_view(RegionPerm.MANAGE_REGION)
@require_POST
def version_publish(request: RegionRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    try:
        services.publish_version(version=version, by=request.region_access)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Published: residents now take this version."))
    return _to_version(request, version)


@region_view(RegionPerm.MANAGE_REGION)
@require_http_methods(["GET", "POST"])
def statement_add(request: RegionRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    region = request.region_access.region
    form = StatementForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_statement(version=version, by=request.region_access, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The statement was added."))
            return _to_version(request, version)
    return render(
        request,
        "skills/region/statement_form.html",
        {"region": region, "version": version, "form": form, "statement": None},
    )


@region_view(RegionPerm.MANAGE_REGION)
@require_http_methods(["GET", "POST"])
def statement_edit(request: RegionRequest, statement_id: int) -> HttpResponse:
    statement = _statement(request, statement_id)
    region = request.region_access.region
    initial = {
        "text_nl": statement.text_nl,
        "text_fr": statement.text_fr,
        "text_en": statement.text_en,
        "competence": statement.competence_id,
        "level": statement.level,
    }
    form = StatementForm(request.POST or None, region=region, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_statement(
                statement=statement, by=request.region_access, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The statement was saved."))
            return _to_version(request, statement.version)
    return render(
        request,
        "skills/region/statement_form.html",
        {"region": region, "version": statement.version, "form": form, "statement": statement},
    )


@region_view(RegionPerm.MANAGE_REGION)
@require_POST
def statement_remove(request: RegionRequest, statement_id: int) -> HttpResponse:
    statement = _statement(request, statement_id)
    try:
        services.remove_statement(statement=statement, by=request.region_access)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The statement was removed."))
    return _to_version(request, statement.version)


@region_view(RegionPerm.MANAGE_REGION)
@require_http_methods(["GET", "POST"])
def competence_add(request: RegionRequest) -> HttpResponse:
    region = request.region_access.region
    form = LocalCompetenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_local_competence(
                region=region, by=request.region_access, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The competence was added."))
            return redirect("skills:region_home", region=region.slug)
    return render(request, "skills/region/competence_form.html", {"region": region, "form": form})
