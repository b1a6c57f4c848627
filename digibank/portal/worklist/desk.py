"""The lending desk's lines: the coordinator's, the hub volunteer's and the referrer's."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digibank.devices.models import DeviceKind
from digibank.lending import worklist as lending
from digibank.lending.models import RequestStatus
from digibank.messaging.models import MessageStatus
from digibank.organisations.forms.partners import WITHOUT_CONTACT
from digibank.organisations.permissions import Access, Perm
from digibank.portal.worklist.figures import Figures, Line, requests_url, url_of


def request_lines(access: Access, tallies: lending.RequestTallies, **filters: object) -> list[Line]:
    """The open requests by next step, each a link to the request list filtered on it."""
    lines = []
    if tallies.to_assess:
        lines.append(
            Line(
                ngettext(
                    "new request to assess: a proof was seen, decide if they may get a device",
                    "new requests to assess: a proof was seen, decide if they may get a device",
                    tallies.to_assess,
                ),
                requests_url(
                    access, status=RequestStatus.SUBMITTED, proof=lending.Proof.SEEN, **filters
                ),
                tallies.to_assess,
            )
        )
    if tallies.waiting_for_proof:
        lines.append(
            Line(
                ngettext(
                    "request waits for a proof of eligibility to be seen",
                    "requests wait for a proof of eligibility to be seen",
                    tallies.waiting_for_proof,
                ),
                requests_url(
                    access, status=RequestStatus.SUBMITTED, proof=lending.Proof.MISSING, **filters
                ),
                tallies.waiting_for_proof,
            )
        )
    if tallies.waiting_for_device_type:
        lines.append(
            Line(
                ngettext(
                    "eligible request waits for a device type: choose one so it joins the "
                    "waiting list",
                    "eligible requests wait for a device type: choose one so they join the "
                    "waiting list",
                    tallies.waiting_for_device_type,
                ),
                requests_url(access, status=RequestStatus.ELIGIBLE, **filters),
                tallies.waiting_for_device_type,
            )
        )
    return lines


def coordinator_lines(access: Access, figures: Figures) -> list[Line]:
    lines: list[Line] = []
    if access.can(Perm.VIEW_MESSAGES) and figures.failed_messages:
        count = figures.failed_messages
        lines.append(
            Line(
                ngettext(
                    "message could not be sent: send it again or call the resident",
                    "messages could not be sent: send them again or call the residents",
                    count,
                ),
                url_of("messaging:list", access, {"status": MessageStatus.FAILED}),
                count,
            )
        )
    if access.can(Perm.HAND_OVER_DEVICES):
        loans = figures.loans
        if loans.reminded:
            lines.append(
                Line(
                    ngettext(
                        "loan is still overdue after its reminder: call the resident",
                        "loans are still overdue after their reminder: call the residents",
                        loans.reminded,
                    ),
                    url_of("lending:overdue_list", access, {"reminded": "yes"}),
                    loans.reminded,
                )
            )
        if loans.overdue:
            lines.append(
                Line(
                    ngettext("loan is overdue", "loans are overdue", loans.overdue),
                    url_of("lending:overdue_list", access),
                    loans.overdue,
                )
            )
        pickups = figures.pickups
        if pickups.ending:
            lines.append(
                Line(
                    ngettext(
                        "reserved device is not picked up and its reservation ends within two "
                        "days: call the resident",
                        "reserved devices are not picked up and their reservations end within "
                        "two days: call the residents",
                        pickups.ending,
                    ),
                    requests_url(
                        access, status=RequestStatus.RESERVED, pickup=lending.Pickup.ENDING
                    ),
                    pickups.ending,
                )
            )
        if pickups.planned_today:
            lines.append(
                Line(
                    ngettext(
                        "hand-over is planned today",
                        "hand-overs are planned today",
                        pickups.planned_today,
                    ),
                    requests_url(
                        access, status=RequestStatus.RESERVED, pickup=lending.Pickup.TODAY
                    ),
                    pickups.planned_today,
                )
            )
    if access.can(Perm.ALLOCATE_DEVICES):
        lines += offer_lines(access, figures)
    if access.can(Perm.VIEW_REQUESTS):
        lines += request_lines(access, figures.requests)
    if access.can(Perm.MANAGE_SETTINGS) and figures.locked_members:
        count = figures.locked_members
        lines.append(
            Line(
                ngettext(
                    "member cannot log in after too many failed attempts: unlock if it was them",
                    "members cannot log in after too many failed attempts: unlock if it was them",
                    count,
                ),
                url_of("organisations:member_list", access, {"locked": "yes"}),
                count,
            )
        )
    if access.can(Perm.MANAGE_ORGANISATION) and figures.partners_without_contact:
        count = figures.partners_without_contact
        lines.append(
            Line(
                ngettext(
                    "active partner has no contact person: add one",
                    "active partners have no contact person: add one",
                    count,
                ),
                url_of("organisations:partner_list", access, {"contacts": WITHOUT_CONTACT}),
                count,
            )
        )
    return lines


def offer_lines(access: Access, figures: Figures) -> list[Line]:
    """Each ready device with someone in line who can use it, linked to its offer page, where
    the first in line is proposed (`lending.queue`: the waiting list's order, fit included)."""
    ready, more = figures.ready_for_the_line
    lines = []
    for line in ready:
        if line.first is None:  # nobody in line can use it: the waiting list says why
            continue
        device = line.device
        lines.append(
            Line(
                _("%(kind)s %(tag)s is ready: offer it to the first in line")
                % {"kind": capfirst(DeviceKind(device.kind).label), "tag": device.asset_tag},
                url_of("lending:offer", access, device_id=device.pk),
                detail=_("First in line: %(reference)s, %(name)s")
                % {"reference": line.first.reference_display, "name": line.first.resident_name},
            )
        )
    if more:
        lines.append(
            Line(
                _("More ready devices wait for the first in line"),
                url_of("lending:waiting_list", access),
            )
        )
    return lines


def hub_volunteer_lines(access: Access, figures: Figures) -> list[Line]:
    lines: list[Line] = []
    if access.can(Perm.HAND_OVER_DEVICES) and access.can(Perm.VIEW_REQUESTS):
        for hub in figures.hand_overs:
            lines.append(
                Line(
                    ngettext(
                        "device is to be handed over today at %(hub)s",
                        "devices are to be handed over today at %(hub)s",
                        hub.count,
                    )
                    % {"hub": hub.hub_name},
                    requests_url(
                        access,
                        status=RequestStatus.RESERVED,
                        hub=hub.hub_id,
                        pickup=lending.Pickup.TODAY,
                    ),
                    hub.count,
                )
            )
    if access.can(Perm.VIEW_REQUESTS) and figures.requests.waiting_for_proof:
        count = figures.requests.waiting_for_proof
        lines.append(
            Line(
                ngettext(
                    "person waits for their proof of eligibility to be seen",
                    "people wait for their proof of eligibility to be seen",
                    count,
                ),
                requests_url(access, status=RequestStatus.SUBMITTED, proof=lending.Proof.MISSING),
                count,
            )
        )
    return lines


def referrer_lines(access: Access, figures: Figures) -> list[Line]:
    """Where each of the partner's referrals stands, the ones that need the referrer first."""
    if not access.can(Perm.VIEW_REQUESTS) or not access.partner_ids:
        return []
    tallies = figures.referrals
    partner = {"partner": min(access.partner_ids)}  # one referrer role, one partner per digibank
    lines = request_lines(access, tallies, **partner)
    if tallies.on_waiting_list:
        lines.append(
            Line(
                ngettext(
                    "referral is on the waiting list",
                    "referrals are on the waiting list",
                    tallies.on_waiting_list,
                ),
                requests_url(access, status=RequestStatus.WAITING, **partner),
                tallies.on_waiting_list,
            )
        )
    if tallies.reserved:
        lines.append(
            Line(
                ngettext(
                    "referral has a device reserved: the resident can pick it up",
                    "referrals have a device reserved: the residents can pick them up",
                    tallies.reserved,
                ),
                requests_url(access, status=RequestStatus.RESERVED, **partner),
                tallies.reserved,
            )
        )
    return lines
