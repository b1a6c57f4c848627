"""The region-wide guides on the region's pages: both region roles read them, the region admin
writes, changes, checks and hands them over (`RegionPerm.MANAGE_GUIDES`). Every digibank of the
region reads them on its staff pages. Another region's guide is a 404 here."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digibank.core.errors import DomainError
from digibank.help import guide_queries, services
from digibank.help.forms.guides import GuideForm
from digibank.help.models import Guide, HelpTopic
from digibank.help.views.guides import found_page, owner_page
from digibank.organisations.permissions import RegionPerm, RegionRequest, region_view
from digibank.organisations.views.common import add_domain_error


def _guide(request: RegionRequest, guide_id: int) -> Guide:
    return get_object_or_404(guide_queries.region_guides(request.region_access.region), pk=guide_id)


def _topics(request: RegionRequest) -> QuerySet[HelpTopic]:
    region = request.region_access.region
    return HelpTopic.objects.filter(region=region, digibank=None, active=True).order_by(
        "position", "code"
    )


@region_view(RegionPerm.VIEW_REGION)
@require_GET
def region_guides(request: RegionRequest) -> HttpResponse:
    region = request.region_access.region
    guides = guide_queries.region_guides(region)
    context = found_page(request, guides, guide_queries.topics_with_guides(guides))
    context.update(region=region, can_write=request.region_access.can(RegionPerm.MANAGE_GUIDES))
    return render(request, "help/guides/region_list.html", context)


@region_view(RegionPerm.VIEW_REGION)
@require_GET
def region_guide(request: RegionRequest, guide_id: int) -> HttpResponse:
    guide = _guide(request, guide_id)
    can_write = request.region_access.can(RegionPerm.MANAGE_GUIDES)
    return render(
        request,
        "help/guides/region_detail.html",
        {
            "region": request.region_access.region,
            "guide": guide,
            "versions": guide_queries.versions_of(guide),
            "can_edit": can_write,
            "can_check": can_write,
        },
    )


@region_view(RegionPerm.VIEW_REGION)
@require_GET
def region_guide_version(request: RegionRequest, guide_id: int, number: int) -> HttpResponse:
    guide = _guide(request, guide_id)
    version = get_object_or_404(guide.versions.select_related("saved_by", "topic"), number=number)
    return render(
        request,
        "help/guides/region_version.html",
        {"region": request.region_access.region, "guide": guide, "version": version},
    )


@region_view(RegionPerm.MANAGE_GUIDES)
@require_http_methods(["GET", "POST"])
def region_guide_add(request: RegionRequest) -> HttpResponse:
    access = request.region_access
    form = GuideForm(request.POST or None, topics=_topics(request))
    if request.method == "POST" and form.is_valid():
        try:
            guide = services.write_guide(
                region=access.region, digibank=None, fields=form.fields_given(), by=access
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The guide is saved."))
            return redirect("help:region_guide", region=access.region.slug, guide_id=guide.pk)
    return render(
        request,
        "help/guides/region_form.html",
        {"form": form, "guide": None, "region": access.region},
    )


@region_view(RegionPerm.MANAGE_GUIDES)
@require_http_methods(["GET", "POST"])
def region_guide_edit(request: RegionRequest, guide_id: int) -> HttpResponse:
    access = request.region_access
    guide = _guide(request, guide_id)
    form = GuideForm(request.POST or None, topics=_topics(request), guide=guide)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_guide(guide=guide, fields=form.fields_given(), by=access)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The guide is saved as a new version."))
            return redirect("help:region_guide", region=access.region.slug, guide_id=guide.pk)
    return render(
        request,
        "help/guides/region_form.html",
        {"form": form, "guide": guide, "region": access.region},
    )


@region_view(RegionPerm.MANAGE_GUIDES)
@require_POST
def region_guide_check(request: RegionRequest, guide_id: int) -> HttpResponse:
    access = request.region_access
    guide = _guide(request, guide_id)
    services.mark_guide_checked(guide=guide, by=access)
    messages.success(request, _("Noted: the guide was checked today and is still correct."))
    return redirect("help:region_guide", region=access.region.slug, guide_id=guide.pk)


@region_view(RegionPerm.MANAGE_GUIDES)
@require_http_methods(["GET", "POST"])
def region_guide_owner(request: RegionRequest, guide_id: int) -> HttpResponse:
    access = request.region_access
    guide = _guide(request, guide_id)
    back = reverse("help:region_guide", kwargs={"region": access.region.slug, "guide_id": guide.pk})
    return owner_page(request, guide, access, back)
