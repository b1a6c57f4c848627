"""The digibank's target groups: coordinators add, rename and switch them off."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digibank.core.errors import DomainError
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.people import services
from digibank.people.forms import TargetGroupForm
from digibank.people.models import TargetGroup
from digibank.people.queries import target_groups_for


def _to_list(request: StaffRequest) -> HttpResponse:
    return redirect("people:target_groups", digibank=request.access.digibank.slug)


@staff_view(Perm.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def target_group_list(request: StaffRequest) -> HttpResponse:
    access = request.access
    if request.method == "POST":
        form = TargetGroupForm(request.POST)
        if form.is_valid():
            try:
                group = services.add_target_group(
                    digibank=access.digibank, by=request.access, name=form.cleaned_data["name"]
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Target group added: %(name)s.") % {"name": group})
                return _to_list(request)
    else:
        form = TargetGroupForm()
    groups = (
        target_groups_for(access).annotate(people_count=Count("people")).order_by("-active", "name")
    )
    return render(request, "people/staff/target_groups.html", {"form": form, "groups": groups})


@staff_view(Perm.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def target_group_edit(request: StaffRequest, group_id: int) -> HttpResponse:
    group = request.access.get(TargetGroup.objects.all(), pk=group_id)
    if request.method == "POST":
        form = TargetGroupForm(request.POST)
        if form.is_valid():
            try:
                services.rename_target_group(
                    group=group, by=request.access, name=form.cleaned_data["name"]
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The target group is renamed."))
                return _to_list(request)
    else:
        form = TargetGroupForm(initial={"name": group.name})
    return render(request, "people/staff/target_group_edit.html", {"form": form, "group": group})


@staff_view(Perm.MANAGE_SETTINGS)
@require_POST
def target_group_toggle(request: StaffRequest, group_id: int) -> HttpResponse:
    group = request.access.get(TargetGroup.objects.all(), pk=group_id)
    group = services.set_target_group_active(
        group=group, by=request.access, active=not group.active
    )
    if group.active:
        messages.success(request, _("%(name)s can be chosen again.") % {"name": group})
    else:
        messages.success(
            request,
            _("%(name)s is switched off. People in it keep it.") % {"name": group},
        )
    return _to_list(request)
