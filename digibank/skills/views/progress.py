"""The digibank's outcome measure for a period: per area, how the people whose latest skills
check falls in it changed since their first. Figures only, never a person: for the roles that
read aggregates (`VIEW_AGGREGATES`: coordinator, analyst)."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.skills.forms import PeriodForm
from digibank.skills.outcomes import progress_in

DEFAULT_DAYS = 365


@staff_view(Perm.VIEW_AGGREGATES)
@require_GET
def progress(request: StaffRequest) -> HttpResponse:
    today = timezone.localdate()
    initial = {"start": today - datetime.timedelta(days=DEFAULT_DAYS), "end": today}
    form = PeriodForm(request.GET if "start" in request.GET else None, initial=initial)
    period = (initial["start"], initial["end"])
    if form.is_bound and form.is_valid():
        period = (form.cleaned_data["start"], form.cleaned_data["end"])
    changes = None
    if not form.is_bound or form.is_valid():
        changes = progress_in(request.access.digibank, *period)
    return render(
        request,
        "skills/staff/progress.html",
        {"form": form, "changes": changes, "start": period[0], "end": period[1]},
    )
