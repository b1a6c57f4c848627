"""The trainer's lines: the dates whose attendance waits, then their next sessions."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digibank.organisations.permissions import Access, Perm
from digibank.portal.worklist.figures import Figures, Line, url_of


def trainer_lines(access: Access, figures: Figures) -> list[Line]:
    if not access.can(Perm.RECORD_ATTENDANCE):
        return []
    work = figures.training
    lines = []
    if work.dates_to_take:
        lines.append(
            Line(
                ngettext(
                    "session date waits for its attendance",
                    "session dates wait for their attendance",
                    work.dates_to_take,
                ),
                url_of("skills:teaching", access),
                work.dates_to_take,
            )
        )
    for upcoming in work.sessions:
        session = upcoming.session
        when = (
            formats.date_format(timezone.localtime(upcoming.next_start), "l j F, H:i")
            if upcoming.next_start
            else ""
        )
        if session.hub is not None:
            detail = _("%(when)s at %(place)s") % {"when": when, "place": session.hub.name}
        else:
            detail = _("%(when)s, online") % {"when": when}
        if upcoming.waiting:
            detail += " · " + ngettext(
                "%(count)d on the waiting list", "%(count)d on the waiting list", upcoming.waiting
            ) % {"count": upcoming.waiting}
        lines.append(
            Line(
                _("of %(capacity)d places taken: %(module)s")
                % {"capacity": session.capacity, "module": session.module.title},
                url_of("skills:session_attendance", access, session_id=session.pk),
                session.seats_taken,
                detail=detail,
            )
        )
    return lines
