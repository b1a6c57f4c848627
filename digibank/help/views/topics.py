"""The help topics: the region's list on the region pages (both region roles read it, the
region admin adds and changes topics), and a digibank's local topics on its staff pages (the
coordinator, who holds `MANAGE_SETTINGS`)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from digibank.core.errors import DomainError
from digibank.help import services
from digibank.help.forms.topics import TopicForm
from digibank.help.models import HelpTopic
from digibank.organisations.permissions import (
    Perm,
    RegionPerm,
    RegionRequest,
    StaffRequest,
    region_view,
    staff_view,
)
from digibank.organisations.views.common import add_domain_error


def _save(
    request: HttpRequest, form: TopicForm, save: Callable[[services.TopicFields], None]
) -> bool:
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.fields_given())
    except DomainError as error:
        add_domain_error(form, error)
        return False
    messages.success(request, _("The topic is saved."))
    return True


@region_view(RegionPerm.VIEW_REGION)
@require_GET
def region_topics(request: RegionRequest) -> HttpResponse:
    region = request.region_access.region
    topics = HelpTopic.objects.filter(region=region).select_related("digibank")
    return render(
        request,
        "help/region/topics.html",
        {
            "region": region,
            "topics": topics.order_by("digibank_id", "position", "code"),
            "can_manage": request.region_access.can(RegionPerm.MANAGE_REGION),
        },
    )


@region_view(RegionPerm.MANAGE_REGION)
@require_http_methods(["GET", "POST"])
def region_topic_add(request: RegionRequest) -> HttpResponse:
    region = request.region_access.region
    form = TopicForm(request.POST or None)
    access = request.region_access

    def save(fields: services.TopicFields) -> None:
        services.add_region_topic(region=region, fields=fields, by=access)

    if _save(request, form, save):
        return redirect("help:region_topics", region=region.slug)
    return render(request, "help/region/topic_form.html", {"form": form, "topic": None})


@region_view(RegionPerm.MANAGE_REGION)
@require_http_methods(["GET", "POST"])
def region_topic_edit(request: RegionRequest, topic_id: int) -> HttpResponse:
    region = request.region_access.region
    topic = get_object_or_404(HelpTopic, pk=topic_id, region=region, digibank=None)
    form = TopicForm.for_topic(topic, request.POST or None)
    access = request.region_access

    def save(fields: services.TopicFields) -> None:
        services.change_topic(topic=topic, fields=fields, by=access)

    if _save(request, form, save):
        return redirect("help:region_topics", region=region.slug)
    return render(request, "help/region/topic_form.html", {"form": form, "topic": topic})


@staff_view(Perm.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def local_topics(request: StaffRequest) -> HttpResponse:
    """The region's topics the digibank offers, and its own: a new one is added here."""
    digibank = request.access.digibank
    form = TopicForm(request.POST or None)
    access = request.access

    def save(fields: services.TopicFields) -> None:
        services.add_local_topic(digibank=digibank, fields=fields, by=access)

    if _save(request, form, save):
        return redirect("help:local_topics", digibank=digibank.slug)
    return render(
        request,
        "help/staff/topics.html",
        {
            "form": form,
            "region_topics": HelpTopic.objects.filter(region_id=digibank.region_id, digibank=None),
            "local": HelpTopic.objects.filter(digibank=digibank),
        },
    )


@staff_view(Perm.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def local_topic_edit(request: StaffRequest, topic_id: int) -> HttpResponse:
    digibank = request.access.digibank
    topic = request.access.get(HelpTopic.objects.all(), pk=topic_id)
    form = TopicForm.for_topic(topic, request.POST or None)
    access = request.access

    def save(fields: services.TopicFields) -> None:
        services.change_topic(topic=topic, fields=fields, by=access)

    if _save(request, form, save):
        return redirect("help:local_topics", digibank=digibank.slug)
    return render(request, "help/staff/topic_form.html", {"form": form, "topic": topic})
