"""The staff home page: for each role the user holds, what needs them now, most urgent first.

The portal only assembles. Every figure comes from a domain's query functions (`lending.worklist`,
`devices.worklist`, `messaging.queries`, `organisations.queries`), each read once per page in a
fixed number of queries (`Figures` caches them, so a user with several roles does not read twice),
and each line is offered only when the user's `Access` may open the page it links to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digibank.devices import worklist as devices
from digibank.devices.models import DeviceKind, DeviceState, DonationStatus
from digibank.lending import queries as lending_queries
from digibank.lending import worklist as lending
from digibank.lending.models import RequestStatus
from digibank.messaging import queries as messaging
from digibank.messaging.models import MessageStatus
from digibank.organisations import queries as organisations
from digibank.organisations.forms.partners import WITHOUT_CONTACT
from digibank.organisations.models import Role
from digibank.organisations.permissions import Access, Perm

S = DeviceState


@dataclass(frozen=True)
class Line:
    """One thing to do: what, how many, and the page where it is done."""

    text: str
    url: str
    count: int | None = None
    detail: str = ""


@dataclass(frozen=True)
class Section:
    role: str
    title: str
    lines: list[Line] = field(default_factory=list)
    # False for a role whose work has no page yet: it says so instead of "nothing to do".
    has_work_list: bool = True
    # Said instead of lines when this part of the product does not exist yet: never a fake figure.
    not_built: str = ""


class Figures:
    """The figures of one page, each read on first use and then kept for the other sections."""

    def __init__(self, access: Access) -> None:
        self.access = access

    @cached_property
    def requests(self) -> lending.RequestTallies:
        return lending.request_tallies(lending_queries.requests_for(self.access))

    @cached_property
    def referrals(self) -> lending.RequestTallies:
        partner_requests = lending_queries.requests_for(self.access).filter(
            person__referrer_partner_id__in=self.access.partner_ids
        )
        return lending.request_tallies(partner_requests)

    @cached_property
    def loans(self) -> lending.LoanTallies:
        return lending.loan_tallies(self.access, timezone.localdate())

    @cached_property
    def hand_overs(self) -> list[lending.HubHandOvers]:
        return lending.hand_overs_by_hub(self.access)

    @cached_property
    def first_in_line(self) -> list[lending.FirstInLine]:
        return lending.first_in_line_by_type(self.access)

    @cached_property
    def failed_messages(self) -> int:
        return messaging.failed_count(self.access)

    @cached_property
    def locked_members(self) -> int:
        return len(organisations.locked_out_members(self.access))

    @cached_property
    def partners_without_contact(self) -> int:
        return (
            organisations.partners_for(self.access).filter(organisations.without_contact()).count()
        )

    @cached_property
    def device_states(self) -> dict[str, int]:
        return devices.state_counts(self.access)

    @cached_property
    def donations(self) -> dict[str, int]:
        return devices.donation_counts(self.access)

    @cached_property
    def blocked(self) -> tuple[list[devices.BlockedDevice], int]:
        return devices.blocked_devices(self.access)


def _url(name: str, access: Access, query: dict[str, object] | None = None, **kwargs: int) -> str:
    url = reverse(name, kwargs={"digibank": access.digibank.slug, **kwargs})
    return f"{url}?{urlencode(query)}" if query else url


def _requests_url(access: Access, **query: object) -> str:
    return _url("lending:request_list", access, query)


def _request_lines(
    access: Access, tallies: lending.RequestTallies, **filters: object
) -> list[Line]:
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
                _requests_url(
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
                _requests_url(
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
                _requests_url(access, status=RequestStatus.ELIGIBLE, **filters),
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
                _url("messaging:list", access, {"status": MessageStatus.FAILED}),
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
                    _url("lending:overdue_list", access, {"reminded": "yes"}),
                    loans.reminded,
                )
            )
        if loans.overdue:
            lines.append(
                Line(
                    ngettext("loan is overdue", "loans are overdue", loans.overdue),
                    _url("lending:overdue_list", access),
                    loans.overdue,
                )
            )
        reserved = figures.requests.reserved
        if reserved:
            lines.append(
                Line(
                    ngettext(
                        "reserved device waits to be handed over",
                        "reserved devices wait to be handed over",
                        reserved,
                    ),
                    _requests_url(access, status=RequestStatus.RESERVED),
                    reserved,
                )
            )
    if access.can(Perm.ALLOCATE_DEVICES):
        for first in figures.first_in_line:
            request = first.request
            lines.append(
                Line(
                    _("%(kind)s ready (%(count)s): reserve one for the first in line")
                    % {"kind": capfirst(DeviceKind(first.kind).label), "count": first.ready},
                    _url("lending:allocate", access, request_id=request.pk),
                    detail=_("First in line: %(reference)s, %(name)s")
                    % {"reference": request.reference_display, "name": request.resident_name},
                )
            )
    if access.can(Perm.VIEW_REQUESTS):
        lines += _request_lines(access, figures.requests)
    if access.can(Perm.MANAGE_SETTINGS) and figures.locked_members:
        count = figures.locked_members
        lines.append(
            Line(
                ngettext(
                    "member cannot log in after too many failed attempts: unlock if it was them",
                    "members cannot log in after too many failed attempts: unlock if it was them",
                    count,
                ),
                _url("organisations:member_list", access, {"locked": "yes"}),
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
                _url("organisations:partner_list", access, {"contacts": WITHOUT_CONTACT}),
                count,
            )
        )
    return lines


# The workshop's next step for devices in each state.
def _step_text(state: str, count: int) -> str:
    texts: dict[str, str] = {
        S.REFURBISHING: ngettext(
            "device is being refurbished: finish its checklist and grade it",
            "devices are being refurbished: finish their checklists and grade them",
            count,
        ),
        S.WIPED: ngettext(
            "wiped device waits to be tested and refurbished",
            "wiped devices wait to be tested and refurbished",
            count,
        ),
        S.WIPING: ngettext(
            "device is being wiped: record the wipe of each drive",
            "devices are being wiped: record the wipe of each drive",
            count,
        ),
        S.RETURNED: ngettext(
            "returned device waits to be wiped again",
            "returned devices wait to be wiped again",
            count,
        ),
        S.RECEIVED: ngettext(
            "received device waits for intake: register its drives and wipe them",
            "received devices wait for intake: register their drives and wipe them",
            count,
        ),
        S.IN_REPAIR: ngettext("device is in repair", "devices are in repair", count),
        S.END_OF_LIFE: ngettext(
            "device at the end of its life waits for the recycler",
            "devices at the end of their life wait for the recycler",
            count,
        ),
        S.READY: ngettext("device is ready to hand out", "devices are ready to hand out", count),
    }
    return texts[state]


def technician_lines(access: Access, figures: Figures) -> list[Line]:
    lines: list[Line] = []
    if access.can(Perm.MANAGE_DEVICES):
        blocked, total = figures.blocked
        for device in blocked:
            lines.append(
                Line(
                    _("%(tag)s is blocked: %(state)s")
                    % {"tag": device.asset_tag, "state": DeviceState(device.state).label},
                    _url("devices:detail", access, device_id=device.device_id),
                    detail=capfirst(", ".join(device.reasons)),
                )
            )
        if total > len(blocked):
            more = total - len(blocked)
            lines.append(
                Line(
                    ngettext("more blocked device", "more blocked devices", more),
                    _url("devices:work_queue", access),
                    more,
                )
            )
    if access.can(Perm.MANAGE_DONATIONS):
        offered = figures.donations.get(DonationStatus.OFFERED, 0)
        accepted = figures.donations.get(DonationStatus.ACCEPTED, 0)
        if offered:
            lines.append(
                Line(
                    ngettext(
                        "donation is offered: accept or decline it",
                        "donations are offered: accept or decline them",
                        offered,
                    ),
                    _url("devices:donation_list", access, {"status": DonationStatus.OFFERED}),
                    offered,
                )
            )
        if accepted:
            lines.append(
                Line(
                    ngettext(
                        "accepted donation awaits intake: register its devices when they arrive",
                        "accepted donations await intake: register their devices when they arrive",
                        accepted,
                    ),
                    _url("devices:donation_list", access, {"status": DonationStatus.ACCEPTED}),
                    accepted,
                )
            )
    if access.can(Perm.MANAGE_DEVICES):
        for state in devices.WORKSHOP_STEPS:
            count = figures.device_states.get(state, 0)
            if not count:
                continue
            url = (
                _url("devices:list", access, {"state": state})
                if state == S.READY
                else _url("devices:work_queue", access, {"state": state})
            )
            lines.append(Line(_step_text(state, count), url, count))
    return lines


def hub_volunteer_lines(access: Access, figures: Figures) -> list[Line]:
    lines: list[Line] = []
    if access.can(Perm.HAND_OVER_DEVICES) and access.can(Perm.VIEW_REQUESTS):
        for hub in figures.hand_overs:
            lines.append(
                Line(
                    ngettext(
                        "device waits at %(hub)s to be handed over",
                        "devices wait at %(hub)s to be handed over",
                        hub.count,
                    )
                    % {"hub": hub.hub_name},
                    _requests_url(access, status=RequestStatus.RESERVED, hub=hub.hub_id),
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
                _requests_url(access, status=RequestStatus.SUBMITTED, proof=lending.Proof.MISSING),
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
    lines = _request_lines(access, tallies, **partner)
    if tallies.on_waiting_list:
        lines.append(
            Line(
                ngettext(
                    "referral is on the waiting list",
                    "referrals are on the waiting list",
                    tallies.on_waiting_list,
                ),
                _requests_url(access, status=RequestStatus.WAITING, **partner),
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
                _requests_url(access, status=RequestStatus.RESERVED, **partner),
                tallies.reserved,
            )
        )
    return lines


def sections(access: Access) -> list[Section]:
    """One section for each role the user holds here, in the order of the roles."""
    figures = Figures(access)
    built = {
        Role.COORDINATOR: coordinator_lines,
        Role.TECHNICIAN: technician_lines,
        Role.HUB_VOLUNTEER: hub_volunteer_lines,
        Role.REFERRER: referrer_lines,
    }
    not_built = {
        Role.HUB_VOLUNTEER: _("Appointments at the hubs will show here once the help part exists."),
        Role.TRAINER: _(
            "Your next sessions will show here once the skills part exists. "
            "There is nothing to do here yet."
        ),
        Role.ANALYST: _(
            "The headline figures and the dashboards will show here once the insights part "
            "exists. There is nothing to do here yet."
        ),
    }
    result = []
    for role in Role:
        if role not in access.roles:
            continue
        make = built.get(role)
        result.append(
            Section(
                role=role.value,
                title=str(capfirst(role.label)),
                lines=make(access, figures) if make else [],
                has_work_list=make is not None,
                not_built=str(not_built.get(role, "")),
            )
        )
    return result
