"""The trainer's pages: their sessions, a session's attendance and participants, and taking
attendance for one date on a phone: one form, one large checkbox per participant, one button.

Trainers and coordinators hold `RECORD_ATTENDANCE`; the list shows a trainer their own sessions
first (docs/roles.md), and any session of the digibank can be opened, so a colleague can stand in.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from digibank.core.errors import DomainError
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.skills import attendance_queries as queries
from digibank.skills.services.attendance import record_attendance


@staff_view(Perm.RECORD_ATTENDANCE)
@require_GET
def teaching(request: StaffRequest) -> HttpResponse:
    """Upcoming and recent sessions with their fill rate, waiting list and no-shows: a trainer's
    own (`?all=yes`: every session of the digibank)."""
    show_all = request.GET.get("all") == "yes"
    sessions = list(queries.upcoming_for(request.access, own=not show_all))
    return render(
        request,
        "skills/staff/teaching.html",
        {"sessions": sessions, "show_all": show_all, "now": timezone.now()},
    )


@staff_view(Perm.RECORD_ATTENDANCE)
@require_GET
def session_attendance(request: StaffRequest, session_id: int) -> HttpResponse:
    session = queries.get_session_for(request.access, session_id)
    grid = queries.attendance_grid(session)
    return render(
        request,
        "skills/staff/session_attendance.html",
        {
            "session": session,
            "grid": grid,
            "waiting": list(queries.waiting_list_of(session).select_related("person")),
            "today": timezone.localdate(),
        },
    )


@staff_view(Perm.RECORD_ATTENDANCE)
@require_http_methods(["GET", "POST"])
def take_attendance(request: StaffRequest, session_id: int, date_id: int) -> HttpResponse:
    session = queries.get_session_for(request.access, session_id)
    session_date = queries.get_date_for(session, date_id)
    grid = queries.attendance_grid(session)
    column = grid.dates.index(session_date)
    error = ""
    if request.method == "POST":
        try:
            chosen = [int(value) for value in request.POST.getlist("present")]
            taken = record_attendance(session_date=session_date, present=chosen, by=request.access)
        except ValueError:
            error = _("Someone on this list is not a participant of the session.")
        except DomainError as refused:
            error = refused.message
        else:
            text = _("Attendance saved: %(present)d present, %(absent)d absent.") % {
                "present": taken.present,
                "absent": taken.absent,
            }
            if taken.completed:
                text += " " + ngettext(
                    "%(count)d person completed the module: their certificate is ready.",
                    "%(count)d people completed the module: their certificates are ready.",
                    len(taken.completed),
                ) % {"count": len(taken.completed)}
            messages.success(request, text)
            return redirect(
                "skills:session_attendance",
                digibank=request.access.digibank.slug,
                session_id=session.pk,
            )
    return render(
        request,
        "skills/staff/take_attendance.html",
        {
            "session": session,
            "session_date": session_date,
            "rows": [(row.enrolment, row.marks[column]) for row in grid.rows],
            "taken": session_date.pk in grid.taken,
            "error": error,
        },
        status=422 if error else 200,
    )
