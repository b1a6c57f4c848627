"""The lines of help at the hubs: a volunteer's appointments today, next shifts and today's
queue at the hubs of their shifts (the shifts they take are what ties a volunteer to a hub), a
referrer's incoming referrals, the coordinator's shifts that still miss volunteers and the local
guides gone stale or left without an owner.
The figures come from `help.visit_queries` and `help.queries`, read once per page through
`Figures`."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digibank.help.models import ReferralStatus
from digibank.organisations.permissions import Access, Perm
from digibank.portal.worklist.figures import Figures, Line, url_of


def volunteer_help_lines(access: Access, figures: Figures) -> list[Line]:
    lines: list[Line] = []
    if access.can(Perm.MANAGE_APPOINTMENTS):
        booked = figures.todays_appointments
        for queue in figures.todays_queues:
            if booked.get(queue.hub_id):
                lines.append(
                    Line(
                        ngettext(
                            "appointment today at %(hub)s",
                            "appointments today at %(hub)s",
                            booked[queue.hub_id],
                        )
                        % {"hub": queue.hub_name},
                        url_of("help:day", access, {"hub": queue.hub_id}),
                        booked[queue.hub_id],
                    )
                )
    if access.can(Perm.LOG_VISITS):
        for queue in figures.todays_queues:
            if not queue.waiting and not queue.helping:
                continue
            lines.append(
                Line(
                    ngettext(
                        "waiting at %(hub)s now",
                        "waiting at %(hub)s now",
                        queue.waiting,
                    )
                    % {"hub": queue.hub_name},
                    url_of("help:queue", access, hub_id=queue.hub_id),
                    queue.waiting,
                    detail=ngettext(
                        "%(count)s being helped", "%(count)s being helped", queue.helping
                    )
                    % {"count": queue.helping},
                )
            )
    if access.can(Perm.TAKE_SHIFTS):
        for shift in figures.next_shifts:
            starts = timezone.localtime(shift.starts_at)
            lines.append(
                Line(
                    _("Your shift at %(hub)s: %(day)s, %(start)s–%(end)s")
                    % {
                        "hub": shift.hub.name,
                        "day": date_format(starts, "l j F"),
                        "start": date_format(starts, "H:i"),
                        "end": date_format(timezone.localtime(shift.ends_at), "H:i"),
                    },
                    url_of("help:shift_list", access),
                )
            )
    return lines


def referrer_help_lines(access: Access, figures: Figures) -> list[Line]:
    if not access.can(Perm.HANDLE_REFERRALS) or not access.partner_ids:
        return []
    tallies = figures.incoming_referrals
    lines = []
    new = tallies.get(ReferralStatus.SENT, 0)
    if new:
        lines.append(
            Line(
                ngettext(
                    "new referral to your organisation: accept or decline it",
                    "new referrals to your organisation: accept or decline them",
                    new,
                ),
                url_of("help:incoming_referrals", access, {"status": ReferralStatus.SENT}),
                new,
            )
        )
    open_ = tallies.get(ReferralStatus.ACCEPTED, 0) + tallies.get(ReferralStatus.IN_PROGRESS, 0)
    if open_:
        lines.append(
            Line(
                ngettext(
                    "referral is being handled: tell the hub when it is done",
                    "referrals are being handled: tell the hub when they are done",
                    open_,
                ),
                url_of("help:incoming_referrals", access),
                open_,
            )
        )
    return lines


def coordinator_help_lines(access: Access, figures: Figures) -> list[Line]:
    lines = []
    if access.can(Perm.MANAGE_SHIFTS) and figures.shift_gaps:
        count = figures.shift_gaps
        lines.append(
            Line(
                ngettext(
                    "coming shift still misses volunteers",
                    "coming shifts still miss volunteers",
                    count,
                ),
                url_of("help:shift_plan", access),
                count,
            )
        )
    if access.can(Perm.READ_GUIDES) and figures.local_guides.stale:
        count = figures.local_guides.stale
        lines.append(
            Line(
                ngettext(
                    "local guide not checked for a long time: is it still correct?",
                    "local guides not checked for a long time: are they still correct?",
                    count,
                ),
                url_of("help:guide_list", access, {"stale": "on"}),
                count,
            )
        )
    if access.can(Perm.MANAGE_GUIDES) and figures.local_guides.without_owner:
        count = figures.local_guides.without_owner
        lines.append(
            Line(
                ngettext(
                    "local guide has no owner: hand it over to someone who keeps it",
                    "local guides have no owner: hand them over to someone who keeps them",
                    count,
                ),
                url_of("help:guide_list", access, {"unowned": "on"}),
                count,
            )
        )
    return lines
