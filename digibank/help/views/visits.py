"""The quick log of a visit: one short page, one POST, one write.

A volunteer at a hub logs a walk-in in three taps on a phone: a topic, the outcome, Save (the hub
and the time spent are preset: the hub from the queue or the volunteer's shift of today, the time
from the helping or 15 minutes). Anonymous by default; from a person's page, with their consent,
the visit is linked to them.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from digibank.core.errors import DomainError
from digibank.help import visit_queries as queries
from digibank.help.models import HelpTopic, Outcome, Visit
from digibank.help.services.visits import log_visit
from digibank.help.visit_forms import AnonymousFiguresForm, LinkConsentForm, VisitForm
from digibank.organisations.models import Hub
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.organisations.views.common import add_domain_error
from digibank.people.models import Person, TargetGroup
from digibank.people.queries import get_person_for


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def _default_hub(request: StaffRequest, hubs: QuerySet[Hub]) -> int | None:
    """The hub asked for (from the queue), else the volunteer's hub of today, else none."""
    asked = _int(request.GET.get("hub"))
    if asked is not None:
        return asked
    today = queries.hubs_of_todays_shifts(request.access)
    return min(today) if today else None


def _refer_next(slug: str, visit: Visit, person: Person | None) -> HttpResponse:
    """A visit that ended in a referral goes on to the referral, which keeps its figures."""
    if person is not None:
        url = reverse(
            "help:referral_new_for_person", kwargs={"digibank": slug, "person_id": person.pk}
        )
    else:
        url = reverse("help:referral_new", kwargs={"digibank": slug})
    return redirect(f"{url}?visit={visit.pk}")


def _log(request: StaffRequest, person: Person | None) -> HttpResponse:
    access = request.access
    hubs = queries.hubs_for(access).order_by("name")
    topics = HelpTopic.offered_in(access.digibank)
    minutes = _int(request.GET.get("minutes"))
    initial = {"hub": _default_hub(request, hubs)} if request.method == "GET" else None
    data = request.POST if request.method == "POST" else None
    form = VisitForm(data, topics=topics, hubs=hubs, minutes=minutes, initial=initial)
    extra: LinkConsentForm | AnonymousFiguresForm
    if person is not None:
        extra = LinkConsentForm(data)
    else:
        groups = TargetGroup.objects.filter(digibank=access.digibank, active=True)
        extra = AnonymousFiguresForm(data, groups=groups, prefix="about")
    if request.method == "POST" and form.is_valid() and extra.is_valid():
        values = form.cleaned_data
        about = extra.cleaned_data
        try:
            visit = log_visit(
                hub=values["hub"],
                topics=list(values["topics"]),
                outcome=values["outcome"],
                minutes=values["minutes"],
                how=values["how"],
                notes=values["notes"],
                by=access,
                person=person,
                consent=bool(about.get("consent")),
                target_groups=about.get("target_groups") or (),
                age_band=about.get("age_band") or "unknown",
            )
        except DomainError as error:
            add_domain_error(form if error.field in form.fields else extra, error)
        else:
            messages.success(request, _("The visit is logged. Thank you."))
            if visit.outcome == Outcome.REFERRED and access.can(Perm.REFER_PEOPLE):
                return _refer_next(access.digibank.slug, visit, person)
            if person is not None:
                return redirect("people:detail", digibank=access.digibank.slug, person_id=person.pk)
            return redirect(f"{request.path}?hub={values['hub'].pk}")
    return render(
        request,
        "help/staff/visit_log.html",
        {"form": form, "extra": extra, "person": person},
    )


@staff_view(Perm.LOG_VISITS)
@require_http_methods(["GET", "POST"])
def visit_new(request: StaffRequest) -> HttpResponse:
    return _log(request, None)


@staff_view(Perm.LOG_VISITS)
@require_http_methods(["GET", "POST"])
def visit_new_for_person(request: StaffRequest, person_id: int) -> HttpResponse:
    return _log(request, get_person_for(request.access, person_id))
