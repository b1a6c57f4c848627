"""The helpers' guides on a digibank's staff pages: everyone who helps residents reads the region's
guides and the digibank's own (`READ_GUIDES`), finds them by words and topic, opens any earlier
version and prints the hand-out; the coordinator writes the local ones (`MANAGE_GUIDES`); a hub
volunteer confirms a local guide is still correct (`CHECK_GUIDES`). Another digibank's local
guide is a 404 here, as it is for the search. The coordinator also hands a local guide over to
a new owner (`guide_owner`, one question on its own page)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digibank.core.errors import DomainError
from digibank.help import guide_queries, services
from digibank.help.forms.guides import GuideForm, GuideOwnerForm, GuideSearchForm
from digibank.help.guide_search import search
from digibank.help.models import Guide, HelpTopic
from digibank.help.services.guides import GuideActor
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.organisations.views.common import add_domain_error, page_of


def found_page(request: HttpRequest, guides: QuerySet[Guide], topics: QuerySet[HelpTopic]) -> dict:
    """The search form, the page of guides it finds and the query string for the other pages;
    a fixed number of queries whatever the number of guides."""
    form = GuideSearchForm(request.GET, topics=topics)
    query, topic_id, only_stale = form.query(), form.topic_id(), form.only_stale()
    only_unowned = form.only_unowned()
    if topic_id:
        guides = guides.filter(topic_id=topic_id)
    if only_stale:
        guides = guide_queries.stale(guides)
    if only_unowned:
        guides = guide_queries.without_owner(guides)
    given = (
        ("q", query),
        ("topic", topic_id or ""),
        ("stale", "on" if only_stale else ""),
        ("unowned", "on" if only_unowned else ""),
    )
    kept = {key: value for key, value in given if value}
    return {
        "form": form,
        "page": page_of(request, search(guides, query)),
        "query": urlencode(kept),
        "searched": bool(kept),
    }


def _topics_here(request: StaffRequest) -> QuerySet[HelpTopic]:
    digibank = request.access.digibank
    return HelpTopic.offered_in(digibank).order_by("position", "code")


@staff_view(Perm.READ_GUIDES)
@require_GET
def guide_list(request: StaffRequest) -> HttpResponse:
    guides = guide_queries.guides_for(request.access)
    context = found_page(request, guides, guide_queries.topics_with_guides(guides))
    context["can_write"] = request.access.can(Perm.MANAGE_GUIDES)
    return render(request, "help/guides/list.html", context)


@staff_view(Perm.READ_GUIDES)
@require_GET
def guide_detail(request: StaffRequest, guide_id: int) -> HttpResponse:
    guide = guide_queries.get_guide_for(request.access, guide_id)
    access = request.access
    local = guide.digibank_id == access.digibank.pk
    return render(
        request,
        "help/guides/detail.html",
        {
            "guide": guide,
            "versions": guide_queries.versions_of(guide),
            "can_edit": local and access.can(Perm.MANAGE_GUIDES),
            "can_check": local and access.can(Perm.CHECK_GUIDES),
        },
    )


@staff_view(Perm.READ_GUIDES)
@require_GET
def guide_version(request: StaffRequest, guide_id: int, number: int) -> HttpResponse:
    guide = guide_queries.get_guide_for(request.access, guide_id)
    version = get_object_or_404(guide.versions.select_related("saved_by", "topic"), number=number)
    return render(request, "help/guides/version.html", {"guide": guide, "version": version})


@staff_view(Perm.READ_GUIDES)
@require_GET
def guide_handout(request: StaffRequest, guide_id: int) -> HttpResponse:
    guide = guide_queries.get_guide_for(request.access, guide_id)
    return render(request, "help/guides/handout.html", {"guide": guide})


def _local_topics(request: StaffRequest) -> QuerySet[HelpTopic]:
    """A local guide's topics: the region's and the digibank's own, the active ones."""
    return _topics_here(request).filter(Q(digibank=None) | Q(digibank=request.access.digibank))


@staff_view(Perm.MANAGE_GUIDES)
@require_http_methods(["GET", "POST"])
def guide_add(request: StaffRequest) -> HttpResponse:
    access = request.access
    form = GuideForm(request.POST or None, topics=_local_topics(request))
    if request.method == "POST" and form.is_valid():
        try:
            guide = services.write_guide(
                region=access.digibank.region,
                digibank=access.digibank,
                fields=form.fields_given(),
                by=access,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The guide is saved."))
            return redirect("help:guide_detail", digibank=access.digibank.slug, guide_id=guide.pk)
    return render(request, "help/guides/form.html", {"form": form, "guide": None})


@staff_view(Perm.MANAGE_GUIDES)
@require_http_methods(["GET", "POST"])
def guide_edit(request: StaffRequest, guide_id: int) -> HttpResponse:
    """A local guide only: the region's guides are changed on the region's pages."""
    access = request.access
    guide = access.get(Guide.objects.select_related("topic"), pk=guide_id)
    form = GuideForm(request.POST or None, topics=_local_topics(request), guide=guide)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_guide(guide=guide, fields=form.fields_given(), by=access)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The guide is saved as a new version."))
            return redirect("help:guide_detail", digibank=access.digibank.slug, guide_id=guide.pk)
    return render(request, "help/guides/form.html", {"form": form, "guide": guide})


@staff_view(Perm.CHECK_GUIDES)
@require_POST
def guide_check(request: StaffRequest, guide_id: int) -> HttpResponse:
    access = request.access
    guide = access.get(Guide.objects.all(), pk=guide_id)
    services.mark_guide_checked(guide=guide, by=access)
    messages.success(request, _("Noted: the guide was checked today and is still correct."))
    return redirect("help:guide_detail", digibank=access.digibank.slug, guide_id=guide.pk)


def owner_page(request: HttpRequest, guide: Guide, by: GuideActor, back: str) -> HttpResponse:
    """The hand-over's one question, on the staff and the region pages alike: the people who may
    look after the guide to choose from; the choice kept and the refusal next to the field; back
    to the guide's page on success."""
    sent = request.POST if request.method == "POST" else None  # an empty POST says "nobody"
    form = GuideOwnerForm(sent, people=guide_queries.eligible_owners(guide))
    if request.method == "POST" and form.is_valid():
        owner = form.cleaned_data["owner"]
        try:
            services.hand_over_guide(guide=guide, to=owner, by=by)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("%(name)s now looks after this guide.") % {"name": owner})
            return redirect(back)
    return render(request, "help/guides/owner.html", {"form": form, "guide": guide, "back": back})


@staff_view(Perm.MANAGE_GUIDES)
@require_http_methods(["GET", "POST"])
def guide_owner(request: StaffRequest, guide_id: int) -> HttpResponse:
    """A local guide only: the region's guides are handed over on the region's pages."""
    access = request.access
    guide = access.get(Guide.objects.select_related("owner", "digibank", "region"), pk=guide_id)
    back = reverse(
        "help:guide_detail", kwargs={"digibank": access.digibank.slug, "guide_id": guide.pk}
    )
    return owner_page(request, guide, access, back)
