"""Public pages of the catalogue: the modules, one module, the session finder and one session.

No account and no JavaScript: the finder is a GET form, each list a fixed number of queries.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from digibank.organisations.permissions import public_view
from digibank.skills import session_queries as queries
from digibank.skills.session_forms import FinderForm

FINDER_AT_MOST = 50


@public_view
@require_GET
def module_list(request: HttpRequest) -> HttpResponse:
    return render(request, "skills/public/modules.html", {"modules": list(queries.catalogue())})


@public_view
@require_GET
def module_page(request: HttpRequest, module_id: int) -> HttpResponse:
    module = queries.catalogue().filter(pk=module_id).first()
    if module is None:
        raise Http404
    sessions = list(queries.upcoming().filter(module=module)[:FINDER_AT_MOST])
    prerequisites = list(module.prerequisites.filter(active=True))
    competences = list(module.competences.select_related("area"))
    return render(
        request,
        "skills/public/module.html",
        {
            "module": module,
            "sessions": sessions,
            "prerequisites": prerequisites,
            "competences": competences,
        },
    )


@public_view
@require_GET
def session_finder(request: HttpRequest) -> HttpResponse:
    modules = list(queries.catalogue())
    languages = sorted(set(queries.upcoming().values_list("language", flat=True)))
    form = FinderForm(request.GET or None, modules=modules, languages=languages)
    sessions = None
    if form.is_bound and form.is_valid():
        sessions = list(
            queries.find_sessions(
                module=form.cleaned_data["module"],
                place=form.cleaned_data["place"],
                language=form.cleaned_data["language"],
            )[:FINDER_AT_MOST]
        )
    elif not form.is_bound:
        sessions = list(queries.upcoming()[:FINDER_AT_MOST])
    return render(request, "skills/public/finder.html", {"form": form, "sessions": sessions})


@public_view
@require_GET
def session_page(request: HttpRequest, session_id: int) -> HttpResponse:
    session = queries.public_session(session_id)
    if session is None:
        raise Http404
    return render(request, "skills/public/session.html", {"session": session})
